"""Municipal boundaries for the offline map: simplify once, draw as SVG paths.

The boundaries are INEGI's (Marco Geoestadístico, c. 2010) as a TopoJSON of
shared arcs. ``simplified_geometry`` keeps the topology: each shared border
is simplified once (Douglas–Peucker), so neighbours still meet. The result is
written to ``data/municipalities.json`` (see ``data/SOURCES.md``) by ``ruta
build-map-geometry``; pages read it with ``municipality_shapes``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ruta.catalog.boundaries import topology_arcs, topology_ring

DATA_FILE = Path(__file__).parent / "data" / "municipalities.json"
# The 32 states' outlines (INEGI, simplified to 0.01 degrees; see the
# catalog's data/SOURCES.md): a national map draws these, not 2,475
# municipalities.
STATES_FILE = (
    Path(__file__).resolve().parents[1] / "catalog" / "data" / "state_boundaries.json"
)
Point = tuple[float, float]
# About 1 km at Mexico's latitudes: borders stay recognisable on a phone's map.
TOLERANCE_DEGREES = 0.02
# Points are stored as whole thousandths of a degree (about 100 m),
# delta-encoded along each arc as TopoJSON does: a few bytes a point.
QUANTUM = 1000


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Return ``points`` simplified by Douglas–Peucker, ends kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, first
        for i in range(first + 1, last):
            distance = _distance_to_segment(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplified_geometry(topology: dict, *, source: str) -> dict:
    """Return the municipalities of ``topology`` with simplified, rounded arcs."""
    arcs = [
        _delta_encoded(simplify(arc, TOLERANCE_DEGREES))
        for arc in topology_arcs(topology)
    ]
    municipalities = {}
    for geometry in topology["objects"]["municipalities"]["geometries"]:
        props = geometry["properties"]
        code = f"{props['state_code']:02d}{props['mun_code']:03d}"
        polygons = (
            [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        )
        municipalities[code] = {"name": props["mun_name"], "polygons": polygons}
    return {"source": source, "arcs": arcs, "municipalities": municipalities}


def _delta_encoded(points: list[Point]) -> list[list[int]]:
    """Return ``points`` as whole thousandths of a degree, each from the last."""
    encoded: list[list[int]] = []
    last_x, last_y = 0, 0
    for x, y in points:
        qx, qy = round(x * QUANTUM), round(y * QUANTUM)
        if encoded and (qx, qy) == (last_x, last_y):
            continue
        encoded.append([qx - last_x, qy - last_y])
        last_x, last_y = qx, qy
    return encoded


def _delta_decoded(arc: list[list[int]]) -> list[Point]:
    points, x, y = [], 0, 0
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x / QUANTUM, y / QUANTUM))
    return points


@lru_cache(maxsize=1)
def _geometry() -> dict:
    geometry = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    geometry["arcs"] = [_delta_decoded(arc) for arc in geometry["arcs"]]
    return geometry


@dataclass(frozen=True)
class Shape:
    """A municipality's outline: rings of longitude/latitude points."""

    code: str
    rings: list[list[Point]]


def municipality_shapes(state_code: str | None) -> list[Shape]:
    """Return the outlines of ``state_code``'s municipalities (all when None)."""
    geometry = _geometry()
    arcs = geometry["arcs"]
    return [
        Shape(
            code=code,
            rings=[
                topology_ring(ring, arcs)
                for polygon in entry["polygons"]
                for ring in polygon
            ],
        )
        for code, entry in sorted(geometry["municipalities"].items())
        if state_code is None or code.startswith(state_code)
    ]


@lru_cache(maxsize=1)
def state_shapes() -> list[Shape]:
    """Return the outlines of Mexico's 32 states, by INEGI code."""
    states = json.loads(STATES_FILE.read_text(encoding="utf-8"))["states"]
    return [
        Shape(code=code, rings=[[(lon, lat) for lon, lat in ring] for ring in rings])
        for code, rings in sorted(states.items())
    ]
