"""The staff desk's social aids: capture a request, resolve others'.

Thin views over ``ruta.works.services.aids``: the aids staff of an agency
capture a request for aid (or import a year's file through the ``aids``
importer); validators of the agency find the requests waiting on their page
and grant or deny those another person captured, with the steps of the aid's
cycle (``ruta.works.cycles.AID``). The name, sex and age group of whoever
asked are personal data: shown only to those who may read them over the aid,
each read logged.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.accounts.personal import personal_data_models
from ruta.catalog.models import Agency
from ruta.common.text.money import ZERO, format_mxn
from ruta.common.web.forms import form_submit
from ruta.works.cycles import AID
from ruta.works.desk_forms import AidRequestForm, AidsResolveForm
from ruta.works.selectors.desk import (
    aid_agencies,
    aid_years_to_resolve,
    aids_resolvable,
    aids_to_resolve,
    desk_municipalities,
)
from ruta.works.services.aids import AidRequest, aid_request_capture, aids_resolve

# Where the form shows a refusal of the service, by its code.
FIELDS = {"closed_year": "fiscal_year"}


@never_cache
@login_required
def desk_aid_new(request: SignedInRequest) -> HttpResponse:
    """Capture a request for a social aid; another person resolves it."""
    agencies = aid_agencies(request.user)
    if not agencies:
        raise PermissionDenied
    form = AidRequestForm(
        request.POST or None,
        agencies=Agency.objects.filter(pk__in=[a.pk for a in agencies]),
        municipalities=desk_municipalities(),
        # The aids staff of one department find it chosen.
        initial={"agency": agencies[0].pk} if len(agencies) == 1 else None,
    )
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        captured = form_submit(
            form,
            lambda: aid_request_capture(
                request=AidRequest(
                    concept=data["concept"],
                    amount=data["amount"],
                    requested_on=data["requested_on"],
                    municipality=data["municipality"],
                    description=data["description"],
                    beneficiaries=data["beneficiaries"],
                    recipient_sex=data["recipient_sex"],
                    age_group=data["age_group"],
                    recipient_name=data["recipient_name"],
                    recipient_rfc=data["recipient_rfc"],
                ),
                fiscal_year=data["fiscal_year"],
                agency=data["agency"],
                actor=request.user,
            ),
            fields=FIELDS,
            denied=_("Su cuenta no puede capturar ayudas de esta dependencia aquí."),
        )
        if captured.ok and captured.value is not None:
            messages.success(
                request,
                _(
                    "Solicitud %(id)s capturada: otra persona validadora la otorga "
                    "o la declara no procedente."
                )
                % {"id": captured.value.public_id},
            )
            return redirect("desk:aid_new")
    return render(
        request,
        "works/desk/aid_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def desk_aids(request: SignedInRequest) -> HttpResponse:
    """List the requests for aid waiting for the signed-in validator."""
    if not can_anywhere(request.user, Action.VALIDATE):
        raise PermissionDenied
    pending, waiting = aids_to_resolve(request.user)
    declaration = personal_data_models()["works.Aid"]
    shown = []
    for aid in pending:
        personal = can(request.user, Action.VIEW_PERSONAL_DATA, aid)
        if personal and (aid.recipient_name or aid.recipient_sex or aid.age_group):
            declaration.log_read(aid, request.user, request.path)
        shown.append((aid, personal))
    return render(
        request,
        "works/desk/aids.html",
        {
            "pending": shown,
            "waiting": waiting,
            "years": aid_years_to_resolve(request.user),
        },
    )


# The requests a confirmation lists by folio; the rest it counts.
CONFIRMATION_LISTED = 20


@never_cache
@login_required
@require_POST
def desk_aids_resolve(request: SignedInRequest) -> HttpResponse:
    """Resolve many requests for aid at once, after a confirmation that says
    how many and for how much.

    The first post (the marked requests, or a whole year's) answers with the
    confirmation; the second carries its count and total back, and a
    selection that changed meanwhile is confirmed again. Each request is
    then resolved by the one step service (``aids_resolve``).
    """
    if not can_anywhere(request.user, Action.VALIDATE):
        raise PermissionDenied
    resolvable = aids_resolvable(request.user)
    form = AidsResolveForm(
        request.POST,
        aids=list(resolvable.values_list("pk", flat=True)),
        years=[year.year for year in aid_years_to_resolve(request.user)],
    )
    if not form.is_valid():
        return render(
            request, "works/desk/aids_resolve.html", {"form": form}, status=400
        )
    data = form.cleaned_data
    chosen = (
        resolvable.filter(pk__in=data["aid"])
        if data["aid"]
        else resolvable.filter(fiscal_year_id=data["year"])
    )
    records = AID.awaiting(
        request.user,
        data["step"],
        chosen.select_related("agency", "fiscal_year").order_by("requested_on", "pk"),
    )
    total = sum((aid.amount for aid in records), ZERO)
    token = f"{len(records)}:{total}"
    step = AID.step(data["step"])
    ids = [aid.pk for aid in records]
    context = {
        "form": form,
        "records": records[:CONFIRMATION_LISTED],
        "ids": ids,
        "count": len(records),
        "total": total,
        "token": token,
        "step": step,
        "changed": "confirm" in request.POST and request.POST["confirm"] != token,
    }
    if request.POST.get("confirm") != token:
        return render(request, "works/desk/aids_resolve.html", context)
    resolved = form_submit(
        form,
        lambda: aids_resolve(
            aids=ids,
            step=data["step"],
            reason=data["reason"],
            actor=request.user,
        ),
    )
    if not resolved.ok or resolved.value is None:
        return render(request, "works/desk/aids_resolve.html", context, status=400)
    count = resolved.value.count
    words = {"count": count, "total": format_mxn(resolved.value.total)}
    if data["step"] == "grant":
        done = ngettext(
            "Se otorgó %(count)s solicitud por %(total)s.",
            "Se otorgaron %(count)s solicitudes por %(total)s.",
            count,
        )
    else:
        done = ngettext(
            "Se resolvió como no procedente %(count)s solicitud por %(total)s.",
            "Se resolvieron como no procedentes %(count)s solicitudes por %(total)s.",
            count,
        )
    messages.success(request, done % words)
    return redirect("desk:aids")
