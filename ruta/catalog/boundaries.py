"""Which municipality a point lies in: INEGI's municipal outlines, in plain Python.

``data/municipal_boundaries.json`` holds the outlines of the states a works
list is located in (derived once from INEGI's c. 2010 TopoJSON by ``ruta
build-municipal-boundaries``; its source and licence are in
``data/SOURCES.md``). The federal lists name a work's state and give its
point, never its municipality: the works import locates the point here and
says so, so a municipality's own instance sees the federal works built in it.

The outlines are of about 2010: a municipality created since has none, and
its territory answers as the one it was split from. The file names those
municipalities per state, so what is located there can say so.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

Point = tuple[float, float]  # longitude, latitude
Ring = tuple[Point, ...]
MUNICIPAL_BOUNDARIES_FILE = Path(__file__).parent / "data" / "municipal_boundaries.json"
# Coordinates kept to a ten-thousandth of a degree (about 10 m): finer than
# the source's own grid (about 0.0007 degrees).
DECIMALS = 4


def segment_distance(x: float, y: float, a: Point, b: Point) -> float:
    """Return the distance in degrees from (x, y) to the segment a–b."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length))
    )
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def inside_ring(x: float, y: float, ring: Sequence[Point]) -> bool:
    """Return whether (x, y) is inside ``ring`` (even-odd ray casting)."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _ring_area(ring: Sequence[Point]) -> float:
    """Return the ring's signed area in square degrees (shoelace)."""
    return (
        sum(
            ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1]
            for i in range(len(ring))
        )
        / 2
    )


def _ring_centroid(ring: Sequence[Point]) -> Point:
    """Return the ring's centroid; its points' mean when it has no area."""
    area = _ring_area(ring)
    if abs(area) < 1e-12:
        return (
            sum(x for x, _ in ring) / len(ring),
            sum(y for _, y in ring) / len(ring),
        )
    cx = cy = 0.0
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i - 1], ring[i]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


@dataclass(frozen=True)
class MunicipalOutline:
    """One municipality's rings (outer rings and holes alike) and bounding box."""

    code: str
    name: str
    rings: tuple[Ring, ...]
    box: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def holds(self, longitude: float, latitude: float) -> bool:
        """Return whether the point is inside: within an odd number of rings,
        so a hole (an enclave of another municipality) is outside."""
        west, south, east, north = self.box
        if not (west <= longitude <= east and south <= latitude <= north):
            return False
        crossings = sum(inside_ring(longitude, latitude, ring) for ring in self.rings)
        return crossings % 2 == 1

    def centre(self) -> Point:
        """Return a point inside the outline, near the middle of its largest ring.

        The largest ring's centroid when the outline holds it; otherwise (a
        crescent, a coast bent round a bay) the held point of a grid over
        the box nearest that centroid; the box's middle if none is held.
        """
        ring = max(self.rings, key=lambda points: abs(_ring_area(points)))
        x, y = _ring_centroid(ring)
        if self.holds(x, y):
            return round(x, DECIMALS), round(y, DECIMALS)
        west, south, east, north = self.box
        steps = 24
        grid = [
            (
                west + (east - west) * (i + 0.5) / steps,
                south + (north - south) * (j + 0.5) / steps,
            )
            for i in range(steps)
            for j in range(steps)
        ]
        held = [point for point in grid if self.holds(*point)]
        if not held:
            return round((west + east) / 2, DECIMALS), round(
                (south + north) / 2, DECIMALS
            )
        gx, gy = min(held, key=lambda p: math.hypot(p[0] - x, p[1] - y))
        return round(gx, DECIMALS), round(gy, DECIMALS)

    def distance(self, longitude: float, latitude: float) -> float:
        """Return the distance in degrees from the point to the nearest edge."""
        return min(
            segment_distance(longitude, latitude, ring[index - 1], ring[index])
            for ring in self.rings
            for index in range(len(ring))
        )


def municipality_at(
    outlines: Iterable[MunicipalOutline], longitude: float, latitude: float
) -> MunicipalOutline | None:
    """Return the outline that holds the point, or None (at sea, abroad, or
    in a gap between simplified lines). Neighbours share their borders, so
    at most one holds a point off a border line."""
    for outline in outlines:
        if outline.holds(longitude, latitude):
            return outline
    return None


def municipality_near(
    outlines: Iterable[MunicipalOutline],
    longitude: float,
    latitude: float,
    margin: float,
) -> tuple[MunicipalOutline, float] | None:
    """Return the outline nearest the point within ``margin`` degrees and its
    distance, or None: a point on a coast or a border line that the coarse
    outlines leave just outside."""
    near = [
        (outline.distance(longitude, latitude), outline.code, outline)
        for outline in outlines
        if _box_near(outline.box, longitude, latitude, margin)
    ]
    near = [entry for entry in near if entry[0] <= margin]
    if not near:
        return None
    distance, _code, outline = min(near)
    return outline, distance


def _box_near(
    box: tuple[float, float, float, float], x: float, y: float, margin: float
) -> bool:
    west, south, east, north = box
    return west - margin <= x <= east + margin and south - margin <= y <= north + margin


@dataclass(frozen=True)
class MunicipalBoundaries:
    """The outlines of the states the file covers, by state code."""

    by_state: Mapping[str, tuple[MunicipalOutline, ...]]
    # Per state, the catalog's municipalities (code → name) with no outline:
    # created after the outlines were drawn.
    newer: Mapping[str, Mapping[str, str]]

    def covers(self, state: str) -> bool:
        """Return whether the file holds ``state``'s municipalities."""
        return state in self.by_state

    def locate(
        self, state: str, latitude: float, longitude: float
    ) -> MunicipalOutline | None:
        """Return the municipality of ``state`` the point lies in, or None."""
        return municipality_at(self.by_state.get(state, ()), longitude, latitude)

    def centres(self, state: str) -> dict[str, Point]:
        """Return a point inside each of ``state``'s municipalities, by code:
        the coordinates a work placed only by its municipality is given."""
        return {
            outline.code: outline.centre() for outline in self.by_state.get(state, ())
        }

    def nearest(
        self, state: str, latitude: float, longitude: float, margin: float
    ) -> tuple[MunicipalOutline, float] | None:
        """Return ``state``'s municipality nearest the point within ``margin``."""
        outlines = self.by_state.get(state, ())
        return municipality_near(outlines, longitude, latitude, margin)


def _outline(code: str, entry: Mapping[str, Any]) -> MunicipalOutline:
    rings = tuple(tuple((x, y) for x, y in ring) for ring in entry["rings"])
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return MunicipalOutline(
        code, entry["name"], rings, (min(xs), min(ys), max(xs), max(ys))
    )


def municipal_boundaries_read(data: Mapping[str, Any]) -> MunicipalBoundaries:
    """Return the boundaries in ``data`` (the file's JSON, parsed)."""
    by_state: dict[str, list[MunicipalOutline]] = {
        state: [] for state in data["states"]
    }
    for code, entry in sorted(data["municipalities"].items()):
        by_state[code[:2]].append(_outline(code, entry))
    return MunicipalBoundaries(
        by_state={state: tuple(outlines) for state, outlines in by_state.items()},
        newer={state: dict(names) for state, names in data["newer"].items()},
    )


@lru_cache(maxsize=4)
def municipal_boundaries_load(
    path: Path = MUNICIPAL_BOUNDARIES_FILE,
) -> MunicipalBoundaries:
    """Return the boundaries in the JSON file at ``path`` (read once)."""
    return municipal_boundaries_read(json.loads(path.read_text(encoding="utf-8")))


# Deriving the file from INEGI's TopoJSON (``ruta build-municipal-boundaries``).


def topology_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """Return a quantized TopoJSON's arcs as absolute longitude/latitude points."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def topology_ring(arc_refs: Sequence[int], arcs: Sequence[list[Point]]) -> list[Point]:
    """Return a closed ring from TopoJSON arc references (``~i`` is arc i
    reversed); consecutive arcs share their joining point, kept once."""
    points: list[Point] = []
    for ref in arc_refs:
        arc = arcs[ref] if ref >= 0 else list(reversed(arcs[~ref]))
        points.extend(arc[1:] if points else arc)
    return points


def _rounded(ring: list[Point]) -> list[list[float]]:
    """Return ``ring`` rounded to ``DECIMALS``, repeated points dropped. A
    point shared by neighbours rounds the same in both: borders still meet."""
    rounded: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    return rounded


def municipal_boundaries_derive(
    topology: Mapping[str, Any],
    states: Iterable[str],
    catalog: Mapping[str, str],
    *,
    source: str,
) -> dict[str, Any]:
    """Return the file's content: ``states``' municipal rings from
    ``topology`` (its ``municipalities`` object, INEGI's integer codes), and
    per state the municipalities of ``catalog`` (code → name) it has no
    outline for."""
    wanted = sorted(set(states))
    arcs = topology_arcs(topology)
    municipalities: dict[str, Any] = {}
    for geometry in topology["objects"]["municipalities"]["geometries"]:
        props = geometry["properties"]
        code = f"{int(props['state_code']):02d}{int(props['mun_code']):03d}"
        if code[:2] not in wanted:
            continue
        polygons = (
            [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        )
        rings = [
            _rounded(topology_ring(ring, arcs))
            for polygon in polygons
            for ring in polygon
        ]
        municipalities[code] = {
            "name": props["mun_name"],
            "rings": [ring for ring in rings if len(ring) >= 4],
        }
    newer = {
        state: {
            code: name
            for code, name in sorted(catalog.items())
            if code[:2] == state and code not in municipalities
        }
        for state in wanted
    }
    return {
        "source": source,
        "states": wanted,
        "newer": {state: names for state, names in newer.items() if names},
        "municipalities": dict(sorted(municipalities.items())),
    }
