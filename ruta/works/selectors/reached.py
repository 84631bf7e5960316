"""Works approved and released by a quarter's end, from ``ReachedSummary``.

``WorkQuerySet.reached_by`` answers "which works had taken one of these
statuses on or before this day" from every work and its whole status
history: seconds at a million works, for whoever reads first after a
change. ``ReachedSummary`` holds the same answer already counted by year,
program, place, current status and the marks of approval and release
(``works.models.summary.WorkReached``), kept by the database as works and
their history change. A mark compares with the end of a quarter's last day
in the instance's time zone as the date it stands for would, so the
indicators' figures by quarter (and by year: ever reached) are sums of a
few rows. Any other day is not answered here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

# The months a quarter starts in: a quarter's last day is the eve of one.
_QUARTER_STARTS = (1, 4, 7, 10)


def is_quarter_end(day: date) -> bool:
    """Return whether ``day`` is the last day of a quarter (31 March, 30 June…)."""
    following = day + timedelta(days=1)
    return following.day == 1 and following.month in _QUARTER_STARTS


def reached_before(day: date) -> datetime:
    """Return the instant a mark precedes when its date is on or before ``day``.

    The end of ``day`` in the current time zone, as ``__date`` lookups read
    dates there. ``day`` must be a quarter's last day (``is_quarter_end``):
    the marks are exact there and nowhere else.
    """
    if not is_quarter_end(day):
        raise ValueError(f"{day} is not a quarter's last day")
    following = day + timedelta(days=1)
    return datetime.combine(following, time.min, tzinfo=timezone.get_current_timezone())


def reached(mark: str, day: date | None, prefix: str = "") -> Q:
    """Return the condition of rows whose ``mark`` was reached by ``day``.

    ``mark`` is ``approved`` or ``released``; ``day`` a quarter's last day,
    or None for ever. ``prefix`` reaches the marks through a relation
    (``work__reached__`` from a committee).
    """
    if mark not in ("approved", "released"):
        raise ValueError(f"no mark {mark!r}")
    if day is None:
        return Q(**{f"{prefix}{mark}__isnull": False})
    return Q(**{f"{prefix}{mark}__lt": reached_before(day)})
