"""Business days (días hábiles): one count for every deadline of the platform.

A business day is Monday to Friday and not a holiday of the calendar a
caller hands in (``ruta.catalog.holidays`` reads the federal days and the
instance's state's own). Pure: the grants' rules and the reporting calendar
both count through it, so a deadline of "five business days" means the same
everywhere.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

# A count of business days past this is a mistake, not a deadline: a year has
# about 250, so no rule of the documents counts more than one.
MAX_BUSINESS_DAYS = 366


def is_business_day(day: date, off: Collection[date]) -> bool:
    """Return whether ``day`` is a business day: a weekday not in ``off``."""
    return day.weekday() < 5 and day not in off  # Monday to Friday


def add_business_days(start: date, days: int, off: Collection[date]) -> date:
    """Return the ``days``-th business day after ``start``."""
    if not 1 <= days <= MAX_BUSINESS_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_BUSINESS_DAYS}")
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        counted += is_business_day(day, off)
    return day


@dataclass(frozen=True)
class WorkCalendar:
    """The days off of one instance, with the counts that read them."""

    off: frozenset[date]

    def is_business_day(self, day: date) -> bool:
        """Return whether ``day`` is a business day here."""
        return is_business_day(day, self.off)

    def add_business_days(self, start: date, days: int) -> date:
        """Return the ``days``-th business day after ``start`` here."""
        return add_business_days(start, days, self.off)
