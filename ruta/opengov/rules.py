"""Open-government rules, pure: the commitment semáforo and official names.

The thresholds are the platform's policy, not the plan's: the Guanajuato
report states percentages without a scale. A commitment is green from
``ON_TRACK_FROM`` percent, yellow from ``UNDERWAY_FROM``, red below, done at
100 and grey when no percentage is stated (docs/opengov.md).
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from ruta.common.text import fold

ON_TRACK_FROM = Decimal(70)
UNDERWAY_FROM = Decimal(40)
COMPLETE = Decimal(100)

# The questionnaire asks for staff "(nombre, área y cargo)" under this
# indicator: those answers name public servants.
STAFF_INDICATOR = "personal involucrado"
_NAMES_ASKED = re.compile(r"\bnombre\b")


class CommitmentStatus(StrEnum):
    DONE = "done"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


def commitment_status(progress_pct: Decimal | None) -> CommitmentStatus:
    """Return the semáforo of a commitment's latest stated progress."""
    if progress_pct is None:
        return CommitmentStatus.GREY
    if progress_pct >= COMPLETE:
        return CommitmentStatus.DONE
    if progress_pct >= ON_TRACK_FROM:
        return CommitmentStatus.GREEN
    if progress_pct >= UNDERWAY_FROM:
        return CommitmentStatus.YELLOW
    return CommitmentStatus.RED


def names_officials(*, indicator: str, question: str) -> bool:
    """Return whether an answer names public servants.

    The standard questionnaire asks who works on the commitment "(nombre,
    área y cargo)" under the staff indicator; an answer to that indicator,
    or to any question asking for a name, is taken to name people.
    """
    return STAFF_INDICATOR in fold(indicator) or bool(
        _NAMES_ASKED.search(fold(question))
    )


def progress_change(earlier: Decimal | None, later: Decimal | None) -> Decimal | None:
    """Return the change in points between two periods; None if one is unknown."""
    if earlier is None or later is None:
        return None
    return later - earlier


_NOT_KEY = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Return a commitment's name folded to letters and digits.

    Reports print the same name in capitals, with or without accents and a
    final period; the key is what stays the same.
    """
    return _NOT_KEY.sub(" ", fold(name)).strip()


PLAN_KEY_LENGTH = 120


def plan_key(title: str) -> str:
    """Return a plan's key: its title folded into a slug, cut to the field's length.

    Every report of a plan prints the same title, so its reports find it.
    """
    return name_key(title).replace(" ", "-")[:PLAN_KEY_LENGTH].strip("-") or "plan"
