"""The explorer's selection on a map, and as GeoJSON.

The works the explorer's filters select that have coordinates are points on
the outlines of the instance's place (a state's municipalities, a
municipality's own outline, the country's states), coloured by their status
group (``ruta.works.models.GROUP_STATUSES``); works of one municipality and
one group drawn close together are one larger point linking to them in the
explorer. A point whose coordinates are its municipality's is a ring, and
says so. The same points are served as GeoJSON, written here in Python.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.catalog.boundaries import municipal_boundaries_load
from ruta.catalog.instance import instance
from ruta.catalog.models import Municipality, State
from ruta.common.text.glossary import MoneyGroup
from ruta.common.text.labels import label, spanish
from ruta.portal.geometry import Shape, municipality_shapes, state_shapes
from ruta.portal.maps import (
    CLUSTER_CELL,
    WIDTH,
    Choropleth,
    MapArea,
    MapPoint,
    PlaceWorks,
    Projection,
    area_path,
    cluster_point,
    place_point,
)
from ruta.works.models import WorkStatus, work_urls
from ruta.works.selectors import WorkFilters
from ruta.works.selectors.points import (
    CellFrame,
    PlaceCount,
    PointCell,
    SelectionCells,
    SelectionPoints,
    selection_cells,
)

GEOJSON_TYPE = "application/geo+json"


@dataclass
class PlaceRow:
    """A municipality's located works in the selection, by status group: the
    map's text alternative."""

    code: str
    name: str
    explorer: str
    map: str
    groups: Counter = field(default_factory=Counter)
    approximate: int = 0

    @property
    def works(self) -> int:
        return sum(self.groups.values())

    @property
    def cells(self) -> list[tuple[str, int]]:
        """Return each status group's label and this place's works in it."""
        return [
            (_(group.label), self.groups.get(str(group), 0)) for group in MoneyGroup
        ]


def _shapes(filters_municipality: str) -> tuple[list[Shape], dict[str, str], str]:
    """Return the outlines the map draws, their names, and what they are."""
    place = instance()
    if place.municipal:
        code = place.municipality_code
        names = dict(Municipality.objects.filter(code=code).values_list("code", "name"))
        return municipality_shapes(code), names, "municipalities"
    state = place.code or filters_municipality[:2]
    if state:
        names = dict(Municipality.objects.of_state(state).values_list("code", "name"))
        return municipality_shapes(state), names, "municipalities"
    return state_shapes(), dict(State.objects.values_list("code", "name")), "states"


def with_query(base: str, query: dict[str, Any]) -> str:
    """Return ``base`` with ``query``'s non-empty values."""
    kept = {name: value for name, value in query.items() if value not in ("", None)}
    return f"{base}?{urlencode(kept, doseq=True)}" if kept else base


class PointLabels:
    """What each work's point says: its title, folio, status, and whether its
    place is approximate. The sentences and the statuses' labels are
    translated once, not once a point (thousands on a map)."""

    def __init__(self) -> None:
        self.said = _("%(title)s (%(folio)s): %(status)s")
        self.approximate = _(", ubicación aproximada (la de su municipio)")
        self.statuses: dict[str, str] = {}

    def of(self, title: str, folio: str, code: str, approximate: bool) -> str:
        """Return what the point of the work ``folio`` says."""
        status = self.statuses.get(code)
        if status is None:
            status = _(label(WorkStatus, code) or code)
            self.statuses[code] = status
        text = self.said % {"title": title, "folio": folio, "status": status}
        return text + self.approximate if approximate else text


@dataclass(frozen=True)
class CellsMap:
    """The selection's map drawn from its works grouped in SQL by square
    (``selection_cells``), the rows by municipality, the counts by group."""

    map: Choropleth
    rows: list[PlaceRow]
    groups: list[tuple[str, str, int]]
    found: SelectionCells
    located: int
    approximate: int


def cells_map(filters: WorkFilters, query: dict[str, Any]) -> CellsMap:
    """Return the map of the selection's located works, each square's works
    of a municipality and group one point, without reading them one by one
    into Python (a lone work keeps its own point, linking to it). A
    selection with more than a map draws one by one has each municipality's
    works of a group as one point inside it, every work counted.

    ``query`` is the explorer's query (its filters as given), as
    ``selection_map`` takes it.
    """
    shapes, names, level = _shapes(filters.municipality)
    project = Projection(shapes)
    frame = CellFrame(
        west=project.west,
        north=project.north,
        x_scale=project.shrink * project.scale,
        y_scale=project.scale,
        width=WIDTH,
        height=project.height,
        cell=CLUSTER_CELL,
    )
    found = selection_cells(filters, frame)
    explorer, this_map = reverse("works:list"), reverse("portal:works-map")
    counted: list[PointCell | PlaceCount] = [*found.cells, *found.places]
    names = {**names, **_municipality_names({c.municipality for c in counted})}
    rows: dict[str, PlaceRow] = {}
    for cell in counted:
        code = cell.municipality
        if code not in rows:
            place_query = {**query, "municipality": code}
            rows[code] = PlaceRow(
                code,
                names.get(code) or _municipality_name(code),
                with_query(explorer, place_query),
                with_query(this_map, place_query),
            )
        rows[code].groups[str(cell.group)] += cell.works
    for cell in found.cells:
        rows[cell.municipality].approximate += cell.approximate
    lone = [cell for cell in found.cells if cell.drawn and cell.works == 1]
    folios = [cell.folio for cell in lone]
    urls = dict(zip(folios, work_urls(folios), strict=True))
    labels = PointLabels()
    points = []
    for cell in found.cells:
        if not cell.drawn:
            continue
        group = str(cell.group)
        if cell.works == 1:
            text = labels.of(cell.title, cell.folio, cell.status, cell.approximate > 0)
            points.append(
                MapPoint(
                    cell.x_sum,
                    cell.y_sum,
                    text,
                    urls[cell.folio],
                    group=group,
                    approximate=cell.approximate > 0,
                )
            )
            continue
        row = rows[cell.municipality]
        points.append(
            cluster_point(
                cell.works,
                round(cell.x_sum / cell.works, 1),
                round(cell.y_sum / cell.works, 1),
                PlaceWorks(row.name, row.explorer),
                group,
                approximate=cell.approximate > 0,
            )
        )
    points += _place_points(found.places, rows, project)
    areas = [
        MapArea(
            shape.code, area_path(shape, project), 0, names.get(shape.code, shape.code)
        )
        for shape in shapes
    ]
    drawn = Choropleth(
        WIDTH, project.height, areas, points, [], level=level, more_points=found.more
    )
    counts: Counter[str] = Counter()
    for cell in counted:
        counts[str(cell.group)] += cell.works
    return CellsMap(
        drawn,
        sorted(rows.values(), key=lambda row: (not row.code, row.name)),
        [
            (str(group), _(group.label), counts.get(str(group), 0))
            for group in MoneyGroup
        ],
        found,
        sum(cell.works for cell in counted),
        sum(cell.approximate for cell in found.cells),
    )


# Where each status group's point of a municipality sits around the point
# inside it (the drawing's units): four groups' points on one spot would
# hide three of them.
_GROUP_SPOTS = ((-5.0, -5.0), (5.0, -5.0), (-5.0, 5.0), (5.0, 5.0))


def _place_points(
    places: list[PlaceCount], rows: dict[str, PlaceRow], project: Projection
) -> list[MapPoint]:
    """Return a point for each municipality's works of a status group, at a
    point inside the municipality: a selection with more works than the map
    draws one by one, each counted. A whole state's works, or a place
    without an outline, are counted in the table and not drawn."""
    points = []
    for place in places:
        centre = _centres(place.municipality[:2]).get(place.municipality)
        if centre is None:
            continue
        x, y = project(centre)
        if not (0 <= x <= WIDTH and 0 <= y <= project.height):
            continue
        dx, dy = _GROUP_SPOTS[list(MoneyGroup).index(place.group) % 4]
        x, y = round(x + dx, 1), round(y + dy, 1)
        row = rows[place.municipality]
        points.append(
            place_point(
                place.works, x, y, PlaceWorks(row.name, row.explorer), place.group
            )
        )
    return points


@lru_cache(maxsize=40)
def _centres(state: str) -> dict[str, tuple[float, float]]:
    """Return a point inside each of ``state``'s municipalities (the
    catalog's outlines, read once a process)."""
    return municipal_boundaries_load().centres(state) if state else {}


def _municipality_names(codes: set[str]) -> dict[str, str]:
    """Return the names of the municipalities of ``codes``, in one read (a
    national map's places were a read each)."""
    codes.discard("")
    return dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))


def _municipality_name(code: str) -> str:
    if not code:
        return _("Obras de todo un estado o de varios municipios")
    return code


def points_geojson(
    found: SelectionPoints, root: str, following: str | None = None
) -> dict[str, Any]:
    """Return the points as a GeoJSON FeatureCollection (RFC 7946).

    Each work a Feature with a Point geometry, ``[longitude, latitude]``;
    its labels in the site's language, its address absolute under ``root``.
    The collection is a page: ``truncated`` says more located works follow
    it, and ``next`` is the address of the page that holds them
    (``following``; null on the last page). ``unlocated`` is how many of the
    selection have no coordinates, the same on every page.
    """
    urls = work_urls(point.public_id for point in found.points)
    statuses = {code: label(WorkStatus, code) for code in WorkStatus.values}
    groups = {group: spanish(group.label) for group in MoneyGroup}
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": point.public_id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(point.longitude), float(point.latitude)],
                },
                "properties": {
                    "folio": point.public_id,
                    "title": point.title,
                    "year": point.year,
                    "status": point.status,
                    "status_label": statuses.get(point.status, point.status),
                    "group": str(point.group),
                    "group_label": groups[point.group],
                    "municipality": point.municipality or None,
                    "approximate": point.approximate,
                    "url": f"{root}{url}",
                },
            }
            for point, url in zip(found.points, urls, strict=True)
        ],
        "truncated": found.more,
        "next": following,
        "unlocated": found.unlocated,
    }
