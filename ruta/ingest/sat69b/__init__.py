"""Read the SAT's list of taxpayers under Código Fiscal de la Federación art. 69-B.

The SAT publishes the whole list as one CSV ("Listado completo"): a title
line or two stating the date the information is current to ("Información
actualizada al 30 de septiembre de 2024"), then a header (No, RFC, Nombre
del Contribuyente, Situación del contribuyente) and, for each stage of the
procedure (presunción, desvirtuados, definitivos, sentencia favorable), the
global notice's number and date and its publication on the SAT's page and in
the DOF. The SAT writes it in Windows-1252; a copy saved as UTF-8 reads too.

Pure: bytes in, ``SatList`` out. A row without an RFC the SAT could assign or
with a situation the list does not use refuses the whole file
(``DocumentError`` naming the line and the column): nothing is kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruta.common.text.folding import SPANISH_MONTHS, fold
from ruta.common.text.rfc import RFC_PATTERN, rfc_compact
from ruta.sources.findings import DocumentError

# Bounded: the SAT's complete list is some 15,000 rows (a few MB).
MAX_BYTES = 20 * 1024 * 1024
MONTHS = {name: number for number, name in enumerate(SPANISH_MONTHS, start=1)}
_AS_OF = re.compile(r"al (\d{1,2}) de ([a-z]+) de (\d{4})")
_RFC = re.compile(RFC_PATTERN)
SITUATIONS = {
    "presunto": "presunto",
    "desvirtuado": "desvirtuado",
    "definitivo": "definitivo",
    "sentencia favorable": "sentencia_favorable",
}
REQUIRED = ("rfc", "nombre del contribuyente", "situacion del contribuyente")


@dataclass(frozen=True)
class SatTaxpayer:
    """One row of the list: RFC, name, situation and its notices as printed."""

    line: int
    rfc: str
    name: str
    situation: str
    notices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SatList:
    """A 69-B file read whole: its date, its hash and its taxpayers."""

    name: str
    sha256: str
    as_of: date | None
    taxpayers: tuple[SatTaxpayer, ...]


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"the file has {size:,} bytes; a 69-B list may have at most "
                f"{MAX_BYTES:,}",
                file=path.name,
            )
        return path.read_bytes()
    except OSError as problem:
        raise DocumentError(
            f"cannot read the file: {problem.strerror}", file=path.name
        ) from None


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _as_of(line: str) -> date | None:
    match = _AS_OF.search(fold(line))
    if match is None or match.group(2) not in MONTHS:
        return None
    try:
        return date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


def sat_list_read(path: Path) -> SatList:
    """Read the 69-B file at ``path``; ``DocumentError`` when it cannot be kept."""
    data = _bytes(path)
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        raise DocumentError("a binary file, not the SAT's CSV list", file=path.name)
    return sat_list_parse(
        _text(data), name=path.name, sha256=hashlib.sha256(data).hexdigest()
    )


def sat_list_parse(text: str, *, name: str, sha256: str) -> SatList:
    """Read the list from its text (see ``sat_list_read``)."""
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as problem:
        raise DocumentError(f"not a CSV file: {problem}", file=name) from None
    as_of, header_at = None, None
    for number, row in enumerate(rows):
        keys = [fold(cell).strip() for cell in row]
        if "rfc" in keys:
            header_at = number
            break
        as_of = as_of or _as_of(" ".join(row))
    if header_at is None:
        raise DocumentError("no header with an RFC column: not a 69-B list", file=name)
    header = [fold(cell).strip() for cell in rows[header_at]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise DocumentError(
            f"the header lacks {', '.join(missing)}", file=name, line=header_at + 1
        )
    taxpayers = tuple(
        _taxpayer(row, header, rows[header_at], number + 1, name)
        for number, row in enumerate(rows[header_at + 1 :], start=header_at + 1)
        if any(cell.strip() for cell in row)
    )
    seen: set[str] = set()
    for taxpayer in taxpayers:
        if taxpayer.rfc in seen:
            raise DocumentError(
                f"RFC {taxpayer.rfc} is listed twice",
                file=name,
                line=taxpayer.line,
                field="RFC",
            )
        seen.add(taxpayer.rfc)
    return SatList(name=name, sha256=sha256, as_of=as_of, taxpayers=taxpayers)


def _taxpayer(
    row: list[str], header: list[str], printed: list[str], line: int, name: str
) -> SatTaxpayer:
    cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
    rfc = rfc_compact(cells.get("rfc", ""))
    if not _RFC.fullmatch(rfc):
        raise DocumentError(
            f"{cells.get('rfc', '')!r} is not an RFC", file=name, line=line, field="RFC"
        )
    situation = SITUATIONS.get(
        fold(cells.get("situacion del contribuyente", "")).strip()
    )
    if situation is None:
        raise DocumentError(
            f"situation {cells.get('situacion del contribuyente', '')!r} is not one "
            "the list uses (presunto, desvirtuado, definitivo, sentencia favorable)",
            file=name,
            line=line,
            field="Situación del contribuyente",
        )
    notices = tuple(
        (printed[index].strip(), cell.strip())
        for index, cell in enumerate(row)
        if index < len(header)
        and header[index] not in (*REQUIRED, "no", "no.")
        and cell.strip()
    )
    return SatTaxpayer(
        line=line,
        rfc=rfc,
        name=cells.get("nombre del contribuyente", "")[:400],
        situation=situation,
        notices=notices,
    )
