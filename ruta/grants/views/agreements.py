"""Actions on an agreement: signature, bank account, disbursements, reports,
observations, sanctions, cancellation, beneficiaries and refunds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.http import SignedInRequest
from ruta.catalog.models import Municipality
from ruta.grants import services
from ruta.grants.forms import BankAccountForm, BeneficiaryForm, CfdiForm, ReportForm
from ruta.grants.models import Application, Observation
from ruta.grants.services.register import PRIVACY_NOTICE_VERSION
from ruta.grants.views.posted import agreement_of, posted_date, posted_form, posted_pk


def cite(request: SignedInRequest, app: Application) -> None:
    services.agreement_cite(
        application=app, cited_on=posted_date(request), actor=request.user
    )


def sign(request: SignedInRequest, app: Application) -> None:
    services.agreement_sign(
        agreement=agreement_of(app), signed_on=posted_date(request), actor=request.user
    )


def lapse(request: SignedInRequest, app: Application) -> None:
    services.agreement_lapse(
        agreement=agreement_of(app), today=posted_date(request), actor=request.user
    )


def bank_account(request: SignedInRequest, app: Application) -> None:
    data = posted_form(BankAccountForm, request)
    services.bank_account_register(
        agreement=agreement_of(app), actor=request.user, **data
    )


def prove_account(request: SignedInRequest, app: Application) -> None:
    services.bank_account_prove(
        account=agreement_of(app).bank_account,
        proven_on=posted_date(request),
        actor=request.user,
    )


def extend_account(request: SignedInRequest, app: Application) -> None:
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise ValidationError(_("Indique los días de prórroga.")) from None
    services.bank_account_extend(
        account=agreement_of(app).bank_account, days=days, actor=request.user
    )


def schedule(request: SignedInRequest, app: Application) -> None:
    agreement = agreement_of(app)
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


def submit_cfdi(request: SignedInRequest, app: Application) -> None:
    data = posted_form(CfdiForm, request)
    disbursement = agreement_of(app).disbursements.get(pk=posted_pk(request))
    services.cfdi_submit(
        disbursement=disbursement, xml=data["xml"], pdf=data["pdf"], actor=request.user
    )


def approve(request: SignedInRequest, app: Application) -> None:
    disbursement = agreement_of(app).disbursements.get(pk=posted_pk(request))
    services.disbursement_approve(
        disbursement=disbursement, today=posted_date(request), actor=request.user
    )


def transfer(request: SignedInRequest, app: Application) -> None:
    disbursement = agreement_of(app).disbursements.get(pk=posted_pk(request))
    services.disbursement_transfer(
        disbursement=disbursement,
        transferred_on=posted_date(request),
        actor=request.user,
    )


def submit_report(request: SignedInRequest, app: Application) -> None:
    data = posted_form(ReportForm, request)
    report = agreement_of(app).reports.get(pk=posted_pk(request))
    services.report_submit(
        report=report,
        submitted_on=timezone.localdate(),
        spent=data["spent"],
        content=data["content"],
        file=data["file"],
        actor=request.user,
    )


def extend_report(request: SignedInRequest, app: Application) -> None:
    report = agreement_of(app).reports.get(pk=posted_pk(request))
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise ValidationError(_("Indique los días de prórroga (1 a 5).")) from None
    services.report_extension_request(
        report=report, requested_on=timezone.localdate(), days=days, actor=request.user
    )


def observe(request: SignedInRequest, app: Application) -> None:
    report = agreement_of(app).reports.get(pk=posted_pk(request))
    services.observation_notify(
        report=report,
        text=request.POST.get("text", ""),
        notified_on=posted_date(request),
        actor=request.user,
    )


def accept_report(request: SignedInRequest, app: Application) -> None:
    report = agreement_of(app).reports.get(pk=posted_pk(request))
    services.report_accept(report=report, actor=request.user)


def answer(request: SignedInRequest, app: Application) -> None:
    observation = Observation.objects.get(
        pk=posted_pk(request), report__agreement__application=app
    )
    services.observation_answer(
        observation=observation,
        answer=request.POST.get("answer", ""),
        answered_on=timezone.localdate(),
        actor=request.user,
    )


def resolve(request: SignedInRequest, app: Application) -> None:
    observation = Observation.objects.get(
        pk=posted_pk(request), report__agreement__application=app
    )
    services.observation_resolve(
        observation=observation,
        resolved=request.POST.get("resolved") == "1",
        actor=request.user,
    )


def lift(request: SignedInRequest, app: Application) -> None:
    sanction = agreement_of(app).sanctions.get(pk=posted_pk(request))
    services.suspension_lift(
        sanction=sanction, today=posted_date(request), actor=request.user
    )


def cancel(request: SignedInRequest, app: Application) -> None:
    services.cancellation_apply(
        agreement=agreement_of(app),
        cause=request.POST.get("cause", ""),
        reason=request.POST.get("reason", "").strip()
        or _("Cancelación acordada por la instancia."),
        today=posted_date(request),
        actor=request.user,
    )


def add_beneficiary(request: SignedInRequest, app: Application) -> None:
    data = posted_form(BeneficiaryForm, request)
    municipality = Municipality.objects.filter(pk=data["municipality"]).first()
    if municipality is None:
        raise ValidationError(
            _("Municipio: «%(code)s» no es una clave INEGI conocida.")
            % {"code": data["municipality"]}
        )
    services.beneficiary_add(
        agreement=agreement_of(app),
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


def pay_refund(request: SignedInRequest, app: Application) -> None:
    refund = agreement_of(app).refunds.get(pk=posted_pk(request))
    proof = request.FILES.get("proof")
    if proof is None:
        raise ValidationError(_("Adjunte el comprobante del reintegro (PDF)."))
    services.refund_pay(
        refund=refund, paid_on=timezone.localdate(), proof=proof, actor=request.user
    )


def claim_unspent(request: SignedInRequest, app: Application) -> None:
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
        agreement=agreement_of(app), spent=amount, actor=request.user
    )


def confirm_refund(request: SignedInRequest, app: Application) -> None:
    services.refund_confirm(
        refund=agreement_of(app).refunds.get(pk=posted_pk(request)),
        confirmed_on=timezone.localdate(),
        actor=request.user,
    )


def reject_refund(request: SignedInRequest, app: Application) -> None:
    services.refund_reject(
        refund=agreement_of(app).refunds.get(pk=posted_pk(request)),
        reason=request.POST.get("reason", ""),
        actor=request.user,
    )
