"""Evaluate a card's method of calculation from the database, for any year.

The published figure is what the agency reported; the computed figure is
what the platform's own records give by the same method. Showing both side
by side is how a reader sees whether the report follows from the data.

Every method is evaluated for many agencies and years at once, by one grouped
query (two for a ratio) whatever the number of cards and years, so a page of
cards costs the same few queries however many cards and years it shows.

The populations follow the report's wording: "obras realizadas" are works
whose funds were released (``Work.objects.realized()``), and works belong to
an agency through the programs it runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from ruta.catalog.models import Agency
from ruta.indicators.models import Computation, IndicatorCard
from ruta.participation.models import Committee
from ruta.works.models import Aid, Work, WorkStatus
from ruta.works.published import GSE, TSAM

# The programs the cards speak of: concerted with the municipalities, and
# executed directly by the agency (Gestión Social Emergente).
CONCERTED_PROGRAM = TSAM
DIRECT_PROGRAM = GSE

_HUNDREDTH = Decimal("0.01")
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
Batch = Callable[[Collection[int], Collection[int]], dict[Key, Decimal | None]]


def agency_works(agency_ids: Collection[int], years: Collection[int]) -> QuerySet:
    """Return the works of ``years`` in programs run by the agencies ``agency_ids``."""
    return Work.objects.filter(program__agency__in=agency_ids, fiscal_year__in=years)


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


def _counts(queryset: QuerySet, agency: str, year: str, **counts: Count) -> dict:
    """Return ``{(agency id, year): {name: count}}`` from one grouped query."""
    rows = queryset.values(agency, year).annotate(**counts).order_by()
    return {(row[agency], row[year]): row for row in rows}


def _works_counts(works: QuerySet, **counts: Count) -> dict:
    return _counts(works, "program__agency", "fiscal_year", **counts)


def committees_per_works_by(
    agency_ids: Collection[int], years: Collection[int]
) -> dict[Key, Decimal | None]:
    """Return committees of each year's works per 100 works realized."""
    committees = _counts(
        Committee.objects.filter(
            work__program__agency__in=agency_ids, work__fiscal_year__in=years
        ),
        "work__program__agency",
        "work__fiscal_year",
        n=Count("id"),
    )
    works = _works_counts(agency_works(agency_ids, years).realized(), n=Count("id"))
    return {
        key: percent(committees.get(key, {}).get("n", 0), row["n"])
        for key, row in works.items()
    }


def released_per_approved_by(
    agency_ids: Collection[int], years: Collection[int]
) -> dict[Key, Decimal | None]:
    """Return concerted works released per 100 approved (both at or past the step)."""
    works = agency_works(agency_ids, years).of_program(CONCERTED_PROGRAM)
    counts = _works_counts(
        works,
        approved=Count("id", filter=Q(status__in=_AFTER_APPROVAL)),
        released=Count("id", filter=Q(status__in=_AFTER_RELEASE)),
    )
    return {
        key: percent(row["released"], row["approved"]) for key, row in counts.items()
    }


def aid_count_by(
    agency_ids: Collection[int], years: Collection[int]
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
        for agency in {row["agency"], row["agency__parent"]} & set(agency_ids):
            counts[agency, row["fiscal_year"]] += row["n"]
    return {key: count_or_none(count) for key, count in counts.items()}


def direct_works_count_by(
    agency_ids: Collection[int], years: Collection[int]
) -> dict[Key, Decimal | None]:
    """Return the number of works each agency executed directly and released."""
    works = agency_works(agency_ids, years).of_program(DIRECT_PROGRAM).realized()
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
        found.update({agency, parent} & set(agency_ids))
    return found


COMPUTATIONS: dict[str, Batch] = {
    Computation.COMMITTEES_PER_WORKS: committees_per_works_by,
    Computation.RELEASED_PER_APPROVED: released_per_approved_by,
    Computation.AID_COUNT: aid_count_by,
    Computation.DIRECT_WORKS_COUNT: direct_works_count_by,
}


def computed_values(
    cards: Iterable[IndicatorCard], years: Mapping[int, Iterable[int]]
) -> dict[tuple[int, int], Decimal | None]:
    """Return ``{(card id, year): figure}`` for each card and its ``years[card.pk]``.

    One batch per method the cards use, over all their agencies and years; a
    missing pair has no figure (None).
    """
    by_method: dict[str, list[IndicatorCard]] = {}
    for card in cards:
        if card.computation in COMPUTATIONS:
            by_method.setdefault(card.computation, []).append(card)
    values: dict[tuple[int, int], Decimal | None] = {}
    for method, group in by_method.items():
        wanted = {card.pk: set(years.get(card.pk, ())) for card in group}
        all_years = set().union(*wanted.values())
        if not all_years:
            continue
        figures = COMPUTATIONS[method]({card.agency_id for card in group}, all_years)
        for card in group:
            for year in wanted[card.pk]:
                values[card.pk, year] = figures.get((card.agency_id, year))
    return values


def _one(batch: Batch, agency: Agency, year: int) -> Decimal | None:
    return batch({agency.pk}, {year}).get((agency.pk, year))


def committees_per_works(agency: Agency, year: int) -> Decimal | None:
    """Return committees of the year's works per 100 works realized."""
    return _one(committees_per_works_by, agency, year)


def released_per_approved(agency: Agency, year: int) -> Decimal | None:
    """Return concerted works released per 100 approved (both at or past the step)."""
    return _one(released_per_approved_by, agency, year)


def aid_count(agency: Agency, year: int) -> Decimal | None:
    """Return the number of aids granted by ``agency`` or its units in ``year``."""
    return _one(aid_count_by, agency, year)


def direct_works_count(agency: Agency, year: int) -> Decimal | None:
    """Return the number of works the agency executed directly and released."""
    return _one(direct_works_count_by, agency, year)


def computed_value(card: IndicatorCard, year: int) -> Decimal | None:
    """Return ``card``'s method evaluated for ``year``; None if it cannot be."""
    return computed_values([card], {card.pk: [year]}).get((card.pk, year))
