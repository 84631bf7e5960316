"""The offline map: a server-rendered SVG choropleth, no tiles, no script.

Municipalities are shaded by investment in five classes (quantiles of the
municipalities with works; those without works apart), each a link to its
page; works with coordinates are points linking to theirs. A national map
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

from django.utils.safestring import SafeString, mark_safe

from ruta.portal.geometry import Point, Shape, municipality_shapes, state_shapes

WIDTH = 600
# A work on the map: a link (its address, its label) around a dot at x, y.
POINT_MARKUP = (
    '<a href="{}" aria-label="{}"><circle cx="{}" cy="{}" r="3" '
    'class="work-point"><title>{}</title></circle></a>'
)
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
    def points_markup(self) -> SafeString:
        """Return the points as SVG links, written in Python.

        Through the template engine a state's 5,000 points took about
        300 ms of every map page; the same markup, escaped the same.
        """
        written = []
        for point in self.points:
            label = escape(point.label)
            written.append(
                POINT_MARKUP.format(escape(point.url), label, point.x, point.y, label)
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


def _path(shape: Shape, project: Projection) -> str:
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
    points: Iterable[tuple[Decimal, Decimal, str, str]] = (),
    *,
    more_points: bool = False,
) -> Choropleth:
    """Return the map of ``state_code``'s municipalities shaded by ``values``.

    ``values`` maps INEGI codes to amounts and ``labels`` to what a reader
    hears or sees on hover; ``points`` are (longitude, latitude, label, url)
    of works with coordinates (``more_points``: not all of them).
    """
    shaded = _shaded(municipality_shapes(state_code), values, labels, points)
    return replace(shaded, more_points=more_points)


def states_choropleth(values: dict[str, Decimal], labels: dict[str, str]) -> Choropleth:
    """Return the map of the 32 states shaded by ``values`` (by state code).

    No work is a point on it: the country's works would be thousands of
    points among 32 shapes, each state's own map has them.
    """
    return _shaded(state_shapes(), values, labels, (), level=STATES)


def _shaded(
    shapes: list[Shape],
    values: dict[str, Decimal],
    labels: dict[str, str],
    points: Iterable[tuple[Decimal, Decimal, str, str]],
    *,
    level: str = MUNICIPALITIES,
) -> Choropleth:
    project = Projection(shapes)
    breaks = _breaks([amount for amount in values.values() if amount > 0])
    areas = [
        MapArea(
            shape.code,
            _path(shape, project),
            _shade(values.get(shape.code), breaks),
            labels.get(shape.code, shape.code),
        )
        for shape in shapes
    ]
    placed = []
    for lon, lat, label, url in points:
        x, y = project((float(lon), float(lat)))
        if 0 <= x <= WIDTH and 0 <= y <= project.height:
            placed.append(MapPoint(x, y, label, url))
    return Choropleth(
        WIDTH, project.height, areas, placed, _legend(breaks), level=level
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
            _path(shape, project),
            classes.get(shape.code, 0),
            labels.get(shape.code, shape.code),
        )
        for shape in shapes
    ]
    return Choropleth(WIDTH, project.height, areas, [], [])
