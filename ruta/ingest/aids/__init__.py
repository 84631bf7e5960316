"""Read a year's file of social aids (CSV or XLSX, the platform's template).

Pure: bytes in, ``AidsFile`` out. One row is one request for aid: its folio,
the agency's catalog code, the fiscal year, the dates it was asked for and
(when the file states it) granted, the concept, what was asked, the
municipality (INEGI code or name), the amount, the people helped and, for an
aid to a person, the person's name, sex and age group, or for an aid to an
institution its RFC (optional, a company's). The name is personal data: the
loader keeps it private, never in the document's published rows.

A file that cannot be read, lacks a column or has a cell that is not what its
column holds (a date, an amount, a count) is refused naming the row and the
line. Whether each row's values name things the catalogs know, and follow
the aids' rules, is the loader's work (``ruta.ingest.loaders.aids``): each
problem is a finding of kind ``aid_row_refused``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ruta.common.text.folding import fold
from ruta.ingest.tables import spreadsheet_rows
from ruta.sources.findings import (
    DocumentError,
    Say,
    Values,
    finding_kind,
    sentence,
)

MAX_FILE_BYTES = 10 * 1024 * 1024
# A year of a state's aids is a few thousand rows; this leaves room to spare.
MAX_ROWS = 50_000
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000000")

# The template's columns, in order; the ones a row may leave blank.
COLUMNS = (
    "FOLIO",
    "DEPENDENCIA",
    "EJERCICIO",
    "FECHA_SOLICITUD",
    "FECHA_OTORGAMIENTO",
    "CONCEPTO",
    "DESCRIPCION",
    "MUNICIPIO",
    "MONTO",
    "BENEFICIARIOS",
    "NOMBRE",
    "SEXO",
    "GRUPO_EDAD",
    "RFC_INSTITUCION",
)
OPTIONAL = frozenset(
    {
        "FOLIO",
        "FECHA_OTORGAMIENTO",
        "DESCRIPCION",
        "MUNICIPIO",
        "BENEFICIARIOS",
        "NOMBRE",
        "SEXO",
        "GRUPO_EDAD",
        "RFC_INSTITUCION",
    }
)
# An example of the template: an aid to a woman of Hermosillo and one to an
# institution statewide (an invented name; a real file's are personal data).
TEMPLATE_EXAMPLE = (
    {
        "FOLIO": "",
        "DEPENDENCIA": "sonora-cecop-departamento-ayudas-diversas",
        "EJERCICIO": "2025",
        "FECHA_SOLICITUD": "2025-03-03",
        "FECHA_OTORGAMIENTO": "",
        "CONCEPTO": "Ayudas sociales a personas",
        "DESCRIPCION": "Apoyo a mujer emprendedora",
        "MUNICIPIO": "26030",
        "MONTO": "15000.00",
        "BENEFICIARIOS": "1",
        "NOMBRE": "Nombre de ejemplo",
        "SEXO": "Mujer",
        "GRUPO_EDAD": "30-59",
        "RFC_INSTITUCION": "",
    },
    {
        "FOLIO": "",
        "DEPENDENCIA": "sonora-cecop-departamento-ayudas-diversas",
        "EJERCICIO": "2025",
        "FECHA_SOLICITUD": "2025-04-10",
        "FECHA_OTORGAMIENTO": "",
        "CONCEPTO": "Ayudas sociales a instituciones sin fines de lucro",
        "DESCRIPCION": "Equipamiento de dormitorios de un internado",
        "MUNICIPIO": "",
        "MONTO": "250000.00",
        "BENEFICIARIOS": "120",
        "NOMBRE": "",
        "SEXO": "",
        "GRUPO_EDAD": "",
        "RFC_INSTITUCION": "",
    },
)


@dataclass(frozen=True)
class AidRow:
    """One row of an aids file, typed; names and codes as printed."""

    line: int
    folio: str
    agency: str
    year: int
    requested_on: date
    granted_on: date | None
    concept: str
    description: str
    municipality: str
    amount: Decimal
    beneficiaries: int | None
    name: str
    sex: str
    age_group: str
    rfc: str = ""


@dataclass(frozen=True)
class AidsFile:
    """An aids file read: its name, hash and rows."""

    name: str
    sha256: str
    rows: tuple[AidRow, ...]


@finding_kind(
    "aid_row_refused",
    summary=sentence("Un renglón del archivo de ayudas no se puede importar."),
)
def aid_row_refused(values: Values, say: Say) -> str:
    return say(sentence("Línea %(line)s: %(problem)s")) % {
        "line": values["line"],
        "problem": values["problem"],
    }


def _refuse(name: str, reason: str, line: int | None = None) -> DocumentError:
    return DocumentError(reason, file=name, line=line)


def header_key(text: str) -> str:
    """Return a header cell as the template names it ("Fecha solicitud" → …)."""
    return "_".join(fold(text).upper().replace("-", " ").split())


def aids_read(path: Path) -> AidsFile:
    """Read the aids file at ``path``; ``DocumentError`` when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(
                path.name,
                f"the file has {size:,} bytes; an aids file may have at most "
                f"{MAX_FILE_BYTES:,}",
            )
        data = path.read_bytes()
    except OSError as problem:
        raise _refuse(path.name, f"cannot read the file: {problem.strerror}") from None
    rows = _rows(path, data)
    if not rows:
        raise _refuse(path.name, "the file is empty: there is no header", 1)
    header = [header_key(cell) for cell in rows[0][1]]
    missing = [c for c in COLUMNS if c not in OPTIONAL and c not in header]
    if missing:
        raise _refuse(
            path.name,
            "the header lacks " + ", ".join(missing) + " (docs/importing.md, aids)",
            1,
        )
    read = []
    for line, values in rows[1:]:
        if not any(v.strip() for v in values):
            continue
        cells = {
            column: value.strip()
            for column, value in zip(header, values, strict=False)
            if column in COLUMNS
        }
        read.append(_row(path.name, line, cells))
    if not read:
        raise _refuse(path.name, "the file has a header and no rows", 2)
    return AidsFile(
        name=path.name, sha256=hashlib.sha256(data).hexdigest(), rows=tuple(read)
    )


def _rows(path: Path, data: bytes) -> list[tuple[int, list[str]]]:
    """Return the file's rows with their line numbers, CSV or XLSX."""
    return spreadsheet_rows(path, data, what="aids file", most=MAX_ROWS)


def _row(name: str, line: int, cells: dict[str, str]) -> AidRow:
    def cell(column: str) -> str:
        value = cells.get(column, "")
        if not value and column not in OPTIONAL:
            raise _refuse(name, f"{column} is blank", line)
        return value

    return AidRow(
        line=line,
        folio=cell("FOLIO")[:40],
        agency=cell("DEPENDENCIA"),
        year=_year(name, line, cell("EJERCICIO")),
        requested_on=_date(name, line, "FECHA_SOLICITUD", cell("FECHA_SOLICITUD")),
        granted_on=(
            _date(name, line, "FECHA_OTORGAMIENTO", cells["FECHA_OTORGAMIENTO"])
            if cells.get("FECHA_OTORGAMIENTO")
            else None
        ),
        concept=cell("CONCEPTO"),
        description=cell("DESCRIPCION")[:300],
        municipality=cell("MUNICIPIO"),
        amount=_amount(name, line, cell("MONTO")),
        beneficiaries=_count(name, line, cell("BENEFICIARIOS")),
        name=cell("NOMBRE"),
        sex=cell("SEXO"),
        age_group=cell("GRUPO_EDAD"),
        rfc=cell("RFC_INSTITUCION")[:40],
    )


def _year(name: str, line: int, text: str) -> int:
    if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= LATEST_YEAR:
        raise _refuse(
            name,
            f"EJERCICIO {text!r} is not a year between {EARLIEST_YEAR} and "
            f"{LATEST_YEAR}",
            line,
        )
    return int(text)


def _date(name: str, line: int, column: str, text: str) -> date:
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        raise _refuse(
            name, f"{column} {text!r} is not a date (YYYY-MM-DD)", line
        ) from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise _refuse(name, f"{column} {text!r} is out of range", line)
    return day


def _amount(name: str, line: int, text: str) -> Decimal:
    cleaned = text.replace("$", "").replace(",", "").replace(" ", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise _refuse(name, f"MONTO {text!r} is not an amount", line) from None
    if not amount.is_finite() or abs(amount) > MAX_AMOUNT:
        raise _refuse(name, f"MONTO {text!r} is out of range", line)
    if amount != amount.quantize(CENT):
        raise _refuse(name, f"MONTO {text!r} has more than two decimals", line)
    return amount.quantize(CENT)


def _count(name: str, line: int, text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) > 10_000_000:
        raise _refuse(name, f"BENEFICIARIOS {text!r} is not a count of people", line)
    return int(text)
