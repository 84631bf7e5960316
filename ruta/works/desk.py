"""The staff desk for works: capture, funding, progress with photos, contracts,
payments, documents, decisions.

Thin views over the works services: the signed-in person is always the
actor, a service's refusal is shown at the field it concerns and nothing is
saved. Capture staff see and change only the works of their scope; a
validator of the scope approves a proposal, which publishes it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, require_anywhere
from ruta.catalog.models import Agency
from ruta.common.web.forms import form_submit, refusal_show
from ruta.works.desk_forms import (
    ContractForm,
    DocumentForm,
    FundingFormSet,
    PaymentForm,
    ProgressForm,
    WorkCaptureForm,
    funding_lines,
)
from ruta.works.models import Work, WorkStatus
from ruta.works.selectors.desk import (
    desk_agencies,
    desk_contracts,
    desk_documents,
    desk_modifications,
    desk_municipalities,
    desk_works,
)
from ruta.works.services import (
    contract_add,
    document_add,
    funding_set,
    payment_record,
    photo_add,
    progress_record,
    work_create,
)

# Where a service's refusal is shown: its code → the form field it concerns.
FUNDING_CODES = {"funding_mismatch", "negative_funding", "repeated_funding"}
PROGRESS_FIELDS = {
    "progress_regression": "reason",
    "paid_regression": "reason",
    "percent_range": "physical_percent",
    "paid_range": "amount_paid",
    "progress_out_of_order": "on",
    "finished_progress_below_full": "physical_percent",
}
CONTRACT_FIELDS = {
    "contracts_exceed_investment": "amount",
    "contract_number_reused": "number",
    "rfc_invalid": "contractor_rfc",
}
PAYMENT_FIELDS = {
    "payments_exceed_contract": "amount",
    "payment_not_positive": "amount",
    "invoice_uuid_format": "invoice",
    "invoice_uuid_reused": "invoice",
    "payment_too_old": "paid_on",
    "payment_in_future": "paid_on",
    "payment_before_contract": "paid_on",
}
DOCUMENT_FIELDS = {
    "document_too_large": "file",
    "document_not_pdf": "file",
    "document_unreadable": "file",
    "document_kind": "kind",
}


def _require_desk(request: HttpRequest) -> None:
    require_anywhere(request.user, Action.CAPTURE)


def _desk_work(request: HttpRequest, public_id: str) -> Work:
    work = Work.objects.filter(public_id=public_id).first()
    if work is None:
        raise Http404("no such work")
    if not can(request.user, Action.CAPTURE, work):
        raise PermissionDenied
    return work


@never_cache
@login_required
def desk_index(request: SignedInRequest) -> HttpResponse:
    """List the works the signed-in person may capture; proposals first."""
    _require_desk(request)
    works = desk_works(request.user)
    proposals = [work for work in works if work.status == WorkStatus.PROPOSED]
    return render(
        request,
        "works/desk/index.html",
        {"works": works, "proposals": proposals},
    )


@never_cache
@login_required
def desk_create(request: SignedInRequest) -> HttpResponse:
    """Capture a new work with its funding rows; it starts as a proposal."""
    _require_desk(request)
    form = WorkCaptureForm(
        request.POST or None,
        agencies=_agencies_queryset(request),
        municipalities=desk_municipalities(),
    )
    funding = FundingFormSet(request.POST or None, prefix="funding")
    if request.method == "POST" and form.is_valid() and funding.is_valid():
        try:
            work = work_create(
                **form.cleaned_data,
                funding=funding_lines(funding),
                actor=request.user,
            )
        except PermissionDenied:
            form.add_error(
                "executing_agency",
                _(
                    "Su cuenta no puede capturar obras de esta ejecutora "
                    "en este municipio."
                ),
            )
        except ValidationError as error:
            _capture_errors(form, funding, error)
        else:
            messages.success(
                request, _("Obra registrada como propuesta; falta la aprobación.")
            )
            return redirect("desk:work", public_id=work.public_id)
    return render(request, "works/desk/create.html", {"form": form, "funding": funding})


def _agencies_queryset(request: SignedInRequest) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=[a.pk for a in desk_agencies(request.user)])


def _capture_errors(form, funding, error: ValidationError) -> None:
    """Put a refusal of ``work_create`` at the funding rows or the form."""
    if not hasattr(error, "error_dict") and any(
        item.code in FUNDING_CODES for item in error.error_list
    ):
        funding._non_form_errors = funding.error_class(error.messages)  # noqa: SLF001
        return
    refusal_show(form, error)


@never_cache
@login_required
def desk_work(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Show a work to capture staff: funding, progress and photo, next steps."""
    work = _desk_work(request, public_id)
    action = request.POST.get("action", "")
    funding = _funding_formset(request, work, bound=action == "funding")
    progress = ProgressForm(
        request.POST if action == "progress" else None,
        request.FILES if action == "progress" else None,
        prefix="progress",
    )
    done = None
    if action == "funding" and funding.is_valid():
        done = _save_funding(request, work, funding)
    elif action == "progress":
        done = _save_progress(request, work, progress)
    if done:
        messages.success(request, done)
        return redirect("desk:work", public_id=work.public_id)
    return render(
        request,
        "works/desk/work.html",
        {
            "work": work,
            "funding": funding,
            "progress": progress,
            "contracts": desk_contracts(work),
            "documents": desk_documents(work),
            "modifications": desk_modifications(work),
        },
    )


def _funding_formset(request: HttpRequest, work: Work, *, bound: bool):
    initial = [
        {"source": row.source, "fund": row.fund, "amount": row.amount}
        for row in work.funding.all()
    ]
    return FundingFormSet(
        request.POST if bound else None, prefix="funding", initial=initial
    )


def _save_funding(request: SignedInRequest, work: Work, funding) -> str | None:
    try:
        funding_set(work=work, funding=funding_lines(funding), actor=request.user)
    except ValidationError as error:
        funding._non_form_errors = funding.error_class(error.messages)  # noqa: SLF001
        return None
    return _("Estructura financiera guardada.")


def _save_progress(
    request: SignedInRequest, work: Work, form: ProgressForm
) -> str | None:
    saved = form_submit(
        form,
        lambda: _progress_with_photo(request, work, form.cleaned_data),
        fields={**PROGRESS_FIELDS, **dict.fromkeys(PHOTO_CODES, "photo")},
    )
    return _("Avance registrado.") if saved.ok else None


PHOTO_CODES = ("photo_too_large", "photo_format", "photo_unreadable")


@transaction.atomic
def _progress_with_photo(request: SignedInRequest, work: Work, data: dict) -> None:
    """Record the progress and its photo together, or neither."""
    photo = data.pop("photo", None)
    progress_record(work=work, **data, actor=request.user)
    if photo is not None:
        photo_add(
            work=work,
            upload=photo,
            size=photo.size,
            title=data.get("evidence", ""),
            actor=request.user,
        )


def _record_page(
    request: HttpRequest, work: Work, form, *, heading: str, submit: str
) -> HttpResponse:
    return render(
        request,
        "works/desk/record.html",
        {"work": work, "form": form, "heading": heading, "submit": submit},
    )


@never_cache
@login_required
def desk_contract_add(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Register a contract signed to execute a work."""
    work = _desk_work(request, public_id)
    form = ContractForm(request.POST or None)
    if request.method == "POST":
        added = form_submit(
            form,
            lambda: contract_add(work=work, **form.cleaned_data, actor=request.user),
            fields=CONTRACT_FIELDS,
            denied=_("Su cuenta no puede registrar contratos aquí."),
        )
        if added.ok:
            messages.success(request, _("Contrato registrado."))
            return redirect("desk:work", public_id=work.public_id)
    return _record_page(
        request,
        work,
        form,
        heading=_("Registrar un contrato"),
        submit=_("Registrar el contrato"),
    )


@never_cache
@login_required
def desk_payment_add(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Record a payment under one of a work's contracts, with its invoice's UUID."""
    work = _desk_work(request, public_id)
    form = PaymentForm(
        request.POST or None, contracts=work.contracts.order_by("signed_on", "number")
    )
    if request.method == "POST":
        recorded = form_submit(
            form,
            lambda: payment_record(**form.cleaned_data, actor=request.user),
            fields=PAYMENT_FIELDS,
            denied=_("Su cuenta no puede registrar pagos aquí."),
        )
        if recorded.ok:
            messages.success(request, _("Pago registrado."))
            return redirect("desk:work", public_id=work.public_id)
    return _record_page(
        request,
        work,
        form,
        heading=_("Registrar un pago"),
        submit=_("Registrar el pago"),
    )


@never_cache
@login_required
def desk_document_add(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Upload a PDF document of a work (a contract, a report, an act)."""
    work = _desk_work(request, public_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        uploaded = form_submit(
            form,
            lambda: _document_add(request, work, form.cleaned_data),
            fields=DOCUMENT_FIELDS,
            denied=_("Su cuenta no puede subir documentos aquí."),
        )
        if uploaded.ok:
            messages.success(request, _("Documento publicado con la obra."))
            return redirect("desk:work", public_id=work.public_id)
    return _record_page(
        request,
        work,
        form,
        heading=_("Subir un documento"),
        submit=_("Subir el documento"),
    )


def _document_add(request: SignedInRequest, work: Work, data: dict) -> None:
    upload = data.pop("file")
    document_add(work=work, upload=upload, size=upload.size, **data, actor=request.user)
