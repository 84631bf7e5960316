"""Writes on agreements and bank accounts (§3.7.2-7/8, §4.3, §5 table 6–7).

Signing an agreement is a step of its cycle (``ruta.grants.cycles``); a lapse
is one too, taken here with the sanction it leaves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.cycles import step_take
from ruta.accounts.permissions import Action, require
from ruta.catalog.instance import instance
from ruta.common.refusals import refusal
from ruta.common.text.money import ZERO
from ruta.grants.cycles import AGREEMENT
from ruta.grants.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    BankAccount,
    Disbursement,
    Report,
    ReportKind,
    Sanction,
    SanctionKind,
)
from ruta.grants.rules import deadlines
from ruta.grants.rules.identifiers import clabe_check
from ruta.grants.rules.sanctions import CAUSES_BY_CODE
from ruta.grants.selectors.calls import call_latest_run


@transaction.atomic
def agreement_cite(
    *, application: Application, cited_on: date, actor: Actor
) -> Agreement:
    """Cite a supported application to sign; it has 15 natural days (§3.7.2-8)."""
    require(actor, Action.VALIDATE, application)
    if application.status != ApplicationStatus.SUPPORTED:
        raise refusal(_("Solo se cita a firma una solicitud apoyada."), "not_supported")
    if Agreement.objects.filter(application=application).exists():
        raise refusal(_("La solicitud ya tiene convenio."), "agreement_exists")
    run = call_latest_run(application.call)
    if run is None:
        raise ValueError("a supported application comes from an allocation run")
    entry = run.entries.get(application=application)
    agreement = Agreement(
        application=application,
        amount=entry.amount,
        cited_on=cited_on,
        due_on=deadlines.agreement_due(cited_on),
    )
    agreement.full_clean()
    with audited(actor, "agreement_cite"):
        agreement.save()
    return agreement


@transaction.atomic
def agreement_lapse(*, agreement: Agreement, today: date, actor: Actor) -> Agreement:
    """Mark an agreement not signed in 15 natural days: its money is freed (§4.3.3).

    The step of the agreement's cycle (``ruta.grants.cycles``), with the
    resolution of §5 table 6: the resource is not transferred.
    """
    require(actor, Action.VALIDATE, agreement)
    if agreement.status != AgreementStatus.CITED or today <= agreement.due_on:
        raise refusal(
            _("El plazo de firma aún corre o el convenio ya se firmó."), "not_lapsed"
        )
    cause = CAUSES_BY_CODE["not_formalized"]
    reason = _(
        "No se firmó en los 15 días naturales posteriores a la citación "
        "(vencía el %(due)s)."
    ) % {"due": date_format(agreement.due_on, "DATE_FORMAT")}
    with audited(actor, "agreement_lapse"):
        agreement = step_take(AGREEMENT, agreement, "lapse", reason=reason, actor=actor)
        Sanction.objects.create(
            agreement=agreement,
            kind=SanctionKind.NO_TRANSFER,
            cause=cause.code,
            section=cause.section,
            started_on=today,
            reason=reason,
        )
    return agreement


@transaction.atomic
def bank_account_register(
    *, agreement: Agreement, bank: str, clabe: str, actor: Actor
) -> BankAccount:
    """Register the project's single bank account (§3.4 req. 11, §3.7.2-7)."""
    require(actor, Action.APPLY_GRANT, agreement)
    require(actor, Action.VIEW_PERSONAL_DATA, agreement)
    if agreement.status != AgreementStatus.SIGNED:
        raise refusal(_("La cuenta se registra con el convenio firmado."), "not_signed")
    check = clabe_check(clabe)
    if check.error:
        raise refusal(
            _("La CLABE debe tener 18 dígitos y su dígito verificador correcto."),
            check.error,
            "clabe",
        )
    if BankAccount.objects.filter(agreement=agreement).exists():
        raise refusal(
            _("El proyecto ya tiene su cuenta bancaria única."), "account_exists"
        )
    days = agreement.application.call.bank_account_days
    account = BankAccount(
        agreement=agreement,
        bank=bank.strip(),
        clabe=check.value,
        due_on=deadlines.bank_account_due(agreement.signed_date, days),
    )
    account.full_clean()
    with audited(actor, "bank_account_register"):
        account.save()
    return account


@transaction.atomic
def bank_account_prove(
    *, account: BankAccount, proven_on: date, actor: Actor
) -> BankAccount:
    """Record that staff saw the account statement with its CLABE (§3.4 req. 11.2)."""
    require(actor, Action.VALIDATE, account)
    account.proven_on = proven_on
    with audited(actor, "bank_account_prove"):
        account.save(update_fields=["proven_on"])
    return account


@transaction.atomic
def bank_account_extend(
    *, account: BankAccount, days: int, actor: Actor
) -> BankAccount:
    """Extend the proof of the account, at most 60 days from signing (§5 table 7)."""
    require(actor, Action.VALIDATE, account)
    signed = account.agreement.signed_date
    base = account.agreement.application.call.bank_account_days
    limit = deadlines.BANK_EXTENSION_MAX_DAYS - base
    if not 1 <= days <= limit:
        raise refusal(
            _("La prórroga va de 1 a %(limit)s días (60 desde la firma)."),
            "extension_bounds",
            "days",
            limit=limit,
        )
    account.extension_days = days
    account.due_on = deadlines.bank_account_due(signed, base, days)
    with audited(actor, "bank_account_extend"):
        account.save(update_fields=["extension_days", "due_on"])
    return account


@transaction.atomic
def schedule_set(
    *,
    agreement: Agreement,
    disbursements: Sequence[tuple[date, Decimal]],
    ends_on: date,
    actor: Actor,
) -> list[Disbursement]:
    """Set the monthly disbursements and the quarterly and final reports (§4.5–4.6).

    The disbursements add up to the agreed amount; reports are due by the
    call's reading of the report deadline.
    """
    require(actor, Action.VALIDATE, agreement)
    if agreement.status != AgreementStatus.SIGNED:
        raise refusal(
            _("Las ministraciones se programan con el convenio firmado."), "not_signed"
        )
    if agreement.disbursements.exists():
        raise refusal(
            _("El convenio ya tiene ministraciones programadas."), "scheduled"
        )
    total = sum((amount for _month, amount in disbursements), ZERO)
    if total != agreement.amount:
        raise refusal(
            _("Las ministraciones suman %(total)s y el convenio %(amount)s."),
            "schedule_total",
            total=f"{total:.2f}",
            amount=f"{agreement.amount:.2f}",
        )
    call = agreement.application.call
    rows = []
    with audited(actor, "schedule_set"):
        for number, (month, amount) in enumerate(sorted(disbursements), start=1):
            rows.append(
                Disbursement.objects.create(
                    agreement=agreement,
                    number=number,
                    month=month.replace(day=1),
                    amount=amount,
                )
            )
        start = rows[0].month
        for end in deadlines.quarter_ends(start, ends_on):
            _report(agreement, ReportKind.QUARTERLY, start, end, call.report_reading)
            start = end + timedelta(days=1)
        _report(
            agreement, ReportKind.FINAL, rows[0].month, ends_on, call.report_reading
        )
    return rows


def _report(
    agreement: Agreement, kind: str, start: date, end: date, reading: str
) -> None:
    Report.objects.create(
        agreement=agreement,
        kind=kind,
        period_start=start,
        period_end=end,
        reading=reading,
        due_on=deadlines.report_due(
            end, deadlines.ReportReading(reading), instance().work_calendar().off
        ),
    )
