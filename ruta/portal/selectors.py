"""Reads for the public pages: the money of a year, of a place, what changed.

Every figure is derived from the works and their funding rows through the
works explorer's own selectors, so the home page, a municipality's page and
the explorer filtered the same way show the same totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from ruta.accounting.selectors import statement_years
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, FiscalYear, Municipality, Region, State
from ruta.common.audit.history import history_of
from ruta.common.prepared import prepared
from ruta.common.text.money import ZERO
from ruta.programs.models import Goal, UnitProgram
from ruta.programs.selectors import poa_years
from ruta.sources.models import SourceDocument
from ruta.works.models import REALIZED_STATUSES, Work, WorkStatus, WorkSummary
from ruta.works.rules import default_year
from ruta.works.selectors import WorkFilters
from ruta.works.selectors.aids import aid_years
from ruta.works.selectors.budget import BudgetView, budget_phases
from ruta.works.selectors.explore import WorkTotals, work_totals_prepared
from ruta.works.selectors.summary import invested_years, published_years, work_groups

TOP = 5


@dataclass(frozen=True)
class HomeCounts:
    """The catalog and data figures the "about the data" page shows.

    ``state`` is the instance's (``RUTA_STATE``); a national instance has
    none, and no state figures. A municipality's instance has no state
    figures either: it counts its own agencies, goals and works
    (``municipality``).
    """

    states: int
    municipalities: int
    state: State | None
    state_municipalities: int | None
    state_regions: int | None
    agencies: int
    fiscal_years: int
    works: int
    goals: int
    documents: int
    municipality: Municipality | None = None


def home_counts(state: State | None = None) -> HomeCounts:
    """Return the catalog counts, nationally and for ``state``; on a
    municipality's instance, its agencies and its units' goals only."""
    scope = instance()
    municipality = scope.municipality()
    if municipality is not None:
        state = None
    return HomeCounts(
        states=State.objects.count(),
        municipalities=Municipality.objects.count(),
        state=state,
        state_municipalities=(
            Municipality.objects.of_state(state.code).count() if state else None
        ),
        state_regions=Region.objects.of_state(state.code).count() if state else None,
        agencies=(scope.agencies() if scope.municipal else Agency.objects).count(),
        fiscal_years=FiscalYear.objects.count(),
        # The explorer's totals, from the summary rows: counting the works
        # read every one.
        works=work_totals_prepared(WorkFilters()).works,
        goals=Goal.objects.filter(unit_program__in=UnitProgram.objects.here()).count(),
        documents=SourceDocument.objects.here().count(),
        municipality=municipality,
    )


def regions_overview(state: State | None) -> QuerySet[Region]:
    """Return the state's regions with their municipality count and population
    (none on a municipality's instance, which has no region pages)."""
    if state is None or instance().municipal:
        return Region.objects.none()
    return (
        Region.objects.of_state(state.code)
        .annotate(
            municipality_count=Count("municipalities"),
            population=Sum("municipalities__population_2020"),
        )
        .order_by("number")
    )


def years_with_works() -> list[int]:
    """Return the fiscal years with published works, newest first.

    The works are those the instance covers (on a state's instance, those
    located in it). Read from the works' summary rows: the same cost at any
    size, right after a change included. The year pages open on is
    ``works_year_choice``'s.
    """
    return published_years()


@dataclass(frozen=True)
class YearChoice:
    """The years a page's picker offers, newest first, and the one it opens on."""

    years: list[int]
    default: int | None


def works_year_choice() -> YearChoice:
    """Return the years with published works, opening on the latest invested in.

    Both read from the works' summary rows; the rule is
    ``works.rules.default_year``.
    """
    offered = years_with_works()
    return YearChoice(offered, default_year(offered, invested_years()))


def budget_year_choice() -> YearChoice:
    """Return the years with works or a statement, opening on one with a statement.

    Without any statement, on the year the works pages open on.
    """
    statements = statement_years()
    offered = sorted({*years_with_works(), *statements}, reverse=True)
    return YearChoice(offered, default_year(offered, statements, invested_years()))


def municipal_year_choice() -> YearChoice:
    """Return the years a municipality's first screen offers: with works, a
    POA or a budget statement; opening (``default_year``) on the latest with
    money invested and a POA, else with money invested, a POA, a statement."""
    invested, poa, statements = invested_years(), poa_years(), statement_years()
    offered = sorted({*years_with_works(), *poa, *statements}, reverse=True)
    both = set(invested) & set(poa)
    return YearChoice(offered, default_year(offered, both, invested, poa, statements))


def budget_phases_prepared(year: int) -> BudgetView:
    """Return ``budget_phases`` of ``year``, read once per data version.

    Every published work of the year with its latest file's figures (guarded
    by ``python -m bench first-reader``). The budget page and the question
    box share it.
    """
    return prepared("budget-phases", lambda: budget_phases(year), year)


def aid_year_choice() -> YearChoice:
    """Return the years with social aids, opening on the latest.

    An aid is money given, never a proposal: every year offered has some.
    """
    offered = aid_years()
    return YearChoice(offered, default_year(offered))


def demo_works_of_year(year: int) -> int:
    """Return how many of ``year``'s published works are demonstration data.

    Pages that sum a year's works say so when any of them were generated.
    """
    counted = (
        work_groups(WorkFilters(year=year))
        .filter(is_demo=True)
        .aggregate(demo=Sum("works"))["demo"]
    )
    return counted or 0


@dataclass(frozen=True)
class GroupAmount:
    """A subprogram's, region's or municipality's share of a year's works."""

    key: str
    label: str
    works: int
    amount: Decimal


def ranked_groups(
    groups: QuerySet[WorkSummary], key: str, label: str, *, limit: int | None = TOP
) -> list[GroupAmount]:
    """Return the summary ``groups`` grouped by ``key``, largest investment first."""
    rows = (
        groups.order_by()
        .values(key, label)
        .annotate(count=Sum("works"), amount=Sum("investment"))
        .order_by("-amount", label)
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        GroupAmount(
            key=str(row[key] or ""),
            label=row[label] or "",
            works=row["count"],
            amount=row["amount"] or ZERO,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class YearMoney:
    """The money of a fiscal year's published works, as the home page leads with."""

    year: int
    totals: WorkTotals
    subprograms: list[GroupAmount]
    regions: list[GroupAmount]

    @property
    def largest_subprogram(self) -> Decimal:
        return max((row.amount for row in self.subprograms), default=ZERO)

    @property
    def largest_region(self) -> Decimal:
        return max((row.amount for row in self.regions), default=ZERO)


def year_money(year: int) -> YearMoney:
    """Return ``year``'s totals, and the subprograms and regions that invested most."""
    filters = WorkFilters(year=year)
    realized = work_groups(filters).filter(status__in=REALIZED_STATUSES)
    return YearMoney(
        year=year,
        totals=work_totals_prepared(filters),
        subprograms=ranked_groups(realized, "subprogram__code", "subprogram__name"),
        regions=ranked_groups(
            realized.exclude(municipality__region=None),
            "municipality__region_id",
            "municipality__region__name",
        ),
    )


# The fields of a work whose changes the home page lists: what the public
# pages show. Personal data never lives on a work.
PUBLIC_CHANGE_FIELDS = (
    "status",
    "total_investment",
    "beneficiaries",
    "title",
    "start_date",
    "end_date",
    "published_at",
)


@dataclass(frozen=True)
class PublicChange:
    """A change to a published work, from the audit history."""

    when: object
    work: Work
    fields: list[tuple[str, object, object]]


# The audit events the home page reads back at most, newest first and a
# window at a time, to find its latest changes: a history whose latest
# events are of works the public does not see (unpublished, or of another
# state) cannot make it read the whole table.
CHANGES_WINDOW = 2_000
CHANGES_WINDOWS = 5


def latest_changes(*, limit: int = 8) -> list[PublicChange]:
    """Return the latest changes to published works' public fields, newest first.

    Read once per data version from the works' audit events of the works the
    public sees (on a state's instance, those located in it): the latest
    inserts and updates, found among the newest ``CHANGES_WINDOW`` events at
    a time (at most ``CHANGES_WINDOWS`` windows), each compared with the
    event before it of the same work (one query for all); events that
    changed no public field are skipped.
    """
    return prepared("home-latest-changes", lambda: _latest_changes(limit), limit)


def _latest_changes(limit: int) -> list[PublicChange]:
    event_model = history_of(Work)
    events = _latest_public_events(event_model, limit * 5)
    before = _previous_events(event_model, events)
    changes = [
        (event, fields)
        for event in events
        if (fields := _public_fields(event, before.get(event.pgh_id)))
    ]
    works = Work.objects.published().in_bulk({e.pgh_obj_id for e, _f in changes})
    return [
        PublicChange(event.pgh_created_at, works[event.pgh_obj_id], fields)
        for event, fields in changes
        if event.pgh_obj_id in works
    ][:limit]


def _latest_public_events(event_model: type[Any], wanted: int) -> list[Any]:
    """Return up to ``wanted`` latest inserts and updates of published works.

    Each window is a range of the events' key, read backwards by its index
    whatever the table's statistics say: filtered whole, the planner once
    sorted a million events a request when it thought few were inserts or
    updates.
    """
    events = event_model._default_manager
    found: list[Any] = []
    newer: int | None = None
    for _ in range(CHANGES_WINDOWS):
        keys = events.order_by("-pgh_id")
        if newer is not None:
            keys = keys.filter(pgh_id__lt=newer)
        window = list(keys.values_list("pgh_id", flat=True)[:CHANGES_WINDOW])
        if not window:
            break
        found += events.filter(
            pgh_id__range=(window[-1], window[0]),
            pgh_label__in=("insert", "update"),
            pgh_obj_id__in=Work.objects.published().values("pk"),
        ).order_by("-pgh_id")[: wanted - len(found)]
        if len(found) >= wanted or len(window) < CHANGES_WINDOW:
            break
        newer = window[-1]
    return found


def _previous_events(event_model: type[Any], events: list[Any]) -> dict[int, Any]:
    """Return, for each update event, the event of the same work just before it."""
    updates = [event for event in events if event.pgh_label == "update"]
    if not updates:
        return {}
    table = event_model._meta.db_table
    earlier = event_model._default_manager.raw(
        f"""
        SELECT p.*, e.later_id
        FROM unnest(%s::bigint[], %s::bigint[]) AS e(later_id, obj_id)
        CROSS JOIN LATERAL (
            SELECT * FROM {table} w
            WHERE w.pgh_obj_id = e.obj_id AND w.pgh_id < e.later_id
            ORDER BY w.pgh_id DESC LIMIT 1
        ) p
        """,  # noqa: S608 - the model's own table
        [[e.pgh_id for e in updates], [e.pgh_obj_id for e in updates]],
    )
    return {row.later_id: row for row in earlier}


def _public_fields(event: Any, before: Any | None) -> list[tuple[str, object, object]]:
    """Return the public fields ``event`` changed, with values shown to readers."""
    if event.pgh_label == "insert":
        return [("created", None, None)]
    if before is None:
        return []
    labels = dict(WorkStatus.choices)
    fields = []
    for name in PUBLIC_CHANGE_FIELDS:
        old, new = getattr(before, name), getattr(event, name)
        if old == new:
            continue
        if name == "status":
            old, new = labels.get(old, old), labels.get(new, new)
        fields.append((name, old, new))
    return fields
