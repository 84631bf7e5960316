"""Reads for municipality, region and map pages: a place's money in a year.

Investment per inhabitant divides a year's investment in published works by
the 2020 census population the catalog holds (INEGI, Censo de Población y
Vivienda 2020); the state average divides the state's investment by the
state's population, so a municipality compares with the state as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import Coalesce

from ruta.catalog.models import Municipality, Region, State
from ruta.common.prepared import prepared
from ruta.common.text.money import ZERO
from ruta.portal.selectors import GroupAmount, ranked_groups
from ruta.works.models import REALIZED_STATUSES, Work
from ruta.works.selectors import WorkFilters, work_list
from ruta.works.selectors.explore import WorkTotals, work_totals_prepared
from ruta.works.selectors.summary import work_groups

CENT = Decimal("0.01")
PLACE_WORKS = 10
# Works a map draws as points at most: some 200 bytes of the page each.
MAP_POINTS = 5000


def per_inhabitant(amount: Decimal, population: int | None) -> Decimal | None:
    """Return ``amount`` divided by ``population`` in centavos; None without one."""
    if not population:
        return None
    return (amount / population).quantize(CENT)


def state_per_inhabitant(state_code: str, year: int) -> Decimal | None:
    """Return the state's investment of ``year`` per inhabitant of the state."""
    groups = work_groups(WorkFilters(year=year)).filter(
        status__in=REALIZED_STATUSES, municipality__state_id=state_code
    )
    amount = groups.aggregate(total=Sum("investment"))["total"]
    population = Municipality.objects.of_state(state_code).aggregate(
        total=Sum("population_2020")
    )["total"]
    return per_inhabitant(amount or ZERO, population)


@dataclass(frozen=True)
class PlaceMoney:
    """What a municipality's or region's page shows for a year."""

    year: int
    totals: WorkTotals
    subprograms: list[GroupAmount]
    population: int | None
    per_inhabitant: Decimal | None
    state_per_inhabitant: Decimal | None
    largest_works: list[Work]

    @property
    def largest_subprogram(self) -> Decimal:
        return max((row.amount for row in self.subprograms), default=ZERO)


def _place_money(
    filters: WorkFilters, *, population: int | None, state_code: str
) -> PlaceMoney:
    """Return the money of the place ``filters`` name: sums from the summary rows."""
    year = filters.year or 0
    totals = work_totals_prepared(filters)
    realized = work_groups(filters).filter(status__in=REALIZED_STATUSES)
    return PlaceMoney(
        year=year,
        totals=totals,
        subprograms=ranked_groups(
            realized, "subprogram__code", "subprogram__name", limit=None
        ),
        population=population,
        per_inhabitant=per_inhabitant(totals.invested, population),
        state_per_inhabitant=state_per_inhabitant(state_code, year),
        largest_works=_largest_works(filters),
    )


def _largest_works(filters: WorkFilters) -> list[Work]:
    """Return the place's ``PLACE_WORKS`` works of most investment, largest first.

    Read once per data version: the place's every work of the year is
    sorted (guarded by ``python -m bench first-reader``).
    """
    return prepared(
        "place-largest-works",
        lambda: list(
            work_list(filters=filters).order_by("-total_investment", "public_id")[
                :PLACE_WORKS
            ]
        ),
        filters,
    )


def municipality_money(municipality: Municipality, year: int) -> PlaceMoney:
    """Return ``municipality``'s works money in ``year``."""
    return _place_money(
        WorkFilters(year=year, municipality=municipality.code),
        population=municipality.population_2020,
        state_code=municipality.state_id,
    )


def region_money(region: Region, year: int) -> PlaceMoney:
    """Return ``region``'s works money in ``year``."""
    population = region.municipalities.aggregate(total=Sum("population_2020"))["total"]
    return _place_money(
        WorkFilters(year=year, region=region.pk),
        population=population,
        state_code=region.state_id,
    )


@dataclass(frozen=True)
class MunicipalityAmount:
    """A municipality's investment in a year, for the map and its table."""

    municipality: Municipality
    works: int
    amount: Decimal
    per_inhabitant: Decimal | None


@dataclass(frozen=True)
class StateAmount:
    """A state's investment in a year, for the national map and its table."""

    state: State
    works: int
    amount: Decimal
    per_inhabitant: Decimal | None


def state_amounts(year: int) -> list[StateAmount]:
    """Return every state with its ``year`` investment, by name.

    A work counts in its municipality's state, or in its own state when it
    has no municipality (``Instance.located``): a work of several states
    counts in none. Investment is money released, as on the municipalities'.
    """
    figures = _released_by_place(year, Coalesce("municipality__state_id", "state_id"))
    populations = dict(
        Municipality.objects.order_by()
        .values_list("state_id")
        .annotate(total=Sum("population_2020"))
    )
    rows = []
    for state in State.objects.order_by("name"):
        works, amount = figures.get(state.code, (0, ZERO))
        population = populations.get(state.code)
        rows.append(
            StateAmount(state, works, amount, per_inhabitant(amount, population))
        )
    return rows


def _released_by_place(year: int, place: Any) -> dict[str, tuple[int, Decimal]]:
    """Return the works and money released in ``year`` by ``place`` (an
    expression of the summary rows), read off the summary rows."""
    groups = work_groups(WorkFilters(year=year)).filter(status__in=REALIZED_STATUSES)
    sums = groups.values(place=place).annotate(
        count=Sum("works"), amount=Sum("investment")
    )
    return {row["place"]: (row["count"], row["amount"] or ZERO) for row in sums}


def municipality_amounts(
    municipalities: QuerySet[Municipality], year: int
) -> list[MunicipalityAmount]:
    """Return every municipality of ``municipalities`` with its ``year`` investment.

    Investment is money released (``Work.objects.realized``), as the totals
    say: approved money not released and cancelled works are not counted.
    """
    figures = _released_by_place(year, F("municipality_id"))
    rows = []
    for municipality in municipalities.select_related("region").order_by("name_folded"):
        works, amount = figures.get(municipality.code, (0, ZERO))
        population = municipality.population_2020
        rows.append(
            MunicipalityAmount(
                municipality, works, amount, per_inhabitant(amount, population)
            )
        )
    return rows


def located_works(
    year: int, *, state_code: str | None, municipality: str | None = None
) -> list[Work]:
    """Return the ``year``'s published works that have coordinates (of a
    state, or of one municipality), the first ``MAP_POINTS`` by folio and one
    more when there are more.

    Filtered by the state's municipality codes rather than through a join,
    so that PostgreSQL counts the works it will find: joined, it expected a
    few thousand and read every work of a year before taking the first by
    folio (guarded by ``make bench``'s place pages at scale).
    """
    works = Work.objects.published().filter(
        fiscal_year_id=year, latitude__isnull=False, longitude__isnull=False
    )
    if state_code:
        codes = Municipality.objects.of_state(state_code).values_list("code", flat=True)
        works = works.filter(municipality_id__in=list(codes))
    if municipality:
        works = works.filter(municipality_id=municipality)
    fields = ("public_id", "title", "latitude", "longitude", "municipality_id")
    return list(works.order_by("public_id").only(*fields)[: MAP_POINTS + 1])
