"""Simplified state outlines and the point-in-state test, in plain Python.

The outlines are the project's data file ``state_boundaries.json`` (INEGI's
state polygons simplified to about 1 km; its source is named in the file and
in the catalog's SOURCES.md). A point near a border may fall on the wrong
side of a simplified line, so a finding says the boundary is simplified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ruta.catalog.boundaries import inside_ring as _inside_ring
from ruta.catalog.boundaries import segment_distance as _segment_distance

Ring = tuple[tuple[float, float], ...]
# Points whose answers ``Boundaries`` keeps: works repeat places, but a file
# of all-different points must not grow the cache with the file.
MOST_ASKED = 20_000


@dataclass
class StateOutline:
    """The rings of one state and their bounding box."""

    rings: tuple[Ring, ...]
    box: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def holds(self, lon: float, lat: float, margin: float = 0.0) -> bool:
        """Return whether the point is inside a ring or within ``margin`` of one."""
        west, south, east, north = self.box
        if not (
            west - margin <= lon <= east + margin
            and south - margin <= lat <= north + margin
        ):
            return False
        if any(_inside_ring(lon, lat, ring) for ring in self.rings):
            return True
        return margin > 0 and any(
            _segment_distance(lon, lat, ring[index - 1], ring[index]) <= margin
            for ring in self.rings
            for index in range(len(ring))
        )


@dataclass
class Boundaries:
    """Every state's outline by INEGI code, with a cache of points asked."""

    states: dict[str, StateOutline]
    tolerance: float
    # How far outside the simplified line a point still counts as inside:
    # the simplification, and works on a coast or a border, need the slack.
    margin: float = 0.05
    _asked: dict[tuple[str, Decimal, Decimal], bool] = field(default_factory=dict)

    def holds(self, state: str, latitude: Decimal, longitude: Decimal) -> bool | None:
        """Return whether the point is in ``state``; None if the state is unknown."""
        outline = self.states.get(state)
        if outline is None:
            return None
        key = (state, latitude, longitude)
        if key not in self._asked:
            if len(self._asked) >= MOST_ASKED:
                self._asked.clear()  # a file of all-different points
            self._asked[key] = outline.holds(
                float(longitude), float(latitude), self.margin
            )
        return self._asked[key]

    def anywhere(self, latitude: Decimal, longitude: Decimal) -> bool:
        """Return whether the point is inside any state (in Mexico)."""
        return any(self.holds(code, latitude, longitude) for code in self.states)


def _outline(rings: list[list[list[float]]]) -> StateOutline:
    prepared = tuple(tuple((x, y) for x, y in ring) for ring in rings)
    xs = [x for ring in prepared for x, _ in ring]
    ys = [y for ring in prepared for _, y in ring]
    return StateOutline(prepared, (min(xs), min(ys), max(xs), max(ys)))


def boundaries_load(path: Path) -> Boundaries:
    """Return the outlines in the JSON file at ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    states = {code: _outline(rings) for code, rings in data["states"].items() if rings}
    return Boundaries(states=states, tolerance=float(data["tolerance_degrees"]))
