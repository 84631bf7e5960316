"""Read the ZAP catalogue (§3.6.2 b) as the subsidy rule takes it."""

from __future__ import annotations

from pathlib import Path

from ruta.grants.models import PriorityZone, ZoneKind
from ruta.grants.rules.requirements import PriorityZones, priority_zone_standing

# A catalogue in the import's layout, of demonstration data: not the
# decree's list (``data/README.md``); the demo loads it.
DEMONSTRATION_ZONES_FILE = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "zonas_atencion_prioritaria_demostracion.csv"
)


def priority_zones_for(year: int) -> PriorityZones | None:
    """Return the zones of the latest decree of ``year`` or before; None when
    no catalogue of such a year is imported (the rule then cannot apply)."""
    decree = (
        PriorityZone.objects.filter(decree_year__lte=year)
        .order_by("-decree_year")
        .values_list("decree_year", flat=True)
        .first()
    )
    if decree is None:
        return None
    rows = PriorityZone.objects.filter(decree_year=decree).values_list(
        "kind", "municipality_id", "ageb"
    )
    rural, urban = set(), set()
    for kind, municipality, ageb in rows:
        if kind == ZoneKind.RURAL:
            rural.add(municipality)
        else:
            urban.add((municipality, ageb))
    return PriorityZones(decree, frozenset(rural), frozenset(urban))


def application_zone(scheme: str, municipality: str, ageb: str, year: int) -> str:
    """Return where an application's project stands against the ZAPs of its
    call's year (``priority_zone_standing``'s answer)."""
    return priority_zone_standing(scheme, municipality, ageb, priority_zones_for(year))
