"""When a report falls due and how its delivery stands: the calendar's rules.

Pure: a period's end (the last day it reports on) and a rule give the due
date; the due date, the day a report was delivered (or none) and today give
its standing. Business days are counted by ``ruta.common.text.workdays`` with the
instance's days off, as the grants' rules count theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ruta.common.text.workdays import WorkCalendar

# Staff are reminded this many days before a report is due, and on the day.
REMIND_DAYS_BEFORE = (3, 1, 0)
# "Due soon" on the desk: within this many days.
SOON_DAYS = 7
# A report is followed from this many days before it is due (the desk's and
# the public page's look ahead); an earlier period is not yet anyone's task.
LOOKAHEAD_DAYS = 31


@dataclass(frozen=True)
class BusinessDaysAfter:
    """Due the ``days``-th business day after the period closes."""

    days: int

    def due(self, period_end: date, calendar: WorkCalendar) -> date:
        """Return the due date of a period ending ``period_end``."""
        return calendar.add_business_days(period_end, self.days)


@dataclass(frozen=True)
class NaturalDaysAfter:
    """Due ``days`` calendar days after the period closes."""

    days: int

    def due(self, period_end: date, calendar: WorkCalendar) -> date:
        """Return the due date of a period ending ``period_end``."""
        return period_end + timedelta(days=self.days)


@dataclass(frozen=True)
class WithinFirstMonths:
    """Due within the first ``months`` of the year after the period's year.

    "Dentro del primer bimestre de cada año" is ``months=2``: the last day
    of February, whatever day of the week it falls on.
    """

    months: int

    def due(self, period_end: date, calendar: WorkCalendar) -> date:
        """Return the last day of the window after ``period_end``'s year."""
        following = period_end.year + 1
        return date(following, self.months + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class DueAsRecorded:
    """Due on the date the record holds (the grants' reports: the call's reading
    of §4.6 and any extension, computed by ``ruta.grants.rules.deadlines``)."""

    def due(self, period_end: date, calendar: WorkCalendar) -> date:
        """Return ``period_end``: the caller hands in the recorded due date."""
        return period_end


DueRule = BusinessDaysAfter | NaturalDaysAfter | WithinFirstMonths | DueAsRecorded


class Standing(StrEnum):
    """How a report's delivery stands on a day."""

    ON_TIME = "on_time"  # delivered on or before its due date
    LATE = "late"  # delivered after its due date
    DELIVERED = "delivered"  # delivered, the day not recorded (a loaded document)
    OVERDUE = "overdue"  # not delivered, past its due date
    PENDING = "pending"  # not delivered, not yet due


def standing(
    due: date, delivered: date | None, today: date, *, undated: bool
) -> Standing:
    """Return the standing of a report due ``due``.

    ``undated`` says it was delivered on a day no record keeps (a document
    a command loaded), so it is neither on time nor late.
    """
    if undated:
        return Standing.DELIVERED
    if delivered is not None:
        return Standing.ON_TIME if delivered <= due else Standing.LATE
    return Standing.OVERDUE if today > due else Standing.PENDING


def days_late(due: date, delivered: date | None, today: date) -> int:
    """Return the calendar days past ``due`` it was delivered, or is still missing."""
    end = delivered if delivered is not None else today
    return max((end - due).days, 0)


def is_due_soon(due: date, today: date) -> bool:
    """Return whether a report not delivered falls due within ``SOON_DAYS``."""
    return 0 <= (due - today).days <= SOON_DAYS


def is_followed(due: date, today: date) -> bool:
    """Return whether a report is followed yet: due within the look ahead."""
    return (due - today).days <= LOOKAHEAD_DAYS


def reminder_due(due: date, today: date) -> bool:
    """Return whether staff are reminded today of a report due ``due``."""
    return (due - today).days in REMIND_DAYS_BEFORE


def quarter_end(year: int, quarter: int) -> date:
    """Return the last day of ``quarter`` (1–4) of ``year``."""
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be between 1 and 4")
    if quarter == 4:
        return date(year, 12, 31)
    return date(year, quarter * 3 + 1, 1) - timedelta(days=1)
