"""How findings print figures, places and names, the same way in every check."""

from __future__ import annotations

from decimal import Decimal

from ruta.ingest.cecop.model import Figure, Place, Unit
from ruta.sources.findings import Say, sentence


def fmt(value: Decimal | int | Figure | None) -> str:
    """Return a figure as the report prints it: thousands commas, % for percents."""
    if value is None:
        return "blank"
    if isinstance(value, Figure):
        suffix = "%" if value.unit == Unit.PERCENT else ""
        return f"{fmt(value.value)}{suffix}"
    return f"{value:,}"


def rows_span(places: list[Place]) -> str:
    """Return "lines A–B (table, rows 1–N)" for consecutive rows of one table."""
    if not places:
        return ""
    first, last = places[0], places[-1]
    return (
        f"lines {first.line}–{last.line} ({first.table}, rows {first.row}–{last.row})"
    )


def joined(*places: str) -> str:
    """Return the places joined with "; ", skipping empty ones."""
    return "; ".join(place for place in places if place)


# The report's columns and subjects as findings name them.
COLUMN_NAMES = {
    "works": sentence("obras"),
    "beneficiaries": sentence("beneficiarios"),
    "total": sentence("inversión total"),
    "cecop": sentence("inversión estatal (CECOP)"),
    "municipality": sentence("aportación municipal"),
    "community": sentence("aportación de la comunidad"),
    "amount": sentence("monto"),
}
SUBJECT_NAMES = {
    "works": sentence("obras"),
    "aid": sentence("ayudas sociales"),
    "drought": sentence("ayudas por sequía"),
    "committees": sentence("comités"),
    "budget": sentence("presupuesto autorizado"),
}


def named(names: dict[str, str], name: str, say: Say) -> str:
    """Return ``name`` as findings say it; a name not listed as printed."""
    return say(names[name]) if name in names else name
