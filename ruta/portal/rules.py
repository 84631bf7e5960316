"""Need against money (Impulso Social): which municipalities the works reach least.

Each municipality of a state gets two standings within that state, each from
0 to 1: its **need**, from CONAPO's marginalisation index (a lower index is
more marginalisation, so the most marginalised municipality stands at 1), and
its **money**, from the investment per inhabitant of the year's published
works (the most invested per inhabitant stands at 1; none at all, the
lowest). Ties share the average of their places. The **gap** is need minus
money: a municipality high in need and low in money has a large positive
gap. A municipality is **under-served** when it stands in the upper half of
need and the lower half of money. Standings are relative to the state, so
they rank municipalities against each other, not against the country; the
CONAPO grade beside them says how marginalised each is nationally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

HALF = Decimal("0.5")
STANDING = Decimal("0.001")
# Upper bounds of the gap classes the map shades (1: far more money than
# need … 5: far more need than money).
GAP_CLASS_BOUNDS = (Decimal("-0.6"), Decimal("-0.2"), Decimal("0.2"), Decimal("0.6"))


@dataclass(frozen=True)
class PlaceNeed:
    """A municipality's marginalisation index and its investment per inhabitant."""

    code: str
    index: Decimal
    per_inhabitant: Decimal


@dataclass(frozen=True)
class NeedGap:
    """Where a municipality stands in need and in money, and the gap between them."""

    code: str
    need: Decimal
    money: Decimal
    rank: int

    @property
    def gap(self) -> Decimal:
        return self.need - self.money

    @property
    def underserved(self) -> bool:
        return self.need > HALF and self.money < HALF

    @property
    def gap_class(self) -> int:
        """Return 1–5, 5 the largest gap of need over money."""
        return 1 + sum(self.gap > bound for bound in GAP_CLASS_BOUNDS)


def standings(values: Sequence[Decimal]) -> list[Decimal]:
    """Return each value's place from 0 (lowest) to 1 (highest); ties share the mean.

    A single value stands in the middle (0.5): it is neither high nor low.
    """
    count = len(values)
    if count == 1:
        return [HALF]
    order = sorted(range(count), key=lambda position: values[position])
    places = [Decimal(0)] * count
    start = 0
    while start < count:
        end = start
        while end + 1 < count and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = Decimal(start + end) / 2 / (count - 1)
        for position in order[start : end + 1]:
            places[position] = shared.quantize(STANDING)
        start = end + 1
    return places


def need_gaps(places: Sequence[PlaceNeed]) -> list[NeedGap]:
    """Return every place's standings, the largest gap first.

    Equal gaps go to the more marginalised place first, then by code, so the
    order never depends on the order of ``places``.
    """
    need = standings([-place.index for place in places])
    money = standings([place.per_inhabitant for place in places])
    ordered = sorted(
        range(len(places)),
        key=lambda i: (money[i] - need[i], places[i].index, places[i].code),
    )
    return [
        NeedGap(places[i].code, need[i], money[i], rank)
        for rank, i in enumerate(ordered, start=1)
    ]
