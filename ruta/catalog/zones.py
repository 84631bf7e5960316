"""Each state's time zone, so dates are what the state's own clocks say.

From the IANA time zone database's ``zone1970.tab`` rows for Mexico (the
zone of each state's capital and most of its territory): Sonora keeps
UTC−7 all year (``America/Hermosillo``), Baja California follows the
Pacific (``America/Tijuana``), and so on; a national instance keeps central
Mexico's time. Pure: read by the settings before Django starts.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CENTRAL = "America/Mexico_City"
# INEGI state code → IANA zone; the states not listed keep central time.
STATE_TIME_ZONES = {
    "02": "America/Tijuana",  # Baja California
    "03": "America/Mazatlan",  # Baja California Sur
    "04": "America/Merida",  # Campeche
    "05": "America/Monterrey",  # Coahuila
    "08": "America/Chihuahua",  # Chihuahua (most of it)
    "10": "America/Monterrey",  # Durango
    "18": "America/Mazatlan",  # Nayarit (most of it)
    "19": "America/Monterrey",  # Nuevo León
    "23": "America/Cancun",  # Quintana Roo
    "25": "America/Mazatlan",  # Sinaloa
    "26": "America/Hermosillo",  # Sonora
    "28": "America/Monterrey",  # Tamaulipas (most of it)
    "31": "America/Merida",  # Yucatán
}


def state_time_zone(state_code: str) -> str:
    """Return the time zone of the state ``state_code``; central time when blank."""
    return STATE_TIME_ZONES.get(state_code, CENTRAL)


def time_zone_checked(name: str) -> str:
    """Return ``name`` if this machine knows it as a time zone; else ValueError."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(
            f"{name!r} is not a time zone name (such as America/Hermosillo)"
        ) from error
    return name
