"""A card's method evaluated by quarter and place, many figures per query.

A quarter's figure is the year's to that quarter's end, as the card's yearly
figure is the year's to December: works of the fiscal year that had reached
a status by then, committees formed by then, aid granted by then. A page
shows a card's results of several quarters and places and its four quarters
statewide: ``period_figures`` counts all of a year's at once, each quarter's
end a filtered sum, grouped by municipality (a region's and the state's are
its municipalities' added up), so a card costs the same two queries however
many periods and places it shows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from ruta.indicators.computations import (
    COMPUTATIONS,
    agency_committees,
    agency_groups,
    count_or_none,
    percent,
)
from ruta.indicators.models import Computation, IndicatorCard
from ruta.indicators.rules import quarter_end
from ruta.works.models import Aid, WorkStatus
from ruta.works.selectors.reached import reached


@dataclass(frozen=True)
class Place:
    """Where a figure is computed: the whole state, a municipality or a region."""

    municipality_id: str | None = None
    region_id: int | None = None

    def holds(self, municipality_id: str | None, region_id: int | None) -> bool:
        """Return whether a row of that municipality (in that region) is here."""
        if self.municipality_id is not None:
            return municipality_id == self.municipality_id
        if self.region_id is not None:
            return region_id == self.region_id
        return True


STATEWIDE = Place()

# (quarter or None for the whole year, place) → a figure
Figures = dict[tuple[int | None, Place], Decimal | None]
# (municipality, region) → {count name: count}
Counts = dict[tuple[str | None, int | None], dict[str, int]]


def period_figure(
    card: IndicatorCard, year: int, quarter: int | None, place: Place = STATEWIDE
) -> Decimal | None:
    """Return ``card``'s method evaluated for a period and place (None: no figure).

    A whole year with no place is ``computed_values``' figure.
    """
    return period_figures(card, year, [quarter], [place])[quarter, place]


def period_figures(
    card: IndicatorCard,
    year: int,
    quarters: Collection[int | None],
    places: Collection[Place],
) -> Figures:
    """Return ``card``'s figure of ``year`` for each of ``quarters`` in each place.

    A quarter of None is the whole year. Two queries (one for aid) whatever
    the quarters and places; none for a card with no method.
    """
    if card.computation not in COMPUTATIONS:
        return {(quarter, place): None for quarter in quarters for place in places}
    days = {
        quarter: quarter_end(year, quarter) if quarter else None for quarter in quarters
    }
    counts = _counts(card, year, days)
    return {
        (quarter, place): _figure(card.computation, _added(counts, place, quarter))
        for quarter in quarters
        for place in places
    }


def _counts(
    card: IndicatorCard, year: int, days: Mapping[int | None, date | None]
) -> Counts:
    """Return the counts ``card``'s method divides, by place, for each quarter."""
    if card.computation == Computation.AID_COUNT:
        aids = Aid.objects.granted().filter(
            Q(agency=card.agency_id) | Q(agency__parent=card.agency_id),
            fiscal_year=year,
        )
        granted = {
            f"aids_{quarter}": Count(
                "id", filter=Q(granted_on__lte=day) if day else None
            )
            for quarter, day in days.items()
        }
        return _by_place(aids, "", granted)
    groups = agency_groups({card.agency_id}, {year}, card.population)
    sums = {}
    for quarter, day in days.items():
        sums[f"approved_{quarter}"] = Sum("works", filter=reached("approved", day))
        sums[f"released_{quarter}"] = Sum("works", filter=reached("released", day))
        sums[f"needing_{quarter}"] = Sum("works", filter=_needing(day))
    counts = _by_place(groups, "", sums)
    if card.computation == Computation.COMMITTEES_PER_WORKS:
        committees = agency_committees({card.agency_id}, {year}, card.population)
        formed = {
            f"formed_{quarter}": Count("id", filter=_formed(day))
            for quarter, day in days.items()
        }
        for place, found in _by_place(committees, "work__reached__", formed).items():
            counts.setdefault(place, {}).update(found)
    return counts


def _needing(day: date | None) -> Q:
    """Return the summary rows of works needing a committee by ``day``."""
    return (
        reached("approved", day)
        & Q(program__committee_required=True)
        & ~Q(status=WorkStatus.CANCELLED)
    )


def _formed(day: date | None) -> Q:
    """Return the committees formed by ``day`` on works needing one by then."""
    formed = reached("approved", day, "work__reached__") & ~Q(
        work__reached__status=WorkStatus.CANCELLED
    )
    return formed & Q(formed_on__lte=day) if day else formed


def _by_place(rows: QuerySet, prefix: str, counts: Mapping[str, Sum | Count]) -> Counts:
    """Return ``counts`` of ``rows`` by municipality and its region, one query."""
    place = (f"{prefix}municipality", f"{prefix}municipality__region")
    found = rows.order_by().values(*place).annotate(**counts)
    return {
        (row[place[0]], row[place[1]]): {name: row[name] or 0 for name in counts}
        for row in found
    }


def _added(counts: Counts, place: Place, quarter: int | None) -> dict[str, int]:
    """Return each count of ``quarter`` added up over the rows of ``place``."""
    total: dict[str, int] = {}
    for (municipality, region), found in counts.items():
        if place.holds(municipality, region):
            for name, count in found.items():
                kind, of = name.rsplit("_", 1)
                if of == str(quarter):
                    total[kind] = total.get(kind, 0) + count
    return total


def _figure(computation: str, counts: Mapping[str, int]) -> Decimal | None:
    """Return the figure ``computation`` makes of a period's and place's counts."""
    if computation == Computation.AID_COUNT:
        return count_or_none(counts.get("aids", 0))
    if computation == Computation.REALIZED_WORKS_COUNT:
        return count_or_none(counts.get("released", 0))
    if computation == Computation.RELEASED_PER_APPROVED:
        return percent(counts.get("released", 0), counts.get("approved", 0))
    return percent(counts.get("formed", 0), counts.get("needing", 0))
