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
from django.views.decorators.cache import never_cache

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.accounts.personal import personal_data_models
from ruta.catalog.models import Agency
from ruta.common.forms import form_submit
from ruta.works.desk_forms import AidRequestForm
from ruta.works.selectors.desk import (
    aid_agencies,
    aids_to_resolve,
    desk_municipalities,
)
from ruta.works.services.aids import AidRequest, aid_request_capture

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
        {"pending": shown, "waiting": waiting},
    )
