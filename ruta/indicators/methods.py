"""Which data method evaluates a card's printed method of calculation.

Cards state their method in prose ("Número de comités / total de obras
*100"). Only methods matched here are evaluated from the database; any other
card shows its published figures alone, so a new wording never silently
borrows a formula that does not fit it.
"""

from __future__ import annotations

import re

from ruta.common.search import fold
from ruta.indicators.models import Computation

_METHODS: tuple[tuple[re.Pattern[str], Computation], ...] = (
    (re.compile(r"comites\s*/\s*total de obras"), Computation.COMMITTEES_PER_WORKS),
    (
        re.compile(r"obras liberadas\s*/\s*total de obras aprobadas"),
        Computation.RELEASED_PER_APPROVED,
    ),
    (re.compile(r"ayudas sociales diversas otorgadas"), Computation.AID_COUNT),
    (
        re.compile(r"obras ejecutadas de manera directa.*gestion"),
        Computation.DIRECT_WORKS_COUNT,
    ),
)


def computation_for_method(method: str) -> Computation:
    """Return the data method that evaluates ``method``, or ``Computation.NONE``."""
    text = " ".join(fold(method).split())
    return next(
        (computation for pattern, computation in _METHODS if pattern.search(text)),
        Computation.NONE,
    )
