"""Staff pages of the concertation, reached from the desk ("Mi mesa").

Validators of the concerting agency record each year's agreements, their
signature and the lineamientos met; whoever the agreement's scope reaches
(an auditor included) reads them. The services decide and refuse; a refusal
is shown on the form it concerns.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, reaches
from ruta.catalog.instance import instance
from ruta.catalog.models import FiscalYear
from ruta.common.web.forms import form_submit
from ruta.concertation import selectors, services
from ruta.concertation.forms import (
    AgreementForm,
    AmountsForm,
    CheckForm,
    SignForm,
    UncheckForm,
)
from ruta.concertation.models import Agreement


def _year(request: SignedInRequest) -> int:
    """Return the asked year if it is a fiscal year, else the latest with agreements."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and FiscalYear.objects.filter(year=int(asked[:4])).exists():
        return int(asked[:4])
    latest = Agreement.objects.order_by("-fiscal_year").first()
    return latest.fiscal_year_id if latest else timezone.localdate().year


@never_cache
@login_required
def desk(request: SignedInRequest) -> HttpResponse:
    """List the year's agreements in reach and the municipalities without one."""
    year = _year(request)
    rows = selectors.agreements_in_reach(request.user, year)
    agencies = selectors.agencies_to_concert(request.user)
    if not rows and not agencies:
        raise PermissionDenied
    missing = [
        (agency, list(selectors.municipalities_without_agreement(agency, year)))
        for agency in agencies
    ]
    return render(
        request,
        "concertation/desk.html",
        {
            "year": year,
            "years": FiscalYear.objects.values_list("year", flat=True),
            "rows": rows,
            "may_record": bool(agencies),
            "missing": [(agency, places) for agency, places in missing if places],
        },
    )


@never_cache
@login_required
def agreement_new(request: SignedInRequest) -> HttpResponse:
    """Record a municipality's agreement for a year."""
    agencies = selectors.agencies_to_concert(request.user)
    if not agencies:
        raise PermissionDenied
    places = list(instance().municipalities().order_by("name"))
    initial = {"year": _year(request), "municipality": request.GET.get("municipio")}
    form = AgreementForm(
        request.POST or None,
        initial=initial,
        agencies=agencies,
        municipalities=places,
    )
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        done = form_submit(
            form,
            lambda: services.agreement_record(
                agency=next(a for a in agencies if str(a.pk) == data["agency"]),
                municipality=next(m for m in places if m.code == data["municipality"]),
                year=data["year"],
                floor=data["floor"],
                municipal_contribution=data["municipal_contribution"],
                community_contribution=data["community_contribution"],
                notes=data["notes"],
                actor=request.user,
            ),
        )
        if done.ok and done.value is not None:
            messages.success(request, _("Convenio registrado: registre su firma."))
            return redirect(done.value)
    return render(request, "concertation/new.html", {"form": form})


def _read(request: SignedInRequest, pk: int) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("municipality", "agency"), pk=pk
    )
    if not reaches(request.user, agreement):
        raise Http404("no such agreement")
    return agreement


def _page(
    request: SignedInRequest, agreement: Agreement, status: int = 200, **bound: Any
) -> HttpResponse:
    may = can(request.user, Action.VALIDATE, agreement)
    amounts = bound.get("amounts") or AmountsForm(
        initial={
            "floor": agreement.floor,
            "municipal_contribution": agreement.municipal_contribution,
            "community_contribution": agreement.community_contribution,
            "notes": agreement.notes,
        }
    )
    return render(
        request,
        "concertation/agreement.html",
        {
            "agreement": agreement,
            "use": selectors.floor_use(agreement),
            "checklist": selectors.checklist(agreement),
            "works": selectors.concerted_works(agreement).order_by("public_id")[:200],
            "may": may,
            "amounts": amounts,
            "sign": bound.get("sign") or SignForm(),
            "check": bound.get("check"),
            "uncheck": bound.get("uncheck"),
        },
        status=status,
    )


@never_cache
@login_required
def agreement_page(request: SignedInRequest, pk: int) -> HttpResponse:
    """An agreement: its amounts, signature, checklist and its floor's use."""
    return _page(request, _read(request, pk))


def _post(
    request: SignedInRequest,
    pk: int,
    form_class: type[forms.Form],
    name: str,
    service: Any,
    done: str,
) -> HttpResponse:
    agreement = _read(request, pk)
    form = form_class(request.POST, request.FILES)
    submitted = form_submit(form, lambda: service(agreement, form.cleaned_data))
    if submitted.ok:
        messages.success(request, done)
        return redirect(agreement)
    return _page(request, agreement, status=400, **{name: form})


@require_POST
@login_required
def agreement_amounts(request: SignedInRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        AmountsForm,
        "amounts",
        lambda agreement, data: services.agreement_update(
            agreement=agreement, **data, actor=request.user
        ),
        _("Montos del convenio actualizados."),
    )


@require_POST
@login_required
def agreement_signature(request: SignedInRequest, pk: int) -> HttpResponse:
    def sign(agreement: Agreement, data: dict) -> Agreement:
        upload = data["document"]
        return services.agreement_sign(
            agreement=agreement,
            signed_on=data["signed_on"],
            upload=upload,
            size=upload.size if upload else 0,
            actor=request.user,
        )

    return _post(request, pk, SignForm, "sign", sign, _("Firma registrada."))


@require_POST
@login_required
def checklist_mark(request: SignedInRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        CheckForm,
        "check",
        lambda agreement, data: services.lineamiento_check(
            agreement=agreement, **data, actor=request.user
        ),
        _("Lineamiento marcado como cumplido."),
    )


@require_POST
@login_required
def checklist_unmark(request: SignedInRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        UncheckForm,
        "uncheck",
        lambda agreement, data: services.lineamiento_uncheck(
            agreement=agreement, **data, actor=request.user
        ),
        _("Lineamiento marcado como pendiente."),
    )
