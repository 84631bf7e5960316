"""Reads on works for lists and pages.

Totals are derived here from the rows, never stored: a work's funding total
and the published tables (works by subprogram and by region) come from the
funding and work rows at read time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from django.db.models import (
    F,
    Model,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, FiscalYear, Municipality, Region, State
from ruta.common.db.versioning import data_version, versions_kept
from ruta.common.fields import MoneyField
from ruta.common.prepared import prepared
from ruta.common.text.money import ZERO
from ruta.common.web.pagination import key_page, order_cursor, order_cursor_read
from ruta.works.models import (
    BudgetModification,
    Contract,
    Funding,
    Payment,
    Progress,
    Subprogram,
    Work,
    WorkDocument,
    WorkPublication,
    WorkQuerySet,
    WorksProgram,
    WorkStatus,
    funded_by,
)
from ruta.works.rules import modified_budget
from ruta.works.selectors.delay import Delay, late_condition, with_delay, work_delay
from ruta.works.selectors.order import (
    RANKED_AT_MOST,
    by_contractor,
    order_of,
    ordered,
    searched,
)
from ruta.works.selectors.summary import work_groups

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class WorkFilters:
    """What a works list is narrowed by, and its order; empty values filter nothing.

    ``contractor`` is a legal entity's RFC or part of a contractor's name;
    ``sort`` is a key of ``ruta.works.selectors.explore.SORTS``.
    """

    year: int | None = None
    program: str = ""
    subprogram: str = ""
    municipality: str = ""
    region: int | None = None
    status: str = ""
    text: str = ""
    source: str = ""
    marginalization: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    contractor: str = ""
    agency: str = ""  # the executing agency's code, or its parent's
    late: bool = False  # only works behind their period (``rules.is_late``)
    late_on: date | None = None  # the day lateness is judged on (None: today)
    unlocated: bool = False  # only works without coordinates (the map's rest)
    sort: str = ""


def filters_json(filters: WorkFilters) -> dict[str, Any]:
    """Return the filters set in ``filters`` as JSON holds them (a job's arguments)."""
    default = WorkFilters()
    return {
        item.name: str(value) if isinstance(value, Decimal | date) else value
        for item in fields(WorkFilters)
        if (value := getattr(filters, item.name)) != getattr(default, item.name)
    }


def filters_from_json(data: dict[str, Any]) -> WorkFilters:
    """Return the filters ``filters_json`` wrote; refuse a name that is not one."""
    known = {item.name for item in fields(WorkFilters)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"not works filters: {', '.join(sorted(unknown))}")
    typed: dict[str, Decimal | date] = {
        name: Decimal(data[name])
        for name in ("amount_min", "amount_max")
        if data.get(name) is not None
    }
    if data.get("late_on") is not None:
        typed["late_on"] = date.fromisoformat(data["late_on"])
    return WorkFilters(**{**data, **typed})


# What a list never shows and costs to read and convert per row: the search
# columns (a text vector each) and the long description.
LIST_DEFERRED = (
    "search_vector",
    "search_folded",
    "description",
    "municipality__search_vector",
    "municipality__name_folded",
)


def work_list(
    *,
    filters: WorkFilters | None = None,
    published_only: bool = True,
    rank: bool = True,
) -> WorkQuerySet:
    """Return the works matching ``filters``, ready to list without N+1.

    ``rank`` false lists a search in the default order instead of by
    relevance (see ``ranked``).
    """
    filters = filters or WorkFilters()
    works = Work.objects.all()
    if published_only:
        works = works.published()
    if filters.year:
        works = works.of_year(filters.year)
    if filters.program:
        works = works.of_program(filters.program)
    if filters.subprogram:
        works = works.filter(subprogram__code=filters.subprogram)
    if filters.municipality:
        works = works.filter(municipality_id=filters.municipality)
    if filters.region:
        works = works.in_region(filters.region)
    if filters.status:
        works = works.filter(status=filters.status)
    if filters.agency:
        works = works.filter(
            Q(executing_agency__code=filters.agency)
            | Q(executing_agency__parent__code=filters.agency)
        )
    if filters.marginalization:
        works = works.filter(
            municipality__marginalization__grade=filters.marginalization
        )
    works = _narrowed_by_money(works, filters)
    if filters.contractor.strip():
        works = by_contractor(works, filters.contractor)
    if filters.text.strip():
        works = searched(works, filters.text)
    works = works.select_related(
        "program", "subprogram", "municipality__region", "fiscal_year", "state"
    ).defer(*LIST_DEFERRED)
    works = ordered(works, sort=filters.sort, ranked_by=filters.text, rank=rank)
    if filters.late:
        judged_on = filters.late_on or timezone.localdate()
        works = with_delay(works, judged_on).filter(late_condition())
    if filters.unlocated:
        works = works.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
    return works


def _narrowed_by_money(works: WorkQuerySet, filters: WorkFilters) -> WorkQuerySet:
    """Return ``works`` with a funding source and within the amount range given."""
    if filters.source:
        works = works.filter(funded_by(filters.source))
    if filters.amount_min is not None:
        works = works.filter(total_investment__gte=filters.amount_min)
    if filters.amount_max is not None:
        works = works.filter(total_investment__lte=filters.amount_max)
    return works


class Option(NamedTuple):
    """One choice of a filter: the value a form sends and the name it shows."""

    code: str
    name: str


@dataclass(frozen=True)
class FilterOptions:
    """The choices a works filter form offers, read from the data.

    Plain codes and names, not catalog rows: every explorer request reads
    them from the cache, and unpickling two thousand model instances (each
    looking its model up again) was most of its time.
    """

    years: list[int]
    programs: list[Option]
    subprograms: list[Option]
    regions: list[Option]
    municipalities: list[Option]
    statuses: list[tuple[str, str | StrPromise]]
    agencies: list[Option]


@dataclass(frozen=True)
class WorkListPage:
    """One page of the works list, read by key, and what it shows.

    ``after``/``before`` are the cursors of the next and previous pages
    (empty when there is none); ``count`` is the whole selection's;
    ``unranked`` is true when words were searched but the matches were too
    many to rank: the page lists them in the default order and says so.
    """

    works: list[Work]
    count: int
    after: str = ""
    before: str = ""
    has_demo: bool = False
    unranked: bool = False

    @property
    def has_other_pages(self) -> bool:
        return bool(self.after or self.before)


# A selection of at most this many works, narrowed by a filter an index
# serves, is read whole and sorted for its page (``KeyOrder.matches_first``):
# matches bunched at the end of the list's order are found far faster so
# than through the order's index, and spread ones faster through it
# (``docs/performance.md``; guarded by ``make bench``'s filters at scale).
# Without such a filter (a status, works behind their period) the matches
# could only be found by reading every work.
MATCHES_SORTED_MOST = 10_000
NARROWED_BY_AN_INDEX = (
    "year",
    "program",
    "subprogram",
    "municipality",
    "region",
    "text",
    "contractor",
    "amount_min",
    "amount_max",
)


def matches_first(filters: WorkFilters, count: int) -> bool:
    """Return whether a page of ``count`` works is read from them, sorted."""
    return count <= MATCHES_SORTED_MOST and any(
        _given(getattr(filters, name)) for name in NARROWED_BY_AN_INDEX
    )


def _given(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def ranked(filters: WorkFilters, count: int | None) -> bool:
    """Return whether a search's ``count`` matches are few enough to rank."""
    return count is None or count <= RANKED_AT_MOST or bool(filters.sort)


@dataclass(frozen=True)
class PagePlace:
    """Where a page of a list starts: after a cursor, before one, or at the end."""

    after: str = ""
    before: str = ""
    last: bool = False


def work_list_page(
    *,
    filters: WorkFilters | None = None,
    place: PagePlace | None = None,
    per_page: int = 25,
    count: int,
    counted: bool = True,
) -> WorkListPage:
    """Return a page of the works list by key: the last costs what the first does.

    ``count`` is the selection's, already counted with its totals, or (not
    ``counted``) how many it holds at least. A cursor that is not one this
    list gave raises ``UnknownValue``.
    """
    filters = filters or WorkFilters()
    place = place or PagePlace()
    rank = ranked(filters, count)
    order = order_of(filters.sort, filters.text, rank=rank)
    if counted and matches_first(filters, count):
        order = replace(order, matches_first=True)
    # The catalog rows come from this process's memory, not joined.
    works = work_list(filters=filters, rank=rank).select_related(None)
    page = key_page(
        with_delay(works, timezone.localdate()),
        order,
        size=per_page,
        after=order_cursor_read(order, place.after),
        before=order_cursor_read(order, place.before),
        last=place.last,
    )
    return WorkListPage(
        works=list(catalog_rows_attached(page.rows)),
        count=count,
        after=order_cursor(order, page.after) if page.after else "",
        before=order_cursor(order, page.before) if page.before else "",
        has_demo=any(work.is_demo for work in page.rows),
        unranked=bool(filters.text.strip()) and not rank,
    )


def empty_work_list_page() -> WorkListPage:
    """Return an empty page, for a filter that matches nothing by definition."""
    return WorkListPage(works=[], count=0)


# Catalog names change rarely and outside works; they show within this time.
FILTER_OPTIONS_TIMEOUT = 10 * 60


def work_filter_options() -> FilterOptions:
    """Return the years, programs, places and statuses that have works.

    Read from the works' summary rows (a few thousand at any size of the
    works table) and the catalogs; the catalogs' names change rarely and
    outside works, so the whole is kept for ``FILTER_OPTIONS_TIMEOUT``
    within a data version.
    """
    return prepared(
        # Named anew when the options' shape changes: a cache (Redis) still
        # holds the last release's (catalog rows before codes and names).
        "works-filter-options-2",
        _filter_options,
        timeout=FILTER_OPTIONS_TIMEOUT,
    )


def _filter_options() -> FilterOptions:
    groups = work_groups()

    def held(column: str) -> QuerySet[Any]:
        return groups.values(column).distinct()

    return FilterOptions(
        years=list(
            groups.values_list("fiscal_year_id", flat=True)
            .distinct()
            .order_by("-fiscal_year_id")
        ),
        programs=_options(WorksProgram.objects.filter(pk__in=held("program_id"))),
        subprograms=_options(Subprogram.objects.all()),
        # A municipality's instance has no region pages nor picker.
        regions=[]
        if instance().municipal
        else _options(
            Region.objects.filter(municipalities__in=held("municipality_id"))
            .distinct()
            .order_by("number"),
            code="pk",
        ),
        municipalities=_options(
            Municipality.objects.filter(pk__in=held("municipality_id")).order_by(
                "name_folded"
            )
        ),
        statuses=list(WorkStatus.choices),
        agencies=_options(
            Agency.objects.filter(
                Q(pk__in=held("executing_agency_id"))
                | Q(children__in=held("executing_agency_id"))
            )
            .distinct()
            .order_by("name")
        ),
    )


def _options(rows: QuerySet[Any], code: str = "code") -> list[Option]:
    """Return each row's code (``code`` names its field) and name, in order."""
    return [Option(str(value), name) for value, name in rows.values_list(code, "name")]


@dataclass(frozen=True)
class WorkDetail:
    """A work with everything its page shows, read in a fixed number of queries."""

    work: Work
    funding: list[Funding]
    funding_total: Decimal
    progress: list[Progress]
    contracts: list[Contract]
    payments: list[Payment]
    documents: list[WorkDocument]
    committee_formed_on: date | None
    committee_member_count: int
    region: Region | None
    publications: list[WorkPublication]
    modifications: list[BudgetModification] = field(default_factory=list)

    @property
    def funding_adds_up(self) -> bool:
        """Return whether the sources add up to the total investment."""
        return self.funding_total == self.work.total_investment

    @property
    def delay(self) -> Delay:
        """Return the work's standing against its period (late or not)."""
        latest = self.progress[-1].physical_percent if self.progress else None
        return work_delay(self.work, latest)

    @property
    def modified(self) -> Decimal:
        """Return the approved budget plus its approved modifications."""
        return modified_budget(
            self.work.total_investment, (m.amount for m in self.modifications)
        )


def work_detail(*, public_id: str, published_only: bool = True) -> WorkDetail:
    """Return the work ``public_id`` with everything its page shows.

    Read with the ORM, each kind of row by its relation. This is the
    contract of the work's page: ``ruta.works.readmodels.detail`` returns
    the same with fewer reads, for the page and the API (its differential
    test compares the two on the demo world).

    Raise ``Work.DoesNotExist`` when there is no such (published) work.
    """
    works = Work.objects.published() if published_only else Work.objects.all()
    work = works.select_related(*WORK_CATALOG, "municipality__region").get(
        public_id=public_id
    )
    funding = list(work.funding.in_source_order())
    contracts = list(work.contracts.order_by("signed_on"))
    # None when it has none (its missing row is an AttributeError).
    committee = getattr(work, "committee", None)
    return WorkDetail(
        work=work,
        funding=funding,
        funding_total=sum((row.amount for row in funding), ZERO),
        progress=list(work.progress.order_by("date", "id")),
        contracts=contracts,
        payments=list(
            Payment.objects.of_work(work.pk).select_related(
                "contract", "source_document"
            )
        ),
        documents=list(work.documents.order_by("date")),
        committee_formed_on=committee.formed_on if committee else None,
        committee_member_count=committee.members.count() if committee else 0,
        region=work.municipality.region if work.municipality else None,
        publications=list(work.publications.newest_first().select_related("document")),
        modifications=list(work.budget_modifications.approved().order_by("decided_at")),
    )


# The catalog rows a work names, read with it.
WORK_CATALOG = (
    "program",
    "subprogram",
    "executing_agency",
    "fiscal_year",
    "state",
    "municipality",
)


def work_known_without(work: Work, kind: str) -> bool:
    """Return whether ``work`` is known to have no rows of ``kind``.

    Known for a work read by ``ruta.works.readmodels.detail`` (its
    ``detail_row_kinds``); for any
    other, or a kind not read with it, False: the caller reads the rows.
    """
    kinds: dict[str, bool] | None = getattr(work, "row_kinds", None)
    return kinds is not None and kinds.get(kind) is False


# The catalog rows a work names, kept in each process for the data version:
# the link, its model, what is read with the row and what is never shown.
_CATALOG_LINKS: tuple[
    tuple[str, type[Model], tuple[str, ...], tuple[str, ...]], ...
] = (
    ("program", WorksProgram, (), ()),
    ("subprogram", Subprogram, (), ()),
    ("executing_agency", Agency, (), ()),
    ("fiscal_year", FiscalYear, (), ()),
    ("state", State, (), ()),
    ("municipality", Municipality, ("region",), ("search_vector", "name_folded")),
)


def catalog_rows_attached(works: Sequence[Work]) -> Sequence[Work]:
    """Give ``works`` their catalog rows as kept in this process for the data version.

    They change only with the data (a change bumps the version), and a few
    hundred works share each of them: joined to a list's query instead, the
    six catalog tables took PostgreSQL longer to plan than to read the page.
    The rows not kept yet are read in one query per table.
    """
    token = data_version().token
    for name, model, related, deferred in _CATALOG_LINKS:
        column = f"{name}_id"
        wanted = [getattr(work, column) for work in works]
        rows = versions_kept(
            token,
            (kept_key(model, pk) for pk in wanted if pk is not None),
            partial(_rows_by_key, model, related, deferred),
        )
        for work, pk in zip(works, wanted, strict=True):
            setattr(work, name, None if pk is None else rows[kept_key(model, pk)])
    return works


def kept_key(model: type[Model], pk: object) -> tuple[str, str, object]:
    return ("works.detail", model._meta.label, pk)


def _rows_by_key(
    model: type[M],
    related: tuple[str, ...],
    deferred: tuple[str, ...],
    keys: list[Any],
) -> dict[Any, M]:
    """Return the ``model`` rows of ``keys`` (``_kept_key``s), by key."""
    found = (
        model._default_manager.select_related(*related)
        .defer(*deferred)
        .in_bulk([pk for _, _, pk in keys])
    )
    return {kept_key(model, pk): row for pk, row in found.items()}


def works_with_unbalanced_funding(*, year: int | None = None) -> QuerySet[Work]:
    """Return works whose funding rows do not add up to their total investment."""
    works = Work.objects.all() if year is None else Work.objects.of_year(year)
    funded = Coalesce(
        Sum("funding__amount"),
        Value(ZERO),
        output_field=MoneyField(),
    )
    return works.annotate(funded=funded).exclude(funded=F("total_investment"))
