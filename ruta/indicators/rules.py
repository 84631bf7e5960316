"""The semáforo rule of the indicator cards, in one place.

The state's reports colour each indicator relative to its baseline: green
when it advanced, yellow when it stayed equal, red when it went back, and grey
when there is no figure. "Advance" depends on the indicator's direction: for a
descending indicator a lower figure is the advance.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ruta.common.text.folding import fold


class Direction(StrEnum):
    ASCENDING = "ascending"
    DESCENDING = "descending"


class Semaphore(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


def judged_baseline(
    table_baseline: Decimal | None, card_baseline: Decimal | None
) -> Decimal | None:
    """Return the baseline an indicator's results are judged against.

    The results table prints the semáforo "respecto a línea base" beside its
    own baseline column, so that figure rules when it is printed; the card's
    baseline otherwise. A card that disagrees is a document finding.
    """
    return table_baseline if table_baseline is not None else card_baseline


def semaphore(
    baseline: Decimal | None, value: Decimal | None, direction: Direction
) -> Semaphore:
    """Return the colour of ``value`` against ``baseline`` for ``direction``."""
    if baseline is None or value is None:
        return Semaphore.GREY
    if value == baseline:
        return Semaphore.YELLOW
    advanced = value > baseline
    if direction == Direction.DESCENDING:
        advanced = not advanced
    return Semaphore.GREEN if advanced else Semaphore.RED


def semaphore_summary(colours: list[Semaphore]) -> dict[str, int]:
    """Return the summary: indicators, with/without advance, equal, no data."""
    counts = Counter(colours)
    return {
        "indicators": len(colours),
        "with_advance": counts[Semaphore.GREEN],
        "without_advance": counts[Semaphore.RED],
        "equal": counts[Semaphore.YELLOW],
        "without_information": counts[Semaphore.GREY],
    }


# ---------------------------------------------------------------- periods


class Measurement(StrEnum):
    """How a card's figures come to the platform (documented for each card).

    ``computed``: the platform evaluates its method from works, committees
    and aid, per period and place (and staff may capture the published
    figure beside it); ``captured``: staff capture its results per period
    and place, approved by a second person; ``yearly``: measured once a year,
    captured per year only.
    """

    COMPUTED = "computed"
    CAPTURED = "captured"
    YEARLY = "yearly"


# Words of a card's "Frecuencia de medición" that measure within the year.
WITHIN_THE_YEAR = ("trimestral", "mensual", "bimestral", "semestral")


def measured_within_the_year(frequency: str) -> bool:
    """Return whether a card is measured more often than once a year.

    The cards print their frequency in words ("Trimestral"); a card that
    prints none, or "Anual", is yearly.
    """
    folded = fold(frequency)
    return any(word in folded for word in WITHIN_THE_YEAR)


def measurement(computation: str, frequency: str) -> Measurement:
    """Return how a card's figures come to the platform (``Measurement``)."""
    if computation:
        return Measurement.COMPUTED
    if measured_within_the_year(frequency):
        return Measurement.CAPTURED
    return Measurement.YEARLY


def quarter_end(year: int, quarter: int) -> date:
    """Return the last day of ``quarter`` of ``year``: a period's figure is to then."""
    month = quarter * 3
    return date(year, month, 30 if month in (6, 9) else 31)


# An "aspecto susceptible de mejora" is attended when its progress reaches
# this percentage; the public page and the reporting calendar read it so.
ASPECT_ATTENDED_PROGRESS = 100


def is_attended(progress: int) -> bool:
    """Return whether an aspect with ``progress`` % is attended."""
    return progress >= ASPECT_ATTENDED_PROGRESS
