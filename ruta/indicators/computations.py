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

The works are counted from their summary rows, never one by one: by year,
program, place and status, and by when each first reached approval and
release (``ReachedSummary``, ``works.selectors.reached``), so a figure costs
the same at a million works as at a hundred. Committees are counted one by
one, each with its work's ``WorkReached`` row: there are as many as works
that have one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum

from ruta.catalog.models import Agency, Municipality
from ruta.indicators.models import Computation, IndicatorCard
from ruta.participation.models import Committee
from ruta.works.models import (
    APPROVED_STATUSES,
    REALIZED_STATUSES,
    Aid,
    ReachedSummary,
    WorkSummary,
)
from ruta.works.selectors.reached import reached

_HUNDREDTH = Decimal("0.01")


# (agency id, fiscal year) → a count, or → a figure
Key = tuple[int, int]
Batch = Callable[[Collection[int], Collection[int], str], dict[Key, Decimal | None]]


def agency_groups(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> QuerySet[ReachedSummary]:
    """Return the summary rows of the works of ``years`` in ``agency_ids``' programs.

    ``population`` narrows them to programs of one delivery (blank: all).
    """
    groups = ReachedSummary.objects.filter(
        program__agency__in=agency_ids, fiscal_year__in=years
    ).order_by()
    return groups.filter(program__delivery=population) if population else groups


def agency_committees(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> QuerySet[Committee]:
    """Return the committees of works that need one, as ``agency_groups`` selects.

    Their works are read from their ``WorkReached`` rows (``work__reached__``),
    which carry what is asked of them: a narrow table, where the works' own
    is a wide one.
    """
    committees = Committee.objects.filter(
        work__reached__program__agency__in=agency_ids,
        work__reached__fiscal_year__in=years,
        work__reached__program__committee_required=True,
    ).order_by()
    if population:
        return committees.filter(work__reached__program__delivery=population)
    return committees


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


def _sums(groups: QuerySet[ReachedSummary], *group: str, **sums: Q) -> dict:
    """Return ``{(agency id, year, *group): {name: works}}`` from one query.

    Each name counts the works of the rows meeting its condition; a key
    whose every count is 0 is left out, as a count of no works would be.
    """
    fields = ("program__agency", "fiscal_year", *group)
    rows = groups.values(*fields).annotate(
        **{
            name: Sum("works", filter=condition or None)
            for name, condition in sums.items()
        }
    )
    found = {}
    for row in rows:
        counts = {name: row[name] or 0 for name in sums}
        if any(counts.values()):
            found[tuple(row[field] for field in fields)] = counts
    return found


def _committee_counts(committees: QuerySet[Committee], *group: str) -> Counter:
    """Return ``{(agency id, year, *group): committees}`` from one query."""
    fields = ("work__reached__program__agency", "work__reached__fiscal_year", *group)
    rows = committees.values(*fields).annotate(n=Count("id"))
    return Counter({tuple(row[field] for field in fields): row["n"] for row in rows})


def _with_committee(
    agency_ids: Collection[int], years: Collection[int], population: str, *group: str
) -> tuple[dict, Counter]:
    """Return the works that need a committee and the committees among them.

    Works of programs that require one, once approved and while not
    cancelled (their current status): the one population both sides of the
    ratio count over. ``group`` adds the municipality.
    """
    needing = _sums(
        agency_groups(agency_ids, years, population).filter(
            program__committee_required=True, status__in=APPROVED_STATUSES
        ),
        *group,
        needing=Q(),
    )
    committees = agency_committees(agency_ids, years, population).filter(
        work__reached__status__in=APPROVED_STATUSES
    )
    found = _committee_counts(
        committees, *(f"work__reached__{field}" for field in group)
    )
    return needing, found


def committees_per_works_by(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> dict[Key, Decimal | None]:
    """Return, per 100 works that need a committee, how many have one.

    A work has at most one committee, so the ratio never passes 100 %.
    """
    needing, found = _with_committee(agency_ids, years, population)
    return {key: percent(found[key], row["needing"]) for key, row in needing.items()}


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
    is the same counts added up. Three queries whatever the agencies and years.
    """
    needing, found = _with_committee(agency_ids, years, population, "municipality")
    places = Municipality.objects.in_bulk({key[2] for key in needing})
    ratios: dict[Key, list[MunicipalRatio]] = {}
    for (agency, year, code), row in needing.items():
        ratio = MunicipalRatio(places[code], row["needing"], found[agency, year, code])
        ratios.setdefault((agency, year), []).append(ratio)
    for ratios_found in ratios.values():
        ratios_found.sort(key=lambda ratio: ratio.municipality.name)
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
    counts = _sums(
        agency_groups(agency_ids, years, population),
        approved=reached("approved", None),
        released=reached("released", None),
    )
    return {
        key: percent(row["released"], row["approved"])
        for key, row in counts.items()
        if row["approved"]
    }


def aid_count_by(
    agency_ids: Collection[int], years: Collection[int], population: str = ""
) -> dict[Key, Decimal | None]:
    """Return the number of aids granted by each agency or its units per year."""
    rows = (
        Aid.objects.granted()
        .filter(fiscal_year__in=years)
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
    groups = agency_groups(agency_ids, years, population)
    counts = _sums(groups, n=Q(status__in=REALIZED_STATUSES))
    return {key: count_or_none(row["n"]) for key, row in counts.items()}


def demo_agencies(agency_ids: Collection[int], years: Collection[int]) -> set[int]:
    """Return the agencies whose works or aid of ``years`` include demo rows.

    Their computed figures for those years come from demonstration data and
    are labelled so.
    """
    works = WorkSummary.objects.filter(
        program__agency__in=agency_ids, fiscal_year__in=years, is_demo=True
    )
    aids = Aid.objects.granted().filter(
        Q(agency__in=agency_ids) | Q(agency__parent__in=agency_ids),
        fiscal_year__in=years,
        is_demo=True,
    )
    found = set(works.order_by().values_list("program__agency", flat=True).distinct())
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
