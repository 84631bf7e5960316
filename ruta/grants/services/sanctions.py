"""Suspensions, cancellations and refunds: each a transition with its cause
(§4.4.2, §4.7, §5 and its table)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import File
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.grants.models import (
    Agreement,
    AgreementStatus,
    ApplicationStatus,
    DisbursementStatus,
    Refund,
    Sanction,
    SanctionKind,
)
from ruta.grants.rules import deadlines
from ruta.grants.rules.sanctions import CAUSES_BY_CODE, Effect, refund_owed
from ruta.grants.services.files import file_read

PENDING = (DisbursementStatus.SCHEDULED, DisbursementStatus.INVOICED)


def _cause(code: str):
    cause = CAUSES_BY_CODE.get(code)
    if cause is None:
        raise refusal(
            _("«%(code)s» no es una causa de las reglas."), "unknown_cause", code=code
        )
    return cause


@transaction.atomic
def suspension_apply(
    *, agreement: Agreement, cause: str, reason: str, today: date, actor: Actor
) -> Sanction:
    """Suspend the pending disbursements for a cause of §5 A/B or §4.4.2 b)."""
    require(actor, Action.VALIDATE, agreement)
    rule = _cause(cause)
    if rule.effect not in (Effect.SUSPEND, Effect.RETAIN):
        raise refusal(
            _("Esa causa no suspende: cancela o no transfiere."), "not_suspension"
        )
    active = agreement.sanctions.filter(
        kind__in=("suspension", "retention"), cause=cause, lifted_on__isnull=True
    )
    existing = active.first()
    if existing is not None:
        return existing
    kind = (
        SanctionKind.SUSPENSION
        if rule.effect == Effect.SUSPEND
        else SanctionKind.RETENTION
    )
    application = agreement.application
    with audited(actor, "suspension_apply", cause=cause):
        sanction = Sanction.objects.create(
            agreement=agreement,
            kind=kind,
            cause=cause,
            section=rule.section,
            started_on=today,
            reason=reason,
        )
        agreement.disbursements.filter(status__in=PENDING).update(
            status=DisbursementStatus.SUSPENDED, status_reason=reason
        )
        application.status = ApplicationStatus.SUSPENDED
        application.status_reason = reason
        application.save(update_fields=["status", "status_reason"])
    return sanction


@transaction.atomic
def suspension_lift(*, sanction: Sanction, today: date, actor: Actor) -> Sanction:
    """Lift a suspension; held disbursements return to where they were."""
    require(actor, Action.VALIDATE, sanction.agreement)
    if sanction.lifted_on is not None or sanction.kind == SanctionKind.CANCELLATION:
        raise refusal(_("Esta sanción no está en vigor o no se levanta."), "not_active")
    agreement = sanction.agreement
    with audited(actor, "suspension_lift"):
        Sanction.objects.filter(pk=sanction.pk).update(lifted_on=today)
        sanction.lifted_on = today
        still = agreement.sanctions.filter(
            lifted_on__isnull=True, kind__in=("suspension", "retention")
        )
        if not still.exists():
            for disbursement in agreement.disbursements.filter(
                status=DisbursementStatus.SUSPENDED
            ):
                invoiced = disbursement.cfdis.filter(kind="I").exists()
                disbursement.status = "invoiced" if invoiced else "scheduled"
                disbursement.status_reason = ""
                disbursement.save(update_fields=["status", "status_reason"])
            application = agreement.application
            application.status = ApplicationStatus.FORMALIZED
            application.status_reason = _("Suspensión levantada el %(date)s.") % {
                "date": date_format(today, "DATE_FORMAT")
            }
            application.save(update_fields=["status", "status_reason"])
    return sanction


def transferred_total(agreement: Agreement) -> Decimal:
    """Return the money transferred under the agreement."""
    total = agreement.disbursements.filter(status="transferred").aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal("0.00")


@transaction.atomic
def cancellation_apply(
    *,
    agreement: Agreement,
    cause: str,
    reason: str,
    today: date,
    refund_amount: Decimal | None = None,
    actor: Actor,
) -> Sanction:
    """Cancel the support for a cause of §4.4.2 a) or §5; claim its refund.

    With a refund effect, the refund is the money transferred unless the
    staff sets a partial one; it is due in the cause's days once notified.
    """
    require(actor, Action.VALIDATE, agreement)
    rule = _cause(cause)
    if rule.effect not in (Effect.CANCEL, Effect.CANCEL_AND_REFUND):
        raise refusal(_("Esa causa no cancela el apoyo."), "not_cancellation")
    if agreement.status == AgreementStatus.CANCELLED:
        raise refusal(_("El apoyo ya está cancelado."), "cancelled")
    ministered = transferred_total(agreement)
    amount = ministered if refund_amount is None else refund_amount
    if not Decimal("0") <= amount <= ministered:
        raise refusal(
            _("El reintegro va de 0 a lo ministrado (%(total)s)."),
            "refund_bounds",
            "refund_amount",
            total=f"{ministered:.2f}",
        )
    application = agreement.application
    with audited(actor, "cancellation_apply", cause=cause):
        sanction = Sanction.objects.create(
            agreement=agreement,
            kind=SanctionKind.CANCELLATION,
            cause=cause,
            section=rule.section,
            started_on=today,
            reason=reason,
        )
        agreement.disbursements.filter(
            status__in=(*PENDING, DisbursementStatus.SUSPENDED)
        ).update(status=DisbursementStatus.CANCELLED, status_reason=reason)
        agreement.status = AgreementStatus.CANCELLED
        agreement.status_reason = reason
        agreement.save(update_fields=["status", "status_reason"])
        application.status = ApplicationStatus.CANCELLED
        application.status_reason = reason
        application.save(update_fields=["status", "status_reason"])
        if rule.effect == Effect.CANCEL_AND_REFUND and amount > 0:
            days = rule.refund_days or deadlines.REFUND_NOTICE_DAYS
            Refund.objects.create(
                agreement=agreement,
                cause=cause,
                amount=amount,
                due_on=deadlines.add_natural_days(today, days),
            )
    return sanction


MAX_SPENT = Decimal("999999999999.99")  # the largest amount a record holds


def _refund_due(agreement: Agreement, rule, today: date) -> date:
    """Return the refund's deadline by its cause (§5 table, §4.4.2 a)."""
    first = agreement.disbursements.order_by("month").first()
    if rule.code == "not_started" and first is not None:
        return deadlines.cause_1_refund_due(first.month, today)
    days = rule.refund_days or deadlines.REFUND_NOTICE_DAYS
    return deadlines.add_natural_days(today, days)


@transaction.atomic
def unspent_refund_claim(
    *, agreement: Agreement, spent: Decimal, actor: Actor
) -> Refund | None:
    """Claim the money not spent by 31 December, due 30 days after (§4.7)."""
    require(actor, Action.VALIDATE, agreement)
    if not Decimal("0") <= spent <= MAX_SPENT:
        raise refusal(
            _("El monto ejercido va de 0 a %(max)s.") % {"max": MAX_SPENT},
            "spent_bounds",
            "spent",
        )
    if agreement.refunds.filter(cause="unspent").exists():
        raise refusal(_("El reintegro de fin de año ya se reclamó."), "unspent_claimed")
    owed = refund_owed(transferred_total(agreement), spent)
    if owed == 0:
        return None
    year = agreement.application.call.fiscal_year
    with audited(actor, "unspent_refund_claim"):
        return Refund.objects.create(
            agreement=agreement,
            cause="unspent",
            amount=owed,
            due_on=deadlines.refund_due(year),
        )


@transaction.atomic
def refund_confirm(*, refund: Refund, confirmed_on: date, actor: Actor) -> Refund:
    """Confirm that the refund arrived, by its proof (§4.7)."""
    require(actor, Action.VALIDATE, refund.agreement)
    if refund.paid_on is None:
        raise refusal(_("El reintegro aún no tiene comprobante."), "refund_unpaid")
    if refund.confirmed_on is not None:
        raise refusal(_("Este reintegro ya se confirmó."), "refund_confirmed")
    if confirmed_on < refund.paid_on:
        raise refusal(
            _("La confirmación no puede ser anterior al reintegro."),
            "refund_confirm_date",
            "confirmed_on",
        )
    refund.confirmed_on = confirmed_on
    refund.rejection_reason = ""
    with audited(actor, "refund_confirm"):
        refund.save(update_fields=["confirmed_on", "rejection_reason"])
    return refund


@transaction.atomic
def refund_reject(*, refund: Refund, reason: str, actor: Actor) -> Refund:
    """Reject a refund's proof with its reason: it is owed again (§4.7)."""
    require(actor, Action.VALIDATE, refund.agreement)
    if refund.paid_on is None or refund.confirmed_on is not None:
        raise refusal(
            _("Solo se rechaza un comprobante registrado y no confirmado."),
            "refund_not_rejectable",
        )
    reason = reason.strip()
    if not reason:
        raise refusal(_("Indique el motivo del rechazo."), "reason_required", "reason")
    if len(reason) > 2000:
        raise refusal(
            _("El motivo admite hasta 2000 caracteres."), "reason_long", "reason"
        )
    refund.paid_on = None
    refund.rejection_reason = reason
    with audited(actor, "refund_reject"):
        refund.save(update_fields=["paid_on", "rejection_reason"])
    return refund


@transaction.atomic
def refund_pay(*, refund: Refund, paid_on: date, proof: File, actor: Actor) -> Refund:
    """Record a refund with its proof (PDF, §4.7)."""
    require(actor, Action.APPLY_GRANT, refund.agreement)
    if refund.paid_on is not None:
        raise refusal(_("Este reintegro ya se registró."), "refund_paid")
    accepted = file_read(proof, key="grants.Refund.proof", field="proof")
    refund.paid_on = paid_on
    refund.proof_name = accepted.display_name
    with audited(actor, "refund_pay"):
        refund.proof.save(accepted.stored_name, accepted.as_file(), save=False)
        refund.save()
    return refund
