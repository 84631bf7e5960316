"""Grants pages: public calls and results; the organisation's, the reviewer's
and the staff's desks. Thin: parse, call a selector or a service, render."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.catalog.models import Agency, Municipality
from ruta.common import downloads as tables
from ruta.common.builds import built_download
from ruta.common.caching import public_page
from ruta.grants import services
from ruta.grants.forms import (
    BUDGET_POOLS,
    BUDGET_ROWS,
    ApplicationForm,
    BankAccountForm,
    BeneficiaryForm,
    CallForm,
    CfdiForm,
    DocumentForm,
    OrganizationForm,
    ReportForm,
)
from ruta.grants.models import (
    Application,
    ApplicationDocument,
    Call,
    Disbursement,
    Observation,
    Refund,
    Report,
    Sanction,
)
from ruta.grants.reasons import SHORTFALL, reason_text
from ruta.grants.rules.budget import BudgetLine, Category
from ruta.grants.rules.deadlines import REPORT_READING_SECTIONS
from ruta.grants.rules.scoring import CRITERIA
from ruta.grants.selectors.calls import call_results, calls_public, runs_with_entries
from ruta.grants.selectors.files import may_read_files
from ruta.grants.selectors.pages import (
    SMALL_CELL,
    acts_for,
    application_file,
    application_personal,
    dashboard,
    funded_totals,
    may_manage,
    may_open,
    may_score,
    register_aggregates,
    user_organizations,
)
from ruta.grants.services.register import PRIVACY_NOTICE_VERSION

RESULT_FIELDS = (
    "folio",
    "organization",
    "organization_rfc",
    "title",
    "scheme",
    "theme",
    "municipality",
    "requested",
    "score",
    "rank",
    "allocation",
    "amount",
    "status",
    "reason",
)


def _call(code: str) -> Call:
    return get_object_or_404(
        Call.objects.published().select_related("agency"), code=code
    )


def _staff_call(request: HttpRequest, code: str) -> Call:
    """Return a call, published or not, to its staff and reviewers."""
    call = get_object_or_404(Call.objects.select_related("agency"), code=code)
    if not (may_manage(request.user, call) or may_score(request.user, call)):
        if call.is_published:
            raise PermissionDenied
        raise Http404
    return call


@never_cache
@login_required
def call_new_page(request: HttpRequest) -> HttpResponse:
    """Create a call (staff of an administering body)."""
    agencies = [
        agency
        for agency in Agency.objects.order_by("name")
        if can(request.user, Action.VALIDATE, agency)
    ]
    if not agencies:
        raise PermissionDenied
    form = CallForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            call = _call_create(form.cleaned_data, agencies, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Convocatoria creada."))
            return redirect("grants:manage", code=call.code)
    return render(request, "grants/call_new.html", {"form": form})


def _call_create(data: dict[str, Any], agencies: list, user: Any) -> Call:
    pools = [
        services.PoolBudget(
            data[f"scheme_{n}"],
            data[f"theme_{n}"].strip(),
            data[f"amount_{n}"] or Decimal("0"),
        )
        for n in range(1, BUDGET_POOLS + 1)
        if data.get(f"scheme_{n}")
    ]
    rubric = [
        services.Criterion(number, name, data[f"points_{number}"])
        for number, name in CRITERIA
        if data.get(f"points_{number}")
    ]
    agency = next(a for a in agencies if str(a.pk) == data["agency"])
    call = services.call_create(
        agency=agency,
        code=data["code"],
        title=data["title"],
        fiscal_year=data["fiscal_year"],
        objective=data["objective"],
        bases=data["bases"],
        selection_criteria=data["selection_criteria"],
        coverage=data["coverage"],
        opens_on=data["opens_on"],
        closes_on=data["closes_on"],
        ends_on=data["ends_on"],
        administering_rfc=data["administering_rfc"],
        max_per_project=data["max_per_project"],
        budgets=pools,
        rubric=rubric,
        options={
            "max_applications": data["max_applications"],
            "shortfall": data["shortfall"],
            "report_reading": data["report_reading"],
            "cofunding_base": data["cofunding_base"],
        },
        actor=user,
    )
    if data["publish"]:
        services.call_publish(call=call, actor=user)
    return call


@public_page
def calls_index(request: HttpRequest) -> HttpResponse:
    """List the published calls."""
    may_create = can_anywhere(request.user, Action.VALIDATE)
    return render(
        request,
        "grants/calls.html",
        {"calls": calls_public(), "may_create": may_create},
    )


@public_page
def call_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show a call: objective, bases, budgets, rubric and the readings it applies."""
    call = _call(code)
    return render(
        request,
        "grants/call.html",
        {
            "call": call,
            "budgets": call.budgets.all(),
            "rubric": call.rubric.all(),
            "report_section": REPORT_READING_SECTIONS.get(call.report_reading, ""),
            "shortfall_text": SHORTFALL.get(call.shortfall, ""),
            "may_manage": may_manage(request.user, call),
            "may_score": may_score(request.user, call),
        },
    )


@public_page
def results_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show the result (fallo): scores, statuses, amounts and every reason."""
    call = _call(code)
    rows = call_results(call)
    transferred = funded_totals(call)
    folios = {a.folio: a.pk for a in call.applications.all()}
    funded = [
        (row, transferred.get(folios[row.folio], Decimal("0")))
        for row in rows
        if row.amount > 0 and row.status not in ("not_formalized",)
    ]
    return render(
        request, "grants/results.html", {"call": call, "rows": rows, "funded": funded}
    )


# The result's open-data columns and their Spanish headers (CSV and XLSX).
RESULT_COLUMNS = {
    "call": "convocatoria",
    "folio": "folio",
    "organization": "organizacion",
    "organization_rfc": "rfc_organizacion",
    "title": "proyecto",
    "scheme": "esquema",
    "theme": "tematica",
    "municipality": "municipio",
    "requested": "monto_solicitado",
    "score": "puntaje",
    "rank": "lugar",
    "allocation": "resultado_de_la_asignacion",
    "amount": "monto_asignado",
    "status": "estatus",
    "reason": "motivo",
    "is_demo": "dato_de_demostracion",
}
RESULT_MONEY = {"requested", "amount"}
# The register's aggregates (never a person): groups under five are empty.
REGISTER_COLUMNS = {
    "call": "convocatoria",
    "dimension": "dimension",
    "value": "valor",
    "people": "personas",
}
DIMENSION_NAMES = {
    "municipality": "municipio",
    "sex": "sexo",
    "age": "grupo_de_edad",
    "benefit": "beneficio",
}


@public_page
@built_download
def results_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Return the result as open data (CSV, XLSX or JSON): no personal data."""
    call = _call(code)
    if fmt not in tables.FORMATS:
        raise Http404
    rows = call_results(call)
    if fmt == "json":
        return JsonResponse(
            {"call": call.code, "results": [_record(call, row) for row in rows]},
            json_dumps_params={"ensure_ascii": False},
        )
    raw = [
        {
            "call": call.code,
            **{name: getattr(row, name) for name in RESULT_COLUMNS if name != "call"},
        }
        for row in rows
    ]
    return _table(call, "fallo", fmt, RESULT_COLUMNS, raw, money=RESULT_MONEY)


@public_page
@built_download
def register_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Return the register's aggregates as open data; small groups left empty."""
    call = _call(code)
    if fmt not in tables.FORMATS:
        raise Http404
    rows = [
        {
            "call": call.code,
            "dimension": DIMENSION_NAMES[row.dimension],
            "value": row.value,
            "people": row.people,
        }
        for row in register_aggregates(call)
    ]
    if fmt == "json":
        return JsonResponse(
            {
                "call": call.code,
                "small_groups_withheld_below": SMALL_CELL,
                "aggregates": rows,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return _table(call, "padron-agregados", fmt, REGISTER_COLUMNS, rows)


def _table(
    call: Call,
    name: str,
    fmt: str,
    columns: dict[str, str],
    rows: list[dict[str, Any]],
    *,
    money: set[str] | None = None,
) -> HttpResponse:
    """Return ``rows`` as a CSV (BOM, Spanish headers) or XLSX attachment."""
    if fmt == "csv":
        body: Any = "".join(tables.csv_chunks(columns, rows))
    else:
        body = tables.xlsx_bytes(
            columns, rows, sheet_name=name[:31], money_columns=money or set()
        )
    response = HttpResponse(body, content_type=tables.CONTENT_TYPES[fmt])
    filename = f"{call.code}-{name}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _record(call: Call, row: Any) -> dict[str, Any]:
    record = {"call": call.code}
    for name in (*RESULT_FIELDS, "is_demo"):
        value = getattr(row, name)
        record[name] = f"{value:.2f}" if isinstance(value, Decimal) else value
    return record


@public_page
def register_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show the beneficiary register's public aggregates (never a person)."""
    call = _call(code)
    return render(
        request,
        "grants/register.html",
        {"call": call, "aggregates": register_aggregates(call)},
    )


@never_cache
@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Show what is due and overdue, and the user's organisations."""
    today = timezone.localdate()
    return render(
        request,
        "grants/dashboard.html",
        {
            "items": dashboard(request.user, today),
            "organizations": user_organizations(request.user),
            "today": today,
            "form": OrganizationForm(),
        },
    )


@never_cache
@login_required
@require_http_methods(["POST"])
def organization_register_view(request: HttpRequest) -> HttpResponse:
    """Register an organisation; the user acts for it."""
    form = OrganizationForm(request.POST)
    if form.is_valid():
        try:
            services.organization_register(**form.cleaned_data, actor=request.user)
            messages.success(request, _("Organización registrada."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Revise los datos de la organización."))
    return redirect("grants:dashboard")


@never_cache
@login_required
def apply_page(request: HttpRequest, code: str) -> HttpResponse:
    """Apply to a call for one of the user's organisations."""
    call = _call(code)
    organizations = user_organizations(request.user)
    form = ApplicationForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_submit(
                call=call,
                organization=organizations.get(pk=data["organization"]),
                scheme=data["scheme"],
                theme=data["theme"],
                title=data["title"],
                summary=data["summary"],
                coordinator_name=data["coordinator_name"],
                coordinator_curp=data["coordinator_curp"],
                coordinator_email=data["coordinator_email"],
                compliance_opinion_on=data["compliance_opinion_on"],
                accepts_partial=data["accepts_partial"],
                lines=_lines(data),
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Solicitud recibida con el folio %(folio)s.")
                % {"folio": application.folio},
            )
            return redirect(application)
    rows = [
        [
            form[f"{name}_{n}"]
            for name in ("concept", "category", "support", "own_money", "own_in_kind")
        ]
        for n in range(1, BUDGET_ROWS + 1)
    ]
    top = [form[name] for name in TOP_FIELDS]
    return render(
        request,
        "grants/apply.html",
        {
            "call": call,
            "form": form,
            "rows": rows,
            "top": top,
            "organizations": organizations,
        },
    )


TOP_FIELDS = (
    "organization",
    "scheme",
    "theme",
    "title",
    "summary",
    "coordinator_name",
    "coordinator_curp",
    "coordinator_email",
    "compliance_opinion_on",
    "accepts_partial",
)


def _lines(data: dict[str, Any]) -> list[BudgetLine]:
    zero = Decimal("0")
    return [
        BudgetLine(
            data[f"concept_{n}"],
            Category(data[f"category_{n}"]),
            data[f"support_{n}"] or zero,
            data[f"own_money_{n}"] or zero,
            data[f"own_in_kind_{n}"] or zero,
        )
        for n in range(1, BUDGET_ROWS + 1)
        if data.get(f"concept_{n}")
    ]


def _application(code: str, folio: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related(
            "call__agency", "organization", "municipality"
        ),
        call__code=code,
        folio=folio,
    )


@never_cache
@login_required
def application_page(request: HttpRequest, code: str, folio: int) -> HttpResponse:
    """Show an application's file to its organisation, reviewers and staff."""
    application = _application(code, folio)
    if not may_open(request.user, application):
        raise PermissionDenied
    if request.method == "POST":
        _act(request, application)
        return redirect(application)
    call = application.call
    context = {
        "application": application,
        "call": call,
        "acts_for": acts_for(request.user, application),
        "manages": may_manage(request.user, call),
        "scores": may_score(request.user, call),
        "reads_files": may_read_files(request.user, application),
        "personal": application_personal(application, request.user, request.path),
        "rubric": call.rubric.all(),
        "document_form": DocumentForm(),
        "cfdi_form": CfdiForm(),
        "report_form": ReportForm(),
        "bank_form": BankAccountForm(),
        "beneficiary_form": BeneficiaryForm(),
        "privacy_notice_version": PRIVACY_NOTICE_VERSION,
        "today": timezone.localdate(),
        **application_file(application),
    }
    return render(request, "grants/application.html", context)


PageAction = Callable[[HttpRequest, Application], Any]


def _date(request: HttpRequest, name: str = "date") -> date:
    text = request.POST.get(name, "")
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        raise ValidationError(
            _("«%(text)s» no es una fecha AAAA-MM-DD.") % {"text": text[:20]}
        ) from None


def _pk(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("pk", ""))
    except ValueError:
        raise ValidationError(_("Falta el registro de la acción.")) from None


def _act(request: HttpRequest, application: Application) -> None:
    """Run the posted action through its service; report the outcome."""
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Acción desconocida."))
        return
    try:
        action(request, application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (
        PermissionDenied,
        Report.DoesNotExist,
        Disbursement.DoesNotExist,
        ApplicationDocument.DoesNotExist,
        Observation.DoesNotExist,
        Refund.DoesNotExist,
        Sanction.DoesNotExist,
    ):
        messages.error(request, _("No puede realizar esa acción sobre este registro."))
    else:
        messages.success(request, _("Hecho."))


def _form(form_class, request: HttpRequest):
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            ]
        )
    return form.cleaned_data


def _agreement(application: Application):
    return application.agreement


def upload_document(request: HttpRequest, app: Application) -> None:
    data = _form(DocumentForm, request)
    services.document_upload(
        application=app,
        requirement=data["requirement"],
        file=data["file"],
        actor=request.user,
    )


def review_document(request: HttpRequest, app: Application) -> None:
    document = app.documents.get(pk=_pk(request))
    services.document_review(
        document=document,
        accepted=request.POST.get("accepted") == "1",
        note=request.POST.get("note", ""),
        actor=request.user,
    )


def decide(request: HttpRequest, app: Application) -> None:
    services.application_eligibility_decide(application=app, actor=request.user)


def score(request: HttpRequest, app: Application) -> None:
    marks = {}
    for criterion in app.call.rubric.all():
        text = request.POST.get(f"mark_{criterion.number}", "")
        try:
            marks[criterion.number] = Decimal(text)
            if not marks[criterion.number].is_finite():
                raise ArithmeticError(text)
        except ArithmeticError:
            raise ValidationError(
                _("Criterio %(n)s: «%(text)s» no es un número.")
                % {"n": criterion.number, "text": text[:20]}
            ) from None
    services.application_score(application=app, marks=marks, actor=request.user)


def cite(request: HttpRequest, app: Application) -> None:
    services.agreement_cite(
        application=app, cited_on=_date(request), actor=request.user
    )


def sign(request: HttpRequest, app: Application) -> None:
    services.agreement_sign(
        agreement=_agreement(app), signed_on=_date(request), actor=request.user
    )


def lapse(request: HttpRequest, app: Application) -> None:
    services.agreement_lapse(
        agreement=_agreement(app), today=_date(request), actor=request.user
    )


def bank_account(request: HttpRequest, app: Application) -> None:
    data = _form(BankAccountForm, request)
    services.bank_account_register(
        agreement=_agreement(app), actor=request.user, **data
    )


def prove_account(request: HttpRequest, app: Application) -> None:
    services.bank_account_prove(
        account=_agreement(app).bank_account,
        proven_on=_date(request),
        actor=request.user,
    )


def extend_account(request: HttpRequest, app: Application) -> None:
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise ValidationError(_("Indique los días de prórroga.")) from None
    services.bank_account_extend(
        account=_agreement(app).bank_account, days=days, actor=request.user
    )


def schedule(request: HttpRequest, app: Application) -> None:
    agreement = _agreement(app)
    months, amounts = request.POST.getlist("month"), request.POST.getlist("amount")
    rows = []
    for month, amount in zip(months, amounts, strict=False):
        if month.strip():
            try:
                rows.append(
                    (date.fromisoformat(month.strip() + "-01"), Decimal(amount))
                )
            except (ValueError, ArithmeticError):
                raise ValidationError(
                    _("Mes «%(m)s» o monto «%(a)s» no válido.")
                    % {"m": month[:10], "a": amount[:20]}
                ) from None
    services.schedule_set(
        agreement=agreement,
        disbursements=rows,
        ends_on=app.call.ends_on,
        actor=request.user,
    )


def submit_cfdi(request: HttpRequest, app: Application) -> None:
    data = _form(CfdiForm, request)
    disbursement = _agreement(app).disbursements.get(pk=_pk(request))
    services.cfdi_submit(
        disbursement=disbursement, xml=data["xml"], pdf=data["pdf"], actor=request.user
    )


def approve(request: HttpRequest, app: Application) -> None:
    disbursement = _agreement(app).disbursements.get(pk=_pk(request))
    services.disbursement_approve(
        disbursement=disbursement, today=_date(request), actor=request.user
    )


def transfer(request: HttpRequest, app: Application) -> None:
    disbursement = _agreement(app).disbursements.get(pk=_pk(request))
    services.disbursement_transfer(
        disbursement=disbursement, transferred_on=_date(request), actor=request.user
    )


def submit_report(request: HttpRequest, app: Application) -> None:
    data = _form(ReportForm, request)
    report = _agreement(app).reports.get(pk=_pk(request))
    services.report_submit(
        report=report,
        submitted_on=timezone.localdate(),
        spent=data["spent"],
        content=data["content"],
        file=data["file"],
        actor=request.user,
    )


def extend_report(request: HttpRequest, app: Application) -> None:
    report = _agreement(app).reports.get(pk=_pk(request))
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise ValidationError(_("Indique los días de prórroga (1 a 5).")) from None
    services.report_extension_request(
        report=report, requested_on=timezone.localdate(), days=days, actor=request.user
    )


def observe(request: HttpRequest, app: Application) -> None:
    report = _agreement(app).reports.get(pk=_pk(request))
    services.observation_notify(
        report=report,
        text=request.POST.get("text", ""),
        notified_on=_date(request),
        actor=request.user,
    )


def accept_report(request: HttpRequest, app: Application) -> None:
    report = _agreement(app).reports.get(pk=_pk(request))
    services.report_accept(report=report, actor=request.user)


def answer(request: HttpRequest, app: Application) -> None:
    observation = Observation.objects.get(
        pk=_pk(request), report__agreement__application=app
    )
    services.observation_answer(
        observation=observation,
        answer=request.POST.get("answer", ""),
        answered_on=timezone.localdate(),
        actor=request.user,
    )


def resolve(request: HttpRequest, app: Application) -> None:
    observation = Observation.objects.get(
        pk=_pk(request), report__agreement__application=app
    )
    services.observation_resolve(
        observation=observation,
        resolved=request.POST.get("resolved") == "1",
        actor=request.user,
    )


def lift(request: HttpRequest, app: Application) -> None:
    sanction = _agreement(app).sanctions.get(pk=_pk(request))
    services.suspension_lift(
        sanction=sanction, today=_date(request), actor=request.user
    )


def cancel(request: HttpRequest, app: Application) -> None:
    services.cancellation_apply(
        agreement=_agreement(app),
        cause=request.POST.get("cause", ""),
        reason=request.POST.get("reason", "").strip()
        or _("Cancelación acordada por la instancia."),
        today=_date(request),
        actor=request.user,
    )


def add_beneficiary(request: HttpRequest, app: Application) -> None:
    data = _form(BeneficiaryForm, request)
    municipality = Municipality.objects.filter(pk=data["municipality"]).first()
    if municipality is None:
        raise ValidationError(
            _("Municipio: «%(code)s» no es una clave INEGI conocida.")
            % {"code": data["municipality"]}
        )
    services.beneficiary_add(
        agreement=_agreement(app),
        full_name=data["full_name"],
        age=data["age"],
        sex=data["sex"],
        benefit=data["benefit"],
        municipality=municipality,
        locality=data["locality"],
        guardian_name=data["guardian_name"],
        guardian_consent_on=data["guardian_consent_on"],
        privacy_notice_version=PRIVACY_NOTICE_VERSION,
        actor=request.user,
    )


def pay_refund(request: HttpRequest, app: Application) -> None:
    refund = _agreement(app).refunds.get(pk=_pk(request))
    proof = request.FILES.get("proof")
    if proof is None:
        raise ValidationError(_("Adjunte el comprobante del reintegro (PDF)."))
    services.refund_pay(
        refund=refund, paid_on=timezone.localdate(), proof=proof, actor=request.user
    )


def claim_unspent(request: HttpRequest, app: Application) -> None:
    spent = request.POST.get("spent", "").strip()
    try:
        amount = Decimal(spent)
    except ArithmeticError:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError(
            _("Monto ejercido: «%(value)s» no es un importe válido.") % {"value": spent}
        )
    services.unspent_refund_claim(
        agreement=_agreement(app), spent=amount, actor=request.user
    )


def confirm_refund(request: HttpRequest, app: Application) -> None:
    services.refund_confirm(
        refund=_agreement(app).refunds.get(pk=_pk(request)),
        confirmed_on=timezone.localdate(),
        actor=request.user,
    )


def reject_refund(request: HttpRequest, app: Application) -> None:
    services.refund_reject(
        refund=_agreement(app).refunds.get(pk=_pk(request)),
        reason=request.POST.get("reason", ""),
        actor=request.user,
    )


ACTIONS: dict[str, PageAction] = {
    "upload_document": upload_document,
    "review_document": review_document,
    "decide": decide,
    "score": score,
    "cite": cite,
    "sign": sign,
    "lapse": lapse,
    "bank_account": bank_account,
    "prove_account": prove_account,
    "extend_account": extend_account,
    "schedule": schedule,
    "submit_cfdi": submit_cfdi,
    "approve": approve,
    "transfer": transfer,
    "submit_report": submit_report,
    "extend_report": extend_report,
    "observe": observe,
    "accept_report": accept_report,
    "answer": answer,
    "resolve": resolve,
    "lift": lift,
    "cancel": cancel,
    "add_beneficiary": add_beneficiary,
    "pay_refund": pay_refund,
    "claim_unspent": claim_unspent,
    "confirm_refund": confirm_refund,
    "reject_refund": reject_refund,
}


@never_cache
@login_required
def manage_page(request: HttpRequest, code: str) -> HttpResponse:
    """The staff desk of a call: applications, the allocation and its explanation."""
    call = _staff_call(request, code)
    if request.method == "POST":
        if not may_manage(request.user, call):
            raise PermissionDenied
        try:
            services.allocation_run(call=call, actor=request.user)
            messages.success(request, _("Asignación ejecutada (§4.3)."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("grants:manage", code=call.code)
    runs = list(runs_with_entries(call)[:5])
    explained = [
        (
            run,
            [
                (
                    entry,
                    reason_text(entry.reason_code, entry.reason_params, run.shortfall),
                )
                for entry in run.entries.all()
            ],
        )
        for run in runs
    ]
    return render(
        request,
        "grants/manage.html",
        {
            "call": call,
            "rows": call_results(call),
            "runs": explained,
            "manages": may_manage(request.user, call),
            "input_json": json.dumps(runs[0].input, ensure_ascii=False, indent=1)
            if runs
            else "",
        },
    )
