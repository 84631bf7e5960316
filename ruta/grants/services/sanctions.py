"""Suspensions, cancellations and refunds: each a transition with its cause
(§4.4.2, §4.7, §5 and its table).

Lifting a suspension, cancelling an agreement and recording a refund are
steps of their cycles (``ruta.grants.cycles``) taken here with what they
release, cancel, claim or store; confirming a refund or rejecting its proof
is a step taken on the one page of steps.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import File
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.cycles import step_take
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.common.text.money import ZERO
from ruta.grants.cycles import AGREEMENT, REFUND, SANCTION
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
    """Lift a suspension; held disbursements return to where they were.

    The step of the sanction's cycle (``ruta.grants.cycles``); once no
    suspension or retention stays in force, the disbursements it held and
    the application go back to where they were.
    """
    with audited(actor, "suspension_lift"):
        sanction = step_take(
            SANCTION, sanction, "lift", values={"lifted_on": today}, actor=actor
        )
        agreement = sanction.agreement
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
    return total or ZERO


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
    if not ZERO <= amount <= ministered:
        raise refusal(
            _("El reintegro va de 0 a lo ministrado (%(total)s)."),
            "refund_bounds",
            "refund_amount",
            total=f"{ministered:.2f}",
        )
    with audited(actor, "cancellation_apply", cause=cause):
        agreement = step_take(
            AGREEMENT, agreement, "cancel", reason=reason, actor=actor
        )
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
    if not ZERO <= spent <= MAX_SPENT:
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
def refund_pay(*, refund: Refund, paid_on: date, proof: File, actor: Actor) -> Refund:
    """Record a refund with its proof (PDF, §4.7): the organisation's step of
    the refund's cycle (``ruta.grants.cycles``); staff then confirm it."""
    require(actor, Action.APPLY_GRANT, refund.agreement)
    accepted = file_read(proof, key="grants.Refund.proof", field="proof")
    return step_take(
        REFUND,
        refund,
        "pay",
        values={
            "paid_on": paid_on,
            "proof": accepted.as_file(),
            "proof_name": accepted.display_name,
        },
        actor=actor,
    )
