"""Supervision and follow-up visits, and the project's technical file (pure).

§3.7.2-4 and -6: the organisation receives the administering body's
supervision and follow-up visits; §3.7.2-14: it keeps the project's
technical file (expediente técnico) ready for them. What a visit finds may
be a cause of §5: the organisation did not give the access and data the
inspection needed (cause 3, in the list and in the table), or the visit
found the services stopped, the organisation not operating or the goals
unmet (cause 5 of the list). The cause is recorded with the visit; cancelling
the support for it is a decision of its own (``services.cancellation_apply``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ruta.grants.rules.sanctions import CAUSES_BY_CODE, Cause

# The causes of §5 a visit may find, in the order the rules list them.
VISIT_CAUSES: tuple[Cause, ...] = (
    CAUSES_BY_CODE["inspection_refused"],
    CAUSES_BY_CODE["services_stopped"],
)
VISIT_CAUSE_CODES = frozenset(cause.code for cause in VISIT_CAUSES)
# Photos a visit keeps (each re-encoded, without metadata).
MAX_VISIT_PHOTOS = 8
# The latest a follow-up may be set after its visit: the project's year.
MAX_FOLLOW_UP_DAYS = 366


@dataclass(frozen=True)
class VisitDates:
    visited_on: date
    signed_on: date | None
    today: date
    follow_up_due: date | None = None


def visit_date_problem(dates: VisitDates) -> str | None:
    """Return why a visit's dates cannot be recorded, or ``None`` when they can.

    ``unsigned``: there is no signed agreement to supervise yet;
    ``before_signing``: the visit is dated before the agreement was signed;
    ``future``: a visit is recorded once it took place; ``follow_up_order``:
    the follow-up is due on or before the visit, or more than a year after.
    """
    if dates.signed_on is None:
        return "unsigned"
    if dates.visited_on < dates.signed_on:
        return "before_signing"
    if dates.visited_on > dates.today:
        return "future"
    due = dates.follow_up_due
    if due is not None and not (
        dates.visited_on < due and (due - dates.visited_on).days <= MAX_FOLLOW_UP_DAYS
    ):
        return "follow_up_order"
    return None
