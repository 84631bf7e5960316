"""The rules of problem reports, pure: statuses, places, retention, Open311.

No Django here (the import-linter contract "pure-readers-and-rules"): the
services enforce these rules and the pages and the Open311 endpoints read
them, so each has one definition.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from math import asin, cos, radians, sin, sqrt

from ruta.common.text.folding import fold

OPEN = "open"
ACKNOWLEDGED = "acknowledged"
IN_PROGRESS = "in_progress"
RESOLVED = "resolved"
REJECTED = "rejected"

# Which status may follow which: a report is answered forward, and a
# resolved or rejected one is closed for good (a new problem is a new report).
TRANSITIONS: dict[str, frozenset[str]] = {
    OPEN: frozenset({ACKNOWLEDGED, IN_PROGRESS, RESOLVED, REJECTED}),
    ACKNOWLEDGED: frozenset({IN_PROGRESS, RESOLVED, REJECTED}),
    IN_PROGRESS: frozenset({RESOLVED, REJECTED}),
    RESOLVED: frozenset(),
    REJECTED: frozenset(),
}
CLOSED = frozenset({RESOLVED, REJECTED})

DESCRIPTION_MIN = 10
# Open311 GeoReport v2 allows a description of 4,000 characters; the site's
# form takes the same, so a report reads alike whichever way it came.
DESCRIPTION_MAX = 4000
RESPONSE_MIN = 5
RESPONSE_MAX = 2000
REASON_MAX = 300
# Works an ambiguous address names, kept with a report to place: at most.
CANDIDATES_KEPT = 10

# Mexico's bounding box (INEGI's extreme points, rounded outwards): a
# report placed outside it is a typing error or a hostile value.
LATITUDE_RANGE = (Decimal("14.50"), Decimal("32.75"))
LONGITUDE_RANGE = (Decimal("-118.50"), Decimal("-86.50"))


def transition_allowed(current: str, new: str) -> bool:
    """Return whether a report in ``current`` may move to ``new``."""
    return new in TRANSITIONS.get(current, frozenset())


def next_statuses(current: str) -> list[str]:
    """Return the statuses a report in ``current`` may move to, in order."""
    order = [OPEN, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, REJECTED]
    allowed = TRANSITIONS.get(current, frozenset())
    return [status for status in order if status in allowed]


def is_closed(status: str) -> bool:
    """Return whether a report in ``status`` is closed (resolved or rejected)."""
    return status in CLOSED


def within_mexico(latitude: Decimal, longitude: Decimal) -> bool:
    """Return whether the point lies inside Mexico's bounding box."""
    low_lat, high_lat = LATITUDE_RANGE
    low_lon, high_lon = LONGITUDE_RANGE
    return low_lat <= latitude <= high_lat and low_lon <= longitude <= high_lon


def contact_expired(
    closed_at: datetime | None, now: datetime, retention_days: int
) -> bool:
    """Return whether a closed report's contact data has outlived its retention.

    An open report keeps its contact: the agency may still need to ask.
    """
    return closed_at is not None and now - closed_at >= timedelta(days=retention_days)


def open311_status(status: str) -> str:
    """Return the GeoReport v2 status (``open`` or ``closed``) of ``status``."""
    return "closed" if is_closed(status) else "open"


def open311_statuses(value: str) -> frozenset[str]:
    """Return the report statuses a GeoReport v2 ``status`` filter names."""
    if value == "closed":
        return CLOSED
    if value == "open":
        return frozenset(TRANSITIONS) - CLOSED
    raise ValueError(value)


def throttle_allows(count: int, limit: int) -> bool:
    """Return whether one more report fits when ``count`` were filed this hour."""
    return count < limit


PHONE_DIGITS = (7, 15)
PHONE_SYMBOLS = frozenset("+-() ")


def phone_valid(text: str) -> bool:
    """Return whether ``text`` reads as a phone number (7 to 15 digits)."""
    digits = [char for char in text if char.isdigit()]
    others = [char for char in text if not char.isdigit()]
    low, high = PHONE_DIGITS
    return low <= len(digits) <= high and all(char in PHONE_SYMBOLS for char in others)


EARTH_RADIUS_M = 6_371_000
METERS_PER_DEGREE = 111_000  # of latitude, for a bounding box around a point
TIE_M = 1.0


def distance_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """Return the great-circle distance in meters between two points."""
    d_lat, d_lon = radians(lat_b - lat_a), radians(lon_b - lon_a)
    h = (
        sin(d_lat / 2) ** 2
        + cos(radians(lat_a)) * cos(radians(lat_b)) * sin(d_lon / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * asin(sqrt(h))


def nearest_tied(
    point: tuple[float, float],
    candidates: list[tuple[str, float, float]],
    within_m: float,
) -> list[str]:
    """Return the keys of the candidates nearest ``point`` within ``within_m``.

    One key when one is nearest; several when they are equally near (within
    a meter of the nearest), so a report is never filed on a work it may not
    be about and the client can be told which are there; none when nothing
    is within reach.
    """
    measured = sorted(
        (distance_m(point[0], point[1], lat, lon), key) for key, lat, lon in candidates
    )
    measured = [(distance, key) for distance, key in measured if distance <= within_m]
    if not measured:
        return []
    closest = measured[0][0]
    return [key for distance, key in measured if distance - closest < TIE_M]


def _words(text: str) -> str:
    """Return ``text`` folded, its punctuation as spaces, padded with a space
    so a name is found only as whole words."""
    folded = "".join(char if char.isalnum() else " " for char in fold(text))
    return f" {' '.join(folded.split())} "


def names_in(address: str, names: list[str]) -> list[str]:
    """Return the ``names`` an address names as whole words, accents and case
    aside ("Col. Centro, Álamos" names "Alamos", not "Alamo")."""
    written = _words(address)
    return [name for name in names if name.strip() and _words(name) in written]
