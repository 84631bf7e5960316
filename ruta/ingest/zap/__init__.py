"""Read a catalogue of Zonas de Atención Prioritaria (ZAP) as staff import it.

The yearly decree (Declaratoria de las Zonas de Atención Prioritaria, DOF)
lists rural ZAPs as whole municipalities and urban ZAPs as AGEBs of a
municipality. Staff keep it as a CSV of the platform's own layout, one zone
a row::

    tipo,clave_municipio,municipio,ageb,decreto
    rural,26003,Álamos,,2024
    urbana,26030,Hermosillo,066A,2024

``tipo`` is ``rural`` or ``urbana``; ``clave_municipio`` the INEGI code of
five digits (the name is for the reader only); ``ageb`` the area's key of
four characters, given only for an urban zone; ``decreto`` the decree's
year, one for the whole file. Pure: bytes in, ``ZoneCatalogue`` out. Any row
the reader refuses refuses the whole file with its line and column named
(``DocumentError``): nothing is kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from ruta.common.text.folding import fold
from ruta.grants.rules.requirements import ageb_normal
from ruta.sources.findings import DocumentError

# Bounded: a decree lists some thousands of AGEBs for the whole country.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
REQUIRED = ("tipo", "clave_municipio", "ageb", "decreto")
KINDS = {"rural": "rural", "urbana": "urban", "urbano": "urban"}


@dataclass(frozen=True)
class ZoneRow:
    """One zone of the file: its line, kind, municipality code and AGEB."""

    line: int
    kind: str  # "rural" or "urban"
    municipality: str
    ageb: str


@dataclass(frozen=True)
class ZoneCatalogue:
    """A ZAP file read whole: its name, hash, decree year and zones."""

    name: str
    sha256: str
    decree_year: int
    zones: tuple[ZoneRow, ...]


def zap_read(path: Path) -> ZoneCatalogue:
    """Read the catalogue at ``path``; ``DocumentError`` when it cannot be kept."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"the file has {size:,} bytes; a ZAP catalogue may have at most "
                f"{MAX_BYTES:,}",
                file=path.name,
            )
        data = path.read_bytes()
    except OSError as problem:
        raise DocumentError(
            f"cannot read the file: {problem.strerror}", file=path.name
        ) from None
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        raise DocumentError("a binary file, not a CSV of zones", file=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return zap_parse(text, name=path.name, sha256=hashlib.sha256(data).hexdigest())


def zap_parse(text: str, *, name: str, sha256: str) -> ZoneCatalogue:
    """Read the catalogue from its text (see ``zap_read``)."""
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as problem:
        raise DocumentError(f"not a CSV file: {problem}", file=name) from None
    if not rows:
        raise DocumentError("the file is empty", file=name)
    header = [fold(cell).strip().replace(" ", "_") for cell in rows[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise DocumentError(f"the header lacks {', '.join(missing)}", file=name, line=1)
    if len(rows) - 1 > MAX_ROWS:
        raise DocumentError(f"more than {MAX_ROWS:,} zones", file=name)
    zones, years, seen = [], set(), set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        zone, year = _zone(cells, line, name)
        key = (zone.municipality, zone.ageb)
        if key in seen:
            raise DocumentError(
                "this zone is listed twice", file=name, line=line, field="ageb"
            )
        seen.add(key)
        years.add(year)
        zones.append(zone)
    if not zones:
        raise DocumentError("the file lists no zone", file=name)
    if len(years) > 1:
        raise DocumentError(
            f"one decree a file: the rows name the years {sorted(years)}",
            file=name,
            field="decreto",
        )
    return ZoneCatalogue(name, sha256, years.pop(), tuple(zones))


def _zone(cells: dict[str, str], line: int, name: str) -> tuple[ZoneRow, int]:
    kind = KINDS.get(fold(cells.get("tipo", "")).strip())
    if kind is None:
        raise DocumentError(
            f"tipo {cells.get('tipo', '')!r} is neither rural nor urbana",
            file=name,
            line=line,
            field="tipo",
        )
    code = cells.get("clave_municipio", "")
    if not (len(code) == 5 and code.isdigit()):
        raise DocumentError(
            f"{code!r} is not a municipality's INEGI code of five digits",
            file=name,
            line=line,
            field="clave_municipio",
        )
    ageb = cells.get("ageb", "").upper().replace("-", "")
    if kind == "rural" and ageb:
        raise DocumentError(
            "a rural zone is the whole municipality: leave its AGEB empty",
            file=name,
            line=line,
            field="ageb",
        )
    if kind == "urban" and not ageb_normal(ageb):
        raise DocumentError(
            f"{ageb!r} is not an AGEB key (four characters, as 066A)",
            file=name,
            line=line,
            field="ageb",
        )
    year_text = cells.get("decreto", "")
    if not (year_text.isdigit() and 2000 <= int(year_text) <= 2100):
        raise DocumentError(
            f"{year_text!r} is not the decree's year",
            file=name,
            line=line,
            field="decreto",
        )
    return ZoneRow(line, kind, code, ageb), int(year_text)
