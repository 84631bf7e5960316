"""The offline map: a server-rendered SVG choropleth, no tiles, no script.

Municipalities are shaded by investment in five classes (quantiles of the
municipalities with works; those without works apart), each a link to its
page; works with coordinates are points linking to theirs, and works of
one municipality drawn within ``CLUSTER_CELL`` of each other one larger
point linking to that municipality's works in the explorer. A national map
shades the 32 states instead, each a link to its municipalities' map, and
draws no works. The projection is equirectangular with longitudes shrunk by
the cosine of the middle latitude, true enough at a state's scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from html import escape

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ruta.common.text.glossary import MoneyGroup
from ruta.portal.geometry import Point, Shape, municipality_shapes, state_shapes

WIDTH = 600
# A work on the map, or works near each other: a link (its address, its
# label) around a dot at x, y of a radius and a class.
POINT_MARKUP = (
    '<a href="{}" aria-label="{}"><circle cx="{}" cy="{}" r="{}" '
    'class="{}"><title>{}</title></circle></a>'
)
POINT_RADIUS = 3
# Works of one municipality drawn in the same square of this side (in the
# drawing's units, ``WIDTH`` wide) are one point: a state's thousands of
# works were as many dots, mostly on top of each other, and 900 KB of page.
CLUSTER_CELL = 12
CLUSTER_RADIUS_MOST = 10
CLASSES = 5
# What a map's areas are.
MUNICIPALITIES, STATES = "municipalities", "states"


@dataclass(frozen=True)
class MapArea:
    code: str
    path: str
    shade: int  # 0: no works; 1–5: quantile class, 5 the most invested
    label: str


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    label: str
    url: str
    # How many works the point stands for; more than one links to the works
    # of their municipality.
    works: int = 1
    # The works' status group (the explorer's map colours by it; empty: one
    # colour) and whether a coordinate is approximate (a ring, not a dot).
    group: str = ""
    approximate: bool = False
    # The point stands for a place's works, drawn inside it, not where any is.
    gathered: bool = False

    @property
    def radius(self) -> float:
        """Return the dot's radius: a work's, larger the more works it holds."""
        if self.works == 1:
            return POINT_RADIUS
        grown = POINT_RADIUS + 1.5 * math.log2(self.works)
        return round(min(grown, CLUSTER_RADIUS_MOST), 1)

    @property
    def css_class(self) -> str:
        lone = self.works == 1 and not self.gathered
        classes = ["work-point" if lone else "work-cluster"]
        if self.group:
            classes.append(f"group-{self.group}")
        if self.approximate:
            classes.append("approximate")
        return " ".join(classes)


@dataclass(frozen=True)
class Located:
    """A work with coordinates, to be drawn: where, what it says, its place."""

    longitude: Decimal
    latitude: Decimal
    label: str
    url: str
    place: str  # the municipality's INEGI code
    group: str = ""  # its status group, when the map colours by it
    approximate: bool = False


@dataclass(frozen=True)
class PlaceWorks:
    """A municipality's name and the address of its works, for a cluster."""

    name: str
    url: str


@dataclass(frozen=True)
class LegendClass:
    shade: int
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Choropleth:
    width: int
    height: int
    areas: list[MapArea]
    points: list[MapPoint]
    legend: list[LegendClass]
    level: str = MUNICIPALITIES
    # More works had coordinates than were given to draw.
    more_points: bool = False

    @property
    def works_drawn(self) -> int:
        """Return how many works the points stand for."""
        return sum(point.works for point in self.points)

    @property
    def has_lone_works(self) -> bool:
        """Return whether a point is one work (the legend says what it is)."""
        return any(point.works == 1 and not point.gathered for point in self.points)

    @property
    def has_clusters(self) -> bool:
        """Return whether a point stands for several works (the legend says so)."""
        return any(point.works > 1 or point.gathered for point in self.points)

    @property
    def points_markup(self) -> SafeString:
        """Return the points as SVG links, written in Python.

        Through the template engine a state's thousands of points were most
        of every map page (guarded by ``make bench``'s home page); the same
        markup, escaped the same.
        """
        written = []
        for point in self.points:
            label = escape(point.label)
            written.append(
                POINT_MARKUP.format(
                    escape(point.url),
                    label,
                    point.x,
                    point.y,
                    point.radius,
                    point.css_class,
                    label,
                )
            )
        return mark_safe("".join(written))  # noqa: S308 - escaped above


class Projection:
    """Longitude/latitude to SVG coordinates fitting ``WIDTH``."""

    def __init__(self, shapes: Iterable[Shape]) -> None:
        points = [point for shape in shapes for ring in shape.rings for point in ring]
        xs, ys = [p[0] for p in points] or [0.0], [p[1] for p in points] or [0.0]
        self.west, self.north = min(xs), max(ys)
        self.shrink = math.cos(math.radians((min(ys) + max(ys)) / 2))
        span = max((max(xs) - self.west) * self.shrink, 1e-9)
        self.scale = WIDTH / span
        self.height = math.ceil((self.north - min(ys)) * self.scale)

    def __call__(self, point: Point) -> tuple[float, float]:
        lon, lat = point
        return (
            round((lon - self.west) * self.shrink * self.scale, 1),
            round((self.north - lat) * self.scale, 1),
        )


def area_path(shape: Shape, project: Projection) -> str:
    """Return the SVG path data of ``shape``'s rings."""
    parts = []
    for ring in shape.rings:
        coords = [project(point) for point in ring]
        head, *rest = coords
        parts.append(
            f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest) + "Z"
        )
    return "".join(parts)


def _breaks(values: list[Decimal]) -> list[Decimal]:
    """Return the upper bounds of the quantile classes of ``values`` (ascending)."""
    ordered = sorted(values)
    if not ordered:
        return []
    return [
        ordered[min(len(ordered) - 1, math.ceil(len(ordered) * k / CLASSES) - 1)]
        for k in range(1, CLASSES + 1)
    ]


def _shade(value: Decimal | None, breaks: list[Decimal]) -> int:
    if not value:
        return 0
    return next((k for k, high in enumerate(breaks, start=1) if value <= high), CLASSES)


def _legend(breaks: list[Decimal]) -> list[LegendClass]:
    legend, low = [], Decimal("0.01")
    for shade, high in enumerate(breaks, start=1):
        if high >= low:
            legend.append(LegendClass(shade, low, high))
            low = high + Decimal("0.01")
    return legend


def choropleth(
    state_code: str | None,
    values: dict[str, Decimal],
    labels: dict[str, str],
    points: Iterable[Located] = (),
    *,
    places: dict[str, PlaceWorks] | None = None,
    more_points: bool = False,
) -> Choropleth:
    """Return the map of ``state_code``'s municipalities shaded by ``values``.

    ``values`` maps INEGI codes to amounts and ``labels`` to what a reader
    hears or sees on hover; ``points`` are the works with coordinates
    (``more_points``: not all of them), those of a municipality close
    together drawn as one point linking to its works (``places``).
    """
    shapes = municipality_shapes(state_code)
    project = Projection(shapes)
    drawn = clustered(placed_on(points, project), places or {})
    return replace(
        _shaded(shapes, project, values, labels), points=drawn, more_points=more_points
    )


def states_choropleth(values: dict[str, Decimal], labels: dict[str, str]) -> Choropleth:
    """Return the map of the 32 states shaded by ``values`` (by state code).

    No work is a point on it: the country's works would be thousands of
    points among 32 shapes, each state's own map has them.
    """
    shapes = state_shapes()
    return _shaded(shapes, Projection(shapes), values, labels, level=STATES)


def _shaded(
    shapes: list[Shape],
    project: Projection,
    values: dict[str, Decimal],
    labels: dict[str, str],
    *,
    level: str = MUNICIPALITIES,
) -> Choropleth:
    breaks = _breaks([amount for amount in values.values() if amount > 0])
    areas = [
        MapArea(
            shape.code,
            area_path(shape, project),
            _shade(values.get(shape.code), breaks),
            labels.get(shape.code, shape.code),
        )
        for shape in shapes
    ]
    return Choropleth(WIDTH, project.height, areas, [], _legend(breaks), level=level)


def placed_on(
    points: Iterable[Located], project: Projection
) -> list[tuple[Located, float, float]]:
    """Return ``points`` with their place on the drawing; those off it left out."""
    placed = []
    for point in points:
        x, y = project((float(point.longitude), float(point.latitude)))
        if 0 <= x <= WIDTH and 0 <= y <= project.height:
            placed.append((point, x, y))
    return placed


def clustered(
    placed: list[tuple[Located, float, float]], places: dict[str, PlaceWorks]
) -> list[MapPoint]:
    """Return a point for each work, or for works of a municipality close together.

    Works of one municipality in the same ``CLUSTER_CELL`` square become one
    point at their mean position, saying how many they are and linking to
    the municipality's works (``places``); a municipality ``places`` does
    not name keeps its works as points of their own. In the order of each
    square's first work.
    """
    cells: dict[tuple[object, ...], list[tuple[Located, float, float]]] = {}
    for point, x, y in placed:
        key: tuple[object, ...] = (
            (point.place, point.group, int(x // CLUSTER_CELL), int(y // CLUSTER_CELL))
            if point.place in places
            else (point.url,)
        )
        cells.setdefault(key, []).append((point, x, y))
    return [_cluster_point(members, places) for members in cells.values()]


def _cluster_point(
    members: list[tuple[Located, float, float]], places: dict[str, PlaceWorks]
) -> MapPoint:
    (first, x, y), count = members[0], len(members)
    approximate = any(point.approximate for point, _, _ in members)
    if count == 1:
        return MapPoint(
            x, y, first.label, first.url, group=first.group, approximate=approximate
        )
    place = places[first.place]
    if first.group:
        return cluster_point(
            count,
            round(sum(x for _, x, _ in members) / count, 1),
            round(sum(y for _, _, y in members) / count, 1),
            place,
            first.group,
            approximate=approximate,
        )
    label = ngettext(
        "%(count)s obra de %(place)s en este punto del mapa: ver las obras de "
        "%(place)s en el explorador",
        "%(count)s obras de %(place)s en este punto del mapa: ver las obras de "
        "%(place)s en el explorador",
        count,
    ) % {"count": count, "place": place.name}
    return MapPoint(
        round(sum(x for _, x, _ in members) / count, 1),
        round(sum(y for _, _, y in members) / count, 1),
        label,
        place.url,
        works=count,
    )


def class_map(
    state_code: str | None, classes: dict[str, int], labels: dict[str, str]
) -> Choropleth:
    """Return the map of ``state_code``'s municipalities shaded by given classes.

    ``classes`` maps INEGI codes to a shade 1–5 a rule chose (absent: 0);
    the caller's template says what each shade means.
    """
    shapes = municipality_shapes(state_code)
    project = Projection(shapes)
    areas = [
        MapArea(
            shape.code,
            area_path(shape, project),
            classes.get(shape.code, 0),
            labels.get(shape.code, shape.code),
        )
        for shape in shapes
    ]
    return Choropleth(WIDTH, project.height, areas, [], [])


def cluster_point(
    count: int, x: float, y: float, place: PlaceWorks, group: str, *, approximate: bool
) -> MapPoint:
    """Return the point of ``count`` works of ``place`` in status ``group`` at
    their mean position ``x``, ``y``, linking to the place's works."""
    label = ngettext(
        "%(count)s obra (%(group)s) de %(place)s en este punto del mapa: ver "
        "las obras de %(place)s en el explorador",
        "%(count)s obras (%(group)s) de %(place)s en este punto del mapa: ver "
        "las obras de %(place)s en el explorador",
        count,
    ) % {
        "count": count,
        "place": place.name,
        "group": _(MoneyGroup(group).label),
    }
    if approximate:
        label += _(" (algunas con ubicación aproximada)")
    return MapPoint(
        x, y, label, place.url, works=count, group=group, approximate=approximate
    )


def place_point(
    count: int, x: float, y: float, place: PlaceWorks, group: str
) -> MapPoint:
    """Return the point of ``count`` works of ``place`` in status ``group``
    drawn inside the place, not where each is: a selection with more works
    than a map draws one by one, linking to the place's works."""
    label = ngettext(
        "%(count)s obra (%(group)s) de %(place)s, dibujada en el municipio: ver "
        "las obras de %(place)s en el explorador",
        "%(count)s obras (%(group)s) de %(place)s, reunidas en un punto del "
        "municipio: ver las obras de %(place)s en el explorador",
        count,
    ) % {
        "count": intcomma(count),
        "place": place.name,
        "group": _(MoneyGroup(group).label),
    }
    return MapPoint(x, y, label, place.url, works=count, group=group, gathered=True)
