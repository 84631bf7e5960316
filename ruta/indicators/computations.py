"""Evaluate a card's method of calculation from the database, for any year.

The published figure is what the agency reported; the computed figure is
what the platform's own records give by the same method. Showing both side
by side is how a reader sees whether the report follows from the data.

Which method evaluates a card, and over which works, is data on the card
(``computation`` and ``population``), set by the instance's configuration
(``ruta.indicators.configuration``) or by staff; never guessed from the
card's wording. Populations are attributes of programs (``WorksDelivery``,
``committee_required``), never a program's code.

Every method is evaluated for many agencies and years at once, by one grouped
query (two for a ratio) whatever the number of cards and years, so a page of
cards costs the same few queries however many cards and years it shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar, cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ruta.catalog.models import Agency, Municipality
from ruta.common.history import history_of
from ruta.indicators.models import Computation, IndicatorCard
from ruta.indicators.rules import quarter_end
from ruta.works.models import Aid, Work, WorkQuerySet, WorkStatus

_HUNDREDTH = Decimal("0.01")
# Statuses a work takes once approved (cancellation aside).
_AFTER_APPROVAL = (
    WorkStatus.APPROVED,
    WorkStatus.RELEASED,
    WorkStatus.CONTRACTED,
    WorkStatus.IN_EXECUTION,
    WorkStatus.COMPLETED,
    WorkStatus.HANDED_OVER,
)
_AFTER_RELEASE = _AFTER_APPROVAL[1:]


# (agency id, fiscal year) → a count, or → a figure
Key = tuple[int, int]
Batch = Callable[[Collection[int], Collection[int], str], dict[Key, Decimal | None]]


def agency_works(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> WorkQuerySet:
    """Return the works of ``years`` in programs run by ``agency_ids``.

    ``population`` narrows them to programs of one delivery (blank: all).
    """
    return Work.objects.filter(
        program__agency__in=agency_ids, fiscal_year__in=years
    ).of_delivery(population)


def percent(part: int, whole: int) -> Decimal | None:
    """Return ``part / whole × 100`` to two decimals; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        _HUNDREDTH, rounding=ROUND_HALF_UP
    )


def count_or_none(count: int) -> Decimal | None:
    """Return ``count`` as a figure; None for 0, which means nothing was captured."""
    return Decimal(count) if count else None


def _works_counts(works: QuerySet, *group: str, **counts: Count) -> dict:
    """Return ``{(agency id, year, *group): {name: count}}`` from one query."""
    fields = ("program__agency", "fiscal_year", *group)
    rows = works.values(*fields).annotate(**counts).order_by()
    return {tuple(row[field] for field in fields): row for row in rows}


def committee_population(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> QuerySet:
    """Return the works of the year that need a citizens' committee.

    Works of programs that require one, once approved and while not
    cancelled: the one population both sides of the ratio count over.
    """
    return (
        agency_works(agency_ids, years, population)
        .needing_committee()
        .filter(status__in=_AFTER_APPROVAL)
    )


_WITH_COMMITTEE = {
    "needing": Count("id"),
    "with_committee": Count("id", filter=Q(committee__isnull=False)),
}


def committees_per_works_by(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> dict[Key, Decimal | None]:
    """Return, per 100 works that need a committee, how many have one.

    A work has at most one committee, so the ratio never passes 100 %.
    """
    works = committee_population(agency_ids, years, population)
    counts = _works_counts(works, **_WITH_COMMITTEE)
    return {
        key: percent(row["with_committee"], row["needing"])
        for key, row in counts.items()
    }


@dataclass(frozen=True)
class MunicipalRatio:
    """Works that need a committee in one municipality, and how many have one."""

    municipality: Municipality
    works: int
    with_committee: int

    @property
    def percent(self) -> Decimal | None:
        """Return committees per 100 works of the municipality."""
        return percent(self.with_committee, self.works)


def committees_by_municipality_by(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> dict[Key, list[MunicipalRatio]]:
    """Return, per agency and year, the committees ratio in each municipality.

    The card measures committees "en cada municipio"; the statewide figure
    is the same counts added up. Two queries whatever the agencies and years.
    """
    works = committee_population(agency_ids, years, population)
    counts = _works_counts(works, "municipality", **_WITH_COMMITTEE)
    places = Municipality.objects.in_bulk({key[2] for key in counts})
    ratios: dict[Key, list[MunicipalRatio]] = {}
    for (agency, year, code), row in counts.items():
        ratio = MunicipalRatio(places[code], row["needing"], row["with_committee"])
        ratios.setdefault((agency, year), []).append(ratio)
    for found in ratios.values():
        found.sort(key=lambda ratio: ratio.municipality.name)
    return ratios


def committees_per_works_by_municipality(
    agency: Agency, year: int, population: str = ""
) -> list[MunicipalRatio]:
    """Return the committees ratio of ``agency``'s works in each municipality."""
    return committees_by_municipality_by({agency.pk}, {year}, population).get(
        (agency.pk, year), []
    )


def municipal_values(
    cards: Iterable[IndicatorCard], years: Mapping[int, int]
) -> dict[int, list[MunicipalRatio]]:
    """Return each committees card's ratios by municipality in ``years[card.pk]``."""
    by_population: dict[str, list[IndicatorCard]] = {}
    for card in cards:
        if card.computation == Computation.COMMITTEES_PER_WORKS and card.pk in years:
            by_population.setdefault(card.population, []).append(card)
    found: dict[int, list[MunicipalRatio]] = {}
    for population, group in by_population.items():
        agencies = {card.agency_id for card in group}
        ratios = committees_by_municipality_by(
            agencies, {years[card.pk] for card in group}, population
        )
        for card in group:
            found[card.pk] = ratios.get((card.agency_id, years[card.pk]), [])
    return found


def released_per_approved_by(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> dict[Key, Decimal | None]:
    """Return works released per 100 ever approved, from their status history.

    A work that fails the agreement "no se liberaría": approved, then
    cancelled, it counts among the approved and not among the released.
    """
    works = agency_works(agency_ids, years, population)
    approved = _works_counts(works.ever_reached(_AFTER_APPROVAL), n=Count("id"))
    released = _works_counts(works.ever_reached(_AFTER_RELEASE), n=Count("id"))
    return {
        key: percent(released.get(key, {}).get("n", 0), row["n"])
        for key, row in approved.items()
    }


def aid_count_by(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> dict[Key, Decimal | None]:
    """Return the number of aids granted by each agency or its units per year."""
    rows = (
        Aid.objects.filter(fiscal_year__in=years)
        .filter(Q(agency__in=agency_ids) | Q(agency__parent__in=agency_ids))
        .values("agency", "agency__parent", "fiscal_year")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Counter[Key] = Counter()
    for row in rows:
        # An aid counts for the agency that granted it and for its parent.
        for agency in set(agency_ids) & {row["agency"], row["agency__parent"]}:
            counts[agency, row["fiscal_year"]] += row["n"]
    return {key: count_or_none(count) for key, count in counts.items()}


def realized_works_count_by(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> dict[Key, Decimal | None]:
    """Return the number of works of ``population`` whose funds were released."""
    works = agency_works(agency_ids, years, population).realized()
    counts = _works_counts(works, n=Count("id"))
    return {key: count_or_none(row["n"]) for key, row in counts.items()}


def demo_agencies(agency_ids: Collection[int], years: Collection[int]) -> set[int]:
    """Return the agencies whose works or aid of ``years`` include demo rows.

    Their computed figures for those years come from demonstration data and
    are labelled so.
    """
    works = agency_works(agency_ids, years).filter(is_demo=True)
    aids = Aid.objects.filter(
        Q(agency__in=agency_ids) | Q(agency__parent__in=agency_ids),
        fiscal_year__in=years,
        is_demo=True,
    )
    found = set(works.values_list("program__agency", flat=True).distinct())
    for agency, parent in aids.values_list("agency", "agency__parent").distinct():
        found.update(set(agency_ids) & {agency, parent})
    return found


COMPUTATIONS: dict[str, Batch] = {
    Computation.COMMITTEES_PER_WORKS: committees_per_works_by,
    Computation.RELEASED_PER_APPROVED: released_per_approved_by,
    Computation.AID_COUNT: aid_count_by,
    Computation.REALIZED_WORKS_COUNT: realized_works_count_by,
}


def computed_values(
    cards: Iterable[IndicatorCard], years: Mapping[int, Iterable[int]]
) -> dict[tuple[int, int], Decimal | None]:
    """Return ``{(card id, year): figure}`` for each card and its ``years[card.pk]``.

    One batch per method and population the cards use, over all their
    agencies and years; a missing pair has no figure (None).
    """
    by_method: dict[tuple[str, str], list[IndicatorCard]] = {}
    for card in cards:
        if card.computation in COMPUTATIONS:
            key = (card.computation, card.population)
            by_method.setdefault(key, []).append(card)
    values: dict[tuple[int, int], Decimal | None] = {}
    for (method, population), group in by_method.items():
        wanted = {card.pk: set(years.get(card.pk, ())) for card in group}
        all_years = set().union(*wanted.values())
        if not all_years:
            continue
        agencies = {card.agency_id for card in group}
        figures = COMPUTATIONS[method](agencies, all_years, population)
        for card in group:
            for year in wanted[card.pk]:
                values[card.pk, year] = figures.get((card.agency_id, year))
    return values


def computed_for(
    computation: str, agency: Agency, year: int, population: str = ""
) -> Decimal | None:
    """Return ``computation`` evaluated for one agency and year (None: no figure)."""
    figures = COMPUTATIONS[computation]({agency.pk}, {year}, population)
    return figures.get((agency.pk, year))


# ---------------------------------------------------------------- periods and places


@dataclass(frozen=True)
class Place:
    """Where a figure is computed: the whole state, a municipality or a region."""

    municipality_id: str | None = None
    region_id: int | None = None


STATEWIDE = Place()


Q_ = TypeVar("Q_", bound=QuerySet)


def _in_place(queryset: Q_, place: Place, prefix: str = "") -> Q_:
    if place.municipality_id is not None:
        return queryset.filter(**{f"{prefix}municipality_id": place.municipality_id})
    if place.region_id is not None:
        return queryset.filter(**{f"{prefix}municipality__region_id": place.region_id})
    return queryset


def reached_by(
    works: WorkQuerySet, statuses: Collection[str], day: date
) -> WorkQuerySet:
    """Return the works that took any of ``statuses`` on or before ``day``.

    Read from the status history as its pages date it
    (``works.selectors.route.status_timeline``): an event that carries the
    date its file or plan speaks for (``as_of``) is dated by it, any other
    by when it was recorded.
    """
    statuses = list(statuses)
    history = (
        history_of(Work)
        ._default_manager.filter(pgh_obj_id=OuterRef("pk"), status__in=statuses)
        .filter(
            Q(as_of__lte=day) | Q(as_of__isnull=True, pgh_created_at__date__lte=day)
        )
    )
    current = Q(status__in=statuses) & (
        Q(as_of__lte=day) | Q(as_of__isnull=True, created__date__lte=day)
    )
    return cast(WorkQuerySet, works.filter(current | Exists(history)))


def period_figure(
    card: IndicatorCard, year: int, quarter: int | None, place: Place = STATEWIDE
) -> Decimal | None:
    """Return ``card``'s method evaluated for a period and place (None: no figure).

    A quarter's figure is the year's to that quarter's end, as the card's
    yearly figure is the year's to December: works of the fiscal year that
    had reached a status by then, committees formed by then, aid granted by
    then. A whole year with no place is ``computed_values``' figure.
    """
    if card.computation not in COMPUTATIONS:
        return None
    day = quarter_end(year, quarter) if quarter else None
    works = _in_place(agency_works({card.agency_id}, {year}, card.population), place)
    if card.computation == Computation.AID_COUNT:
        aids = Aid.objects.filter(
            Q(agency=card.agency_id) | Q(agency__parent=card.agency_id),
            fiscal_year=year,
        )
        aids = _in_place(aids, place)
        if day is not None:
            aids = aids.filter(granted_on__lte=day)
        return count_or_none(aids.count())
    approved = (
        works.ever_reached(_AFTER_APPROVAL)
        if day is None
        else reached_by(works, _AFTER_APPROVAL, day)
    )
    released = (
        works.ever_reached(_AFTER_RELEASE)
        if day is None
        else reached_by(works, _AFTER_RELEASE, day)
    )
    if card.computation == Computation.REALIZED_WORKS_COUNT:
        return count_or_none(released.count())
    if card.computation == Computation.RELEASED_PER_APPROVED:
        return percent(released.count(), approved.count())
    needing = approved.needing_committee().exclude(status=WorkStatus.CANCELLED)
    formed = needing.filter(committee__isnull=False)
    if day is not None:
        formed = formed.filter(committee__formed_on__lte=day)
    return percent(formed.count(), needing.count())
