"""Which works are late, in SQL: the rule of ``ruta.works.rules.is_late``.

The explorer filters by it and lists annotate it, over any number of works,
so the rule is also an expression; a test holds the two to the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from ruta.works.models import Work, WorkQuerySet
from ruta.works.rules import (
    DELAY_MARGIN,
    UNDER_WAY,
    delay_points,
    elapsed_share,
    is_late,
)

_NUMBER = DecimalField(max_digits=30, decimal_places=10)


def _days(later: object, earlier: object) -> Func:
    """Return ``later - earlier`` between two dates, in days (a number)."""
    return Func(later, earlier, template="(%(expressions)s)", arg_joiner=" - ")


def delay_points_expression(today: date) -> ExpressionWrapper:
    """Return by how many points a work's elapsed share exceeds its progress.

    NULL without a period. The works must carry ``latest_progress``
    (``order.latest_progress``).
    """
    day = Value(today)
    period = _days(F("end_date"), F("start_date"))
    share = Case(
        # PostgreSQL's GREATEST and LEAST skip NULLs: no period is said first.
        When(
            Q(start_date__isnull=False, end_date__gt=F("start_date")),
            then=Least(
                Greatest(
                    ExpressionWrapper(
                        _days(day, F("start_date")) * Value(100.0) / period,
                        output_field=_NUMBER,
                    ),
                    Value(0),
                ),
                Value(100),
            ),
        ),
        default=None,
        output_field=_NUMBER,
    )
    return ExpressionWrapper(
        share - Coalesce(F("latest_progress"), Value(0), output_field=_NUMBER),
        output_field=_NUMBER,
    )


def late_condition() -> Q:
    """Return the condition of a late work, on works annotated ``delay_points``."""
    return Q(status__in=UNDER_WAY, delay_points__gt=DELAY_MARGIN)


def with_delay(works: WorkQuerySet, today: date) -> WorkQuerySet:
    """Return ``works`` annotated ``delay_points`` and ``late``."""
    works = works.annotate(delay_points=delay_points_expression(today))
    # Without a period the condition is unknown (NULL): not late.
    late = ExpressionWrapper(late_condition(), output_field=BooleanField())
    return works.annotate(late=Coalesce(late, Value(False)))


@dataclass(frozen=True)
class Delay:
    """A work's standing against its period, as its page and the API say it."""

    late: bool
    points: Decimal | None  # the elapsed share's lead over progress
    elapsed: Decimal | None  # the share of its period gone, in percent
    progress: Decimal | None  # its latest physical progress


def work_delay(work: Work, progress: Decimal | None) -> Delay:
    """Return ``work``'s delay today, by the rule, given its latest progress."""
    today = timezone.localdate()
    return Delay(
        late=is_late(
            status=work.status,
            start=work.start_date,
            end=work.end_date,
            today=today,
            progress=progress,
        ),
        points=delay_points(
            start=work.start_date, end=work.end_date, today=today, progress=progress
        ),
        elapsed=elapsed_share(work.start_date, work.end_date, today),
        progress=progress,
    )
