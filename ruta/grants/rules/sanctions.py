"""Suspensions, retentions, cancellations and refunds (§4.4, §4.4.2, §4.7, §5).

The causes are data: each names its section, the effect it has on the
support (a disbursement held, the support cancelled, money not transferred,
money to refund) and its deadline in natural days. Services apply them; the
daily job finds the ones whose dates have come.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ruta.common.text.money import ZERO
from ruta.grants.rules.deadlines import (
    ANSWER_DAYS,
    OBSERVATIONS_CANCEL_DAYS,
    REFUND_NOTICE_DAYS,
)


class Effect(StrEnum):
    SUSPEND = "suspend"  # the next disbursements are held
    RETAIN = "retain"  # §4.4.2 b): the money is held
    NO_TRANSFER = "no_transfer"  # §5 table 6–7: the money is not transferred
    CANCEL = "cancel"  # the support ends
    CANCEL_AND_REFUND = "cancel_refund"


@dataclass(frozen=True)
class Cause:
    """One cause of the rules, with its effect and deadline (natural days)."""

    code: str
    section: str
    effect: Effect
    days: int | None = None
    refund_days: int | None = None


CAUSES: tuple[Cause, ...] = (
    # §5 A and B: temporary suspension of the transfer.
    Cause("report_late", "5 A", Effect.SUSPEND),
    Cause("report_extension", "5 A.1", Effect.SUSPEND),
    Cause("report_observed", "5 B", Effect.SUSPEND, ANSWER_DAYS),
    # §4.4.2 b): retention.
    Cause("no_bank_account", "4.4.2 b) i", Effect.RETAIN),
    Cause("wrong_invoice", "4.4.2 b) ii", Effect.RETAIN),
    Cause("missing_reports", "4.4.2 b) iii", Effect.RETAIN),
    Cause("objectives_not_met", "4.4.2 b) iv", Effect.RETAIN),
    Cause("missing_invoice", "4.4.2 b) v", Effect.RETAIN),
    # §4.4.2 a): cancellation and partial or total refund.
    Cause("misuse", "4.4.2 a) i", Effect.CANCEL_AND_REFUND, None, REFUND_NOTICE_DAYS),
    Cause("breach", "4.4.2 a) ii", Effect.CANCEL_AND_REFUND, None, REFUND_NOTICE_DAYS),
    Cause(
        "apocryphal", "4.4.2 a) v", Effect.CANCEL_AND_REFUND, None, REFUND_NOTICE_DAYS
    ),
    # §5 table of causes, criteria, deadlines and resolutions.
    Cause("not_started", "5 tabla 1", Effect.CANCEL_AND_REFUND, 30),
    Cause("assets_ceded", "5 tabla 2", Effect.CANCEL_AND_REFUND, 10, 15),
    Cause("inspection_refused", "5 tabla 3", Effect.CANCEL_AND_REFUND, 5, 15),
    Cause("goals_not_met", "5 tabla 4", Effect.CANCEL_AND_REFUND, 10, 15),
    Cause("unjustified_spending", "5 tabla 5", Effect.CANCEL_AND_REFUND, 30, 15),
    Cause("not_formalized", "5 tabla 6", Effect.NO_TRANSFER),
    Cause("no_bank_proof", "5 tabla 7", Effect.NO_TRANSFER),
    Cause("formalization_irregular", "5 tabla 8", Effect.NO_TRANSFER, 90),
    Cause("withdrawal", "5 tabla 9", Effect.CANCEL_AND_REFUND, 0, 15),
    # §5, cancellation cause 5: a supervision or follow-up visit finds the
    # services stopped, the organisation not operating or the goals unmet.
    Cause("services_stopped", "5 cancelación 5", Effect.CANCEL_AND_REFUND, None, 15),
    Cause(
        "observations_unresolved",
        "5 cancelación 10",
        Effect.CANCEL,
        OBSERVATIONS_CANCEL_DAYS,
    ),
    # §4.7: money not spent by 31 December.
    Cause("unspent", "4.7", Effect.CANCEL_AND_REFUND, None, 30),
)
CAUSES_BY_CODE = {cause.code: cause for cause in CAUSES}


@dataclass(frozen=True)
class Hold:
    """Why a disbursement may not be paid now."""

    code: str
    section: str


def disbursement_holds(
    *,
    agreement_signed: bool,
    bank_account_proven: bool,
    has_xml: bool,
    has_pdf: bool,
    invoice_valid: bool,
    overdue_reports: int,
    active_suspensions: Collection[str],
) -> list[Hold]:
    """Return every reason a disbursement may not be approved; empty when it may.

    §3.7.2-8 (no signed agreement, no money), §4.4 (the CFDI XML and PDF, or
    no payment), §4.4.2 b) i and §5 table 7 (the bank account), §5 (a late
    report suspends the disbursements) and any suspension in force.
    """
    holds = []
    if not agreement_signed:
        holds.append(Hold("agreement_unsigned", "3.7.2-8"))
    if not bank_account_proven:
        holds.append(Hold("no_bank_account", "5 tabla 7"))
    if not has_xml or not has_pdf:
        holds.append(Hold("invoice_missing", "4.4"))
    elif not invoice_valid:
        holds.append(Hold("invoice_invalid", "4.4.2 b) ii"))
    if overdue_reports:
        holds.append(Hold("report_overdue", "5 A"))
    holds += [Hold(code, CAUSES_BY_CODE[code].section) for code in active_suspensions]
    return holds


def may_approve(approver: object, scorers: Collection[object]) -> bool:
    """Return whether ``approver`` may approve an application's disbursements.

    A person who scored an application may not approve its money: who judges
    a project does not also pay it (the platform's separation of duties).
    """
    return approver not in scorers


def report_state(
    *, due_on: date, submitted_on: date | None, extended_until: date | None, today: date
) -> str:
    """Return a report's standing: on time, late, pending or overdue (§5 A)."""
    limit = extended_until or due_on
    if submitted_on is not None:
        return "on_time" if submitted_on <= limit else "late"
    return "pending" if today <= limit else "overdue"


def refund_owed(ministered: Decimal, spent: Decimal) -> Decimal:
    """Return the unspent money to refund (§4.7); never negative."""
    return max(ministered - spent, ZERO)
