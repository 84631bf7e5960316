"""The explorer's selection as points: the works with coordinates, bounded.

The map and its GeoJSON read the same selection the explorer lists (its
``WorkFilters``), only the works with coordinates, at most a bound of them
in the list's order (newest year first, then by folio): from the partial
index ``work_published_located``, never every work. Those without
coordinates are counted apart, and the explorer lists them
(``WorkFilters.unlocated``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from ruta.common.glossary import MoneyGroup
from ruta.works.models import group_of
from ruta.works.selectors.works import WorkFilters, work_list

# Points the map and the GeoJSON give at most: a state's works of a year fit.
POINTS_MOST = 5000
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


@dataclass(frozen=True)
class SelectionPoints:
    """The selection's works with coordinates (``more``: not all of them) and
    how many have none."""

    points: list[WorkPoint]
    more: bool
    unlocated: int


def _located(filters: WorkFilters):
    """Return the selection's published works with coordinates, in the list's order."""
    works = work_list(filters=replace(filters, sort="", unlocated=False), rank=False)
    return (
        works.select_related(None)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-fiscal_year_id", "public_id")
    )


def selection_points(
    filters: WorkFilters, *, most: int = POINTS_MOST
) -> SelectionPoints:
    """Return the first ``most`` located works of the selection and the count
    of those without coordinates.

    A selection that asks only for works without coordinates has no points.
    """
    unlocated = unlocated_read(filters).count()
    if filters.unlocated:
        return SelectionPoints([], False, unlocated)
    rows = list(points_read(filters, most=most))
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


def unlocated_read(filters: WorkFilters):
    """Return the selection's works without coordinates, unevaluated, to count
    (from the partial index ``work_published_unlocated`` when the selection
    is a part of the works, never every work)."""
    return work_list(
        filters=replace(filters, sort="", unlocated=True), rank=False
    ).order_by()
