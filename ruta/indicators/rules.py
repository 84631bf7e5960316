"""The semáforo rule of the indicator cards, in one place.

The state's reports colour each indicator relative to its baseline: green
when it advanced, yellow when it stayed equal, red when it went back, and grey
when there is no figure. "Advance" depends on the indicator's direction: for a
descending indicator a lower figure is the advance.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from enum import StrEnum


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
