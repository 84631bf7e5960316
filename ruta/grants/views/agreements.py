"""Actions on an agreement, each at its own address: the citation and the
signature, the bank account, the schedule and its disbursements, reports and
observations, sanctions, cancellation, beneficiaries and refunds.

The status steps among them that ask for more than a reason (a date, a
cause, a file) are taken here, through their cycle (``ruta.grants.cycles``);
those that ask for a reason at most are taken on the one page of steps.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.cycles import step_take
from ruta.accounts.http import SignedInRequest
from ruta.catalog.models import Municipality
from ruta.grants import services
from ruta.grants.cycles import AGREEMENT, DISBURSEMENT, REFUND, REPORT, SANCTION
from ruta.grants.forms import BankAccountForm, BeneficiaryForm, CfdiForm, ReportForm
from ruta.grants.models import Application, Observation
from ruta.grants.services.register import PRIVACY_NOTICE_VERSION
from ruta.grants.views.posted import (
    agreement_of,
    file_action,
    posted_date,
    posted_form,
)


@file_action
def agreement_cite(request: SignedInRequest, app: Application) -> None:
    services.agreement_cite(
        application=app, cited_on=posted_date(request), actor=request.user
    )


@file_action
def agreement_sign(request: SignedInRequest, app: Application) -> object:
    step_take(
        AGREEMENT,
        agreement_of(app),
        "sign",
        values={"signed_on": posted_date(request)},
        actor=request.user,
    )
    return AGREEMENT.step("sign").done


@file_action
def agreement_lapse(request: SignedInRequest, app: Application) -> object:
    services.agreement_lapse(
        agreement=agreement_of(app), today=posted_date(request), actor=request.user
    )
    return AGREEMENT.step("lapse").done


@file_action
def bank_account(request: SignedInRequest, app: Application) -> None:
    data = posted_form(BankAccountForm, request)
    services.bank_account_register(
        agreement=agreement_of(app), actor=request.user, **data
    )


@file_action
def bank_account_prove(request: SignedInRequest, app: Application) -> None:
    services.bank_account_prove(
        account=agreement_of(app).bank_account,
        proven_on=posted_date(request),
        actor=request.user,
    )


@file_action
def bank_account_extend(request: SignedInRequest, app: Application) -> None:
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise ValidationError(_("Indique los días de prórroga.")) from None
    services.bank_account_extend(
        account=agreement_of(app).bank_account, days=days, actor=request.user
    )


@file_action
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


@file_action
def disbursement_cfdi(request: SignedInRequest, app: Application, pk: int) -> None:
    data = posted_form(CfdiForm, request)
    disbursement = agreement_of(app).disbursements.get(pk=pk)
    services.cfdi_submit(
        disbursement=disbursement, xml=data["xml"], pdf=data["pdf"], actor=request.user
    )


@file_action
def disbursement_transfer(
    request: SignedInRequest, app: Application, pk: int
) -> object:
    step_take(
        DISBURSEMENT,
        agreement_of(app).disbursements.get(pk=pk),
        "transfer",
        values={"transferred_on": posted_date(request)},
        actor=request.user,
    )
    return DISBURSEMENT.step("transfer").done


@file_action
def report_submit(request: SignedInRequest, app: Application, pk: int) -> object:
    data = posted_form(ReportForm, request)
    report = agreement_of(app).reports.get(pk=pk)
    services.report_submit(
        report=report,
        submitted_on=timezone.localdate(),
        spent=data["spent"],
        content=data["content"],
        file=data["file"],
        actor=request.user,
    )
    return REPORT.step("submit").done


@file_action
def report_extend(request: SignedInRequest, app: Application, pk: int) -> None:
    report = agreement_of(app).reports.get(pk=pk)
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise ValidationError(_("Indique los días de prórroga (1 a 5).")) from None
    services.report_extension_request(
        report=report, requested_on=timezone.localdate(), days=days, actor=request.user
    )


@file_action
def report_observe(request: SignedInRequest, app: Application, pk: int) -> object:
    report = agreement_of(app).reports.get(pk=pk)
    services.observation_notify(
        report=report,
        text=request.POST.get("text", ""),
        notified_on=posted_date(request),
        actor=request.user,
    )
    return REPORT.step("observe").done


@file_action
def observation_answer(request: SignedInRequest, app: Application, pk: int) -> None:
    observation = Observation.objects.get(pk=pk, report__agreement__application=app)
    services.observation_answer(
        observation=observation,
        answer=request.POST.get("answer", ""),
        answered_on=timezone.localdate(),
        actor=request.user,
    )


@file_action
def sanction_lift(request: SignedInRequest, app: Application, pk: int) -> object:
    sanction = agreement_of(app).sanctions.get(pk=pk)
    services.suspension_lift(
        sanction=sanction, today=posted_date(request), actor=request.user
    )
    return SANCTION.step("lift").done


@file_action
def agreement_cancel(request: SignedInRequest, app: Application) -> object:
    services.cancellation_apply(
        agreement=agreement_of(app),
        cause=request.POST.get("cause", ""),
        reason=request.POST.get("reason", "").strip()
        or _("Cancelación acordada por la instancia."),
        today=posted_date(request),
        actor=request.user,
    )
    return AGREEMENT.step("cancel").done


@file_action
def beneficiary_add(request: SignedInRequest, app: Application) -> None:
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


@file_action
def refund_pay(request: SignedInRequest, app: Application, pk: int) -> object:
    refund = agreement_of(app).refunds.get(pk=pk)
    proof = request.FILES.get("proof")
    if proof is None:
        raise ValidationError(_("Adjunte el comprobante del reintegro (PDF)."))
    services.refund_pay(
        refund=refund, paid_on=timezone.localdate(), proof=proof, actor=request.user
    )
    return REFUND.step("pay").done


@file_action
def unspent_claim(request: SignedInRequest, app: Application) -> None:
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
