"""The explorer's selection as points: the works with coordinates, bounded.

The map and its GeoJSON read the same selection the explorer lists (its
``WorkFilters``), only the works with coordinates, at most a bound of them
in the list's order (newest year first, then by folio): from the partial
index ``work_published_located``, never every work. The rest follow page by
page, each read from the index after the last point's year and folio
(``PointKey``), never from the first. Those without coordinates are counted
apart, and the explorer lists them (``WorkFilters.unlocated``): from the
works' summary rows where they answer the selection, from the partial index
``work_published_unlocated`` otherwise. A selection with more located works
than a map draws one by one is counted whole by municipality and status
group instead (``selection_places``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, F, Sum

from ruta.common.text.glossary import MoneyGroup
from ruta.works.models import GROUP_STATUSES, group_of
from ruta.works.selectors.summary import summary_answers, work_groups
from ruta.works.selectors.works import WorkFilters, work_list

# Points the map and the GeoJSON give at most: a state's works of a year fit.
POINTS_MOST = 5000
# A GeoJSON page unless ``limite`` asks for more: pages follow (``next``),
# and a page of 5,000 features was 2 MB written a request.
POINTS_PAGE = 1000
# A page's cursor: the last point's year, this, its folio ("2024~OBRA-1").
KEY_SEPARATOR = "~"
POINT_FIELDS = (
    "public_id",
    "title",
    "longitude",
    "latitude",
    "status",
    "municipality_id",
    "location_approximate",
    "fiscal_year_id",
)


class WorkPoint(NamedTuple):
    """A work with coordinates: where, what, its status group, its place.

    A tuple, not a frozen dataclass: a map makes thousands of them a request.
    """

    public_id: str
    title: str
    longitude: Decimal
    latitude: Decimal
    status: str
    group: MoneyGroup
    municipality: str  # its INEGI code; empty for a whole state's work
    approximate: bool  # the coordinates are its locality's or municipality's
    year: int


class PointKey(NamedTuple):
    """Where a page of points ends: its last point's year and folio, the
    list's order (the year descending, then the folio)."""

    year: int
    folio: str

    @property
    def cursor(self) -> str:
        """Return the key as a request gives it: ``2024~OBRA-2024-00518``."""
        return f"{self.year}{KEY_SEPARATOR}{self.folio}"


@dataclass(frozen=True)
class SelectionPoints:
    """The selection's works with coordinates (``more``: not all of them) and
    how many have none."""

    points: list[WorkPoint]
    more: bool
    unlocated: int

    @property
    def next_key(self) -> PointKey | None:
        """Return the key the next page starts after, when more points follow."""
        if not (self.more and self.points):
            return None
        last = self.points[-1]
        return PointKey(last.year, last.public_id)


def _located(filters: WorkFilters):
    """Return the selection's published works with coordinates, in the list's order."""
    works = work_list(filters=replace(filters, sort="", unlocated=False), rank=False)
    return (
        works.select_related(None)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-fiscal_year_id", "public_id")
    )


def selection_points(
    filters: WorkFilters, *, most: int = POINTS_MOST, after: PointKey | None = None
) -> SelectionPoints:
    """Return the first ``most`` located works of the selection (after the
    point ``after``, when given) and the count of those without coordinates.

    A selection that asks only for works without coordinates has no points.
    """
    unlocated = unlocated_count(filters)
    if filters.unlocated:
        return SelectionPoints([], False, unlocated)
    if after is None:
        rows = list(points_read(filters, most=most))
    else:
        rows = list(points_after_read(filters, after, most=most))
    points = [
        WorkPoint(
            public_id=folio,
            title=title,
            longitude=lon,
            latitude=lat,
            status=status,
            group=group_of(status),
            municipality=municipality or "",
            approximate=approximate,
            year=year,
        )
        for folio, title, lon, lat, status, municipality, approximate, year in rows[
            :most
        ]
    ]
    return SelectionPoints(points, len(rows) > most, unlocated)


def points_read(filters: WorkFilters, *, most: int = POINTS_MOST):
    """Return the points' read, unevaluated (its plan is checked by the bench
    and the tests: from the index, never every work)."""
    return _located(filters).values_list(*POINT_FIELDS)[: most + 1]


class SelectionCounts(NamedTuple):
    """How many works of a selection have coordinates and how many have none."""

    located: int
    unlocated: int


def summary_counts(filters: WorkFilters) -> SelectionCounts | None:
    """Return the selection's located and unlocated works from the summary
    rows, or None where they do not answer it (a word, an amount…).

    A few hundred rows at any size: the whole instance's count of works
    without a place was a read of most of the table's pages.
    """
    plain = replace(filters, unlocated=False)
    if not summary_answers(plain):
        return None
    sums = work_groups(plain).aggregate(works=Sum("works"), unlocated=Sum("unlocated"))
    works, unlocated = sums["works"] or 0, sums["unlocated"] or 0
    return SelectionCounts(works - unlocated, unlocated)


def unlocated_count(filters: WorkFilters) -> int:
    """Return how many works of the selection have no coordinates."""
    counts = summary_counts(filters)
    if counts is not None:
        return counts.unlocated
    return unlocated_read(filters).count()


def points_after_read(
    filters: WorkFilters, after: PointKey, *, most: int = POINTS_MOST
):
    """Return the read of the points after ``after``, unevaluated.

    The order mixes directions (the year descending, the folio ascending),
    which no row comparison says; so two ranges of the map's index, each
    limited: the rest of ``after``'s year by folio, then the older years.
    Neither reads the points before the key (its plan is checked by the
    tests).
    """
    located = _located(filters).values_list(*POINT_FIELDS)
    same_year = located.filter(fiscal_year_id=after.year, public_id__gt=after.folio)
    older = located.filter(fiscal_year_id__lt=after.year)
    both = same_year[: most + 1].union(older[: most + 1], all=True)
    return both.order_by("-fiscal_year_id", "public_id")[: most + 1]


def unlocated_read(filters: WorkFilters):
    """Return the selection's works without coordinates, unevaluated, to count
    (from the partial index ``work_published_unlocated`` when the selection
    is a part of the works, never every work)."""
    return work_list(
        filters=replace(filters, sort="", unlocated=True), rank=False
    ).order_by()


@dataclass(frozen=True)
class CellFrame:
    """A drawing's frame: longitude and latitude to its units (``x`` east of
    ``west`` times ``x_scale``, ``y`` south of ``north`` times ``y_scale``,
    each rounded to a tenth), its size, and the side of a cluster's square."""

    west: float
    north: float
    x_scale: float
    y_scale: float
    width: float
    height: float
    cell: float


class PointCell(NamedTuple):
    """The selection's located works of one municipality and status group in
    one square of the drawing (or off it: ``drawn`` false), in the order of
    each square's first work; a lone work's folio, title and status."""

    municipality: str
    group: MoneyGroup
    drawn: bool
    works: int
    x_sum: float
    y_sum: float
    approximate: int
    folio: str
    title: str
    status: str


@dataclass(frozen=True)
class SelectionCells:
    """The selection's located works grouped by square, and how many have none.

    ``more``: more works had coordinates than a map draws one by one
    (``POINTS_MOST``); then ``cells`` is empty and ``places`` counts every
    located work of the selection by municipality and status group.
    """

    cells: list[PointCell]
    more: bool
    unlocated: int
    places: list[PlaceCount] = field(default_factory=list)


def _group_case() -> tuple[str, list[object]]:
    """Return SQL naming a row's status group, and its parameters."""
    whens: list[str] = []
    params: list[object] = []
    for group, statuses in GROUP_STATUSES.items():
        whens.append("WHEN status = ANY(%s) THEN %s")
        params += [[str(status) for status in statuses], str(group)]
    return f"CASE {' '.join(whens)} END", params


def selection_cells(
    filters: WorkFilters, frame: CellFrame, *, most: int = POINTS_MOST
) -> SelectionCells:
    """Return the located works of the selection (the points' read) grouped
    in SQL by municipality, status group and square of the drawing, and the
    count of those without coordinates; with more than ``most`` located,
    every one counted by municipality and group instead (``places``).

    A map draws a square's works as one point: thousands of works read into
    Python a request were most of a map's time. A work without a
    municipality keeps a square of its own. Where the summary rows answer
    the selection, they say first whether it holds more than ``most``.
    """
    if not 1 <= most <= POINTS_MOST:
        raise ValueError(f"most must be 1 to {POINTS_MOST}, not {most}")
    counts = summary_counts(filters)
    unlocated = counts.unlocated if counts else unlocated_read(filters).count()
    if filters.unlocated:
        return SelectionCells([], False, unlocated)
    if counts is not None and counts.located > most:
        return SelectionCells([], True, unlocated, selection_places(filters))
    points_sql, points_params = points_read(filters, most=most).query.sql_with_params()
    group_sql, group_params = _group_case()
    query = f"""
        WITH placed AS (
            SELECT public_id, title, status, municipality_id, location_approximate,
                   round(((longitude - %s) * %s)::numeric, 1)::float AS x,
                   round(((%s - latitude) * %s)::numeric, 1)::float AS y,
                   row_number() OVER (ORDER BY fiscal_year_id DESC, public_id) AS n
            FROM ({points_sql}) AS points
        ), framed AS (
            SELECT *, x BETWEEN 0 AND %s AND y BETWEEN 0 AND %s AS drawn,
                   {group_sql} AS money_group
            FROM placed WHERE n <= %s
        )
        SELECT (SELECT count(*) FROM placed), coalesce(municipality_id, ''),
               money_group, drawn, count(*), sum(x), sum(y),
               count(*) FILTER (WHERE location_approximate),
               min(public_id), min(title), min(status)
        FROM framed
        GROUP BY municipality_id, money_group, drawn,
                 CASE WHEN drawn THEN floor(x / %s) END,
                 CASE WHEN drawn THEN floor(y / %s) END,
                 CASE WHEN municipality_id IS NULL THEN public_id END
        ORDER BY min(n)
    """  # noqa: S608 - built from the ORM's compiled SQL and fixed text
    params = [
        *(frame.west, frame.x_scale, frame.north, frame.y_scale),
        *points_params,
        *(frame.width, frame.height),
        *group_params,
        most,
        *(frame.cell, frame.cell),
    ]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    if rows and rows[0][0] > most:
        return SelectionCells([], True, unlocated, selection_places(filters))
    cells = [
        PointCell(municipality, MoneyGroup(group), drawn, works, *rest)
        for _found, municipality, group, drawn, works, *rest in rows
    ]
    return SelectionCells(cells, False, unlocated)


class PlaceCount(NamedTuple):
    """The selection's located works of one municipality (empty: a whole
    state's or several municipalities') in one status group."""

    municipality: str
    group: MoneyGroup
    works: int


def selection_places(filters: WorkFilters) -> list[PlaceCount]:
    """Return every located work of the selection counted by municipality and
    status group, the most first.

    From the summary rows where they answer the selection (a few hundred
    rows at any size), else grouped over the selection's located works (a
    word's, an amount's: the works the explorer counts for it too).
    """
    if summary_answers(replace(filters, unlocated=False)):
        rows = (
            work_groups(replace(filters, unlocated=False))
            .values_list("municipality_id", "status")
            .annotate(works=Sum(F("works") - F("unlocated")))
        )
    else:
        rows = (
            _located(filters)
            .order_by()
            .values_list("municipality_id", "status")
            .annotate(works=Count("id"))
        )
    counts: dict[tuple[str, MoneyGroup], int] = {}
    for municipality, status, works in rows:
        key = (municipality or "", group_of(status))
        counts[key] = counts.get(key, 0) + works
    return sorted(
        (
            PlaceCount(place, group, works)
            for (place, group), works in counts.items()
            if works
        ),
        key=lambda count: (-count.works, count.municipality, str(count.group)),
    )
