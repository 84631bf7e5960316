"""Reads for the need-against-money page: CONAPO's index beside the works' money.

The standings and the gap are ``ruta.portal.rules``; this module gathers,
for one state and one year, each municipality's index and investment per
inhabitant (the year's published works over the 2020 census population).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ruta.catalog.models import Marginalization, Municipality
from ruta.portal.places import MunicipalityAmount, municipality_amounts
from ruta.portal.rules import NeedGap, PlaceNeed, need_gaps
from ruta.works.selectors import WorkFilters, work_list

UNDERSERVED_SHOWN = 10


@dataclass(frozen=True)
class NeedRow:
    """A municipality with its index, the year's money and its standings."""

    place: MunicipalityAmount
    marginalization: Marginalization
    gap: NeedGap


@dataclass(frozen=True)
class NeedView:
    """A state's ranked municipalities, those without an index, works left out."""

    year: int
    rows: list[NeedRow]
    without_index: list[Municipality]
    works_without_municipality: int

    @property
    def underserved(self) -> list[NeedRow]:
        """Return the most under-served municipalities, the largest gap first."""
        return [row for row in self.rows if row.gap.underserved][:UNDERSERVED_SHOWN]


def need_and_money(state_code: str, year: int) -> NeedView:
    """Return the state's municipalities ranked by need over money in ``year``."""
    municipalities = Municipality.objects.of_state(state_code)
    places = municipality_amounts(municipalities, year)
    indexes = {
        row.municipality_id: row
        for row in Marginalization.objects.filter(municipality__state_id=state_code)
    }
    ranked = [place for place in places if place.municipality.code in indexes]
    gaps = need_gaps(
        [
            PlaceNeed(
                place.municipality.code,
                indexes[place.municipality.code].index,
                place.per_inhabitant or Decimal(0),
            )
            for place in ranked
        ]
    )
    by_code = {place.municipality.code: place for place in ranked}
    rows = [NeedRow(by_code[gap.code], indexes[gap.code], gap) for gap in gaps]
    unplaced = (
        work_list(filters=WorkFilters(year=year))
        .filter(municipality__isnull=True, state_id=state_code)
        .order_by()
        .count()
    )
    return NeedView(
        year=year,
        rows=rows,
        without_index=[
            place.municipality
            for place in places
            if place.municipality.code not in indexes
        ],
        works_without_municipality=unplaced,
    )
