"""Read a statement file: bytes to rows, rows to a ``PrintedStatement``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ruta.accounting.records import (
    MOMENTS,
    Classification,
    Level,
    Moments,
    PrintedLine,
    PrintedStatement,
    StatementKind,
)
from ruta.accounting.rules import object_key_level, revenue_key_level
from ruta.common.text.folding import fold
from ruta.common.text.money import ZERO
from ruta.ingest.budget.checks import check_statement
from ruta.ingest.budget.columns import COLUMNS, header_key, kind_of_header
from ruta.ingest.tables import spreadsheet_rows
from ruta.sources.findings import DocumentError, Finding
from ruta.sources.records import RowRecord

# A state's statement has a few hundred rows; these leave room to spare.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_CELL = 300
# Amounts past a hundred trillion pesos are a typing error.
MAX_AMOUNT = Decimal("100000000000000")
CENT = Decimal("0.01")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
TOTAL_KEY = "TOTAL"
TABLES = {
    Classification.OBJECT: ("objeto_del_gasto", "Por objeto del gasto"),
    Classification.ADMINISTRATIVE: ("administrativa", "Clasificación administrativa"),
    Classification.REVENUE_ITEM: ("rubros_de_ingresos", "Por rubro de ingresos"),
}


@dataclass(frozen=True)
class StatementFile:
    """A statement file read: its name and hash, the statement, findings, rows."""

    name: str
    sha256: str
    statement: PrintedStatement
    findings: tuple[Finding, ...]
    rows: tuple[RowRecord, ...]


@dataclass(frozen=True)
class _Row:
    number: int
    line: int
    cells: dict[str, str]


def _refuse(
    name: str, reason: str, *, row: int | str = "", line: int | None = None
) -> DocumentError:
    return DocumentError(reason, file=name, row=row, line=line)


def statement_read(path: Path) -> StatementFile:
    """Read the statement at ``path``; ``DocumentError`` when it cannot be read."""
    data = _bytes(path)
    rows = _rows(path, data)
    if not rows:
        raise _refuse(path.name, "the file is empty: there is no header", line=1)
    header = [header_key(cell) for cell in rows[0][1]]
    kind, missing = kind_of_header(header)
    if kind is None:
        raise _refuse(
            path.name,
            "the header is not a statement's: it lacks "
            + ", ".join(missing)
            + " (docs/importing.md, budget statements)",
            line=1,
        )
    fields = COLUMNS[kind]
    records = [
        _Row(number, line, _cells(header, values, fields))
        for number, (line, values) in enumerate(
            (row for row in rows[1:] if any(v.strip() for v in row[1])), start=1
        )
    ]
    if not records:
        raise _refuse(path.name, "the file has a header and no rows", line=2)
    statement = _statement(path.name, kind, records)
    return StatementFile(
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        statement=statement,
        findings=tuple(check_statement(statement, path.name)),
        rows=tuple(_published(statement, records)),
    )


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(
                path.name,
                f"the file has {size:,} bytes; a statement may have at most "
                f"{MAX_FILE_BYTES:,}",
            )
        return path.read_bytes()
    except OSError as problem:
        raise _refuse(path.name, f"cannot read the file: {problem.strerror}") from None


def _rows(path: Path, data: bytes) -> list[tuple[int, list[str]]]:
    """Return the file's rows with their line numbers, CSV or XLSX."""
    return spreadsheet_rows(path, data, what="statement", most=MAX_ROWS)


def _cells(header: list[str], values: list[str], fields: dict[str, str]) -> dict:
    named = dict(zip(header, values, strict=False))
    return {
        field: str(named.get(column, "")).strip() for column, field in fields.items()
    }


def _statement(name: str, kind: StatementKind, records: list[_Row]) -> PrintedStatement:
    first = records[0]
    entity = first.cells["entity"]
    year = _year(name, first)
    as_of = _as_of(name, first, year)
    printed = {field: column for column, field in COLUMNS[kind].items()}
    lines, seen = [], set()
    for record in records:
        for field, expected in (
            ("entity", entity),
            ("year", first.cells["year"]),
            ("as_of", first.cells["as_of"]),
        ):
            if record.cells[field] != expected:
                raise _where(
                    name,
                    record,
                    f"{printed[field]} is {record.cells[field]!r}, the first row's "
                    f"is {expected!r}: a file holds one entity's statement of one "
                    "year and cut-off date",
                )
        line = _line(name, kind, record)
        if (line.classification, line.key) in seen:
            raise _where(
                name, record, f"key {line.key} appears twice in its classification"
            )
        seen.add((line.classification, line.key))
        lines.append(line)
    if not entity:
        raise _where(name, first, "ENTE is blank: name the public entity")
    return PrintedStatement(kind, entity[:MAX_CELL], year, as_of, tuple(lines))


def _where(name: str, record: _Row, reason: str) -> DocumentError:
    return _refuse(name, reason, row=record.number, line=record.line)


def _year(name: str, record: _Row) -> int:
    text = record.cells["year"]
    if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= LATEST_YEAR:
        raise _where(
            name,
            record,
            f"EJERCICIO {text!r} is not a year between {EARLIEST_YEAR} and "
            f"{LATEST_YEAR}",
        )
    return int(text)


def _as_of(name: str, record: _Row, year: int) -> date:
    text = record.cells["as_of"]
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        raise _where(
            name, record, f"CORTE {text!r} is not a date (YYYY-MM-DD)"
        ) from None
    if day.year != year:
        raise _where(
            name,
            record,
            f"CORTE {day.isoformat()} is not in EJERCICIO {year}: a statement's "
            "figures are cut within its fiscal year",
        )
    return day


def _classification(name: str, kind: StatementKind, record: _Row) -> Classification:
    if kind == StatementKind.REVENUE:
        return Classification.REVENUE_ITEM
    printed = fold(record.cells["classification"])
    if "administrativ" in printed:
        return Classification.ADMINISTRATIVE
    if "objeto" in printed or printed == "cog":
        return Classification.OBJECT
    raise _where(
        name,
        record,
        f"CLASIFICACION {record.cells['classification']!r} is neither "
        "'administrativa' nor 'objeto del gasto'",
    )


def _line(name: str, kind: StatementKind, record: _Row) -> PrintedLine:
    classification = _classification(name, kind, record)
    key = record.cells["key"].upper()[:30]
    label = record.cells["name"][:MAX_CELL]
    if key == TOTAL_KEY or (not key and fold(label).startswith("total")):
        level, parent, key = Level.TOTAL, "", TOTAL_KEY
    elif classification == Classification.ADMINISTRATIVE:
        if not key:
            raise _where(name, record, "CLAVE is blank: give the unit's key")
        level, parent = Level.ITEM, ""
    else:
        placed = (
            object_key_level(key)
            if classification == Classification.OBJECT
            else revenue_key_level(key)
        )
        if placed is None:
            raise _where(name, record, _bad_key(classification, key))
        level, parent = placed
    if not label:
        raise _where(name, record, f"the name of key {key} is blank")
    return PrintedLine(
        classification=classification,
        level=level,
        key=key,
        name=label,
        parent_key=parent,
        row_number=record.number,
        line=record.line,
        moments=Moments(
            **{field: _amount(name, kind, record, field) for field in MOMENTS}
        ),
    )


def _bad_key(classification: Classification, key: str) -> str:
    if classification == Classification.OBJECT:
        return (
            f"CLAVE {key!r} is not a chapter (1000) or a concept (1100) of the "
            "Clasificador por Objeto del Gasto"
        )
    return (
        f"CLAVE {key!r} is not a rubro (1) or a tipo (11) of the Clasificador "
        "por Rubros de Ingresos"
    )


def amount_read(text: str) -> Decimal | None:
    """Return a printed amount: "$1,234.50", "(1,234.50)" negative, "-" zero.

    None when it is not an amount.
    """
    cleaned = text.strip().lstrip("'").replace("$", "").replace(",", "")
    cleaned = cleaned.replace(" ", "").replace("\u2212", "-")
    if cleaned in ("-", "\u2014", "\u2013"):
        return ZERO
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    rounded = value.quantize(CENT)
    if abs(rounded - value) >= Decimal("0.001"):
        return None  # more than centavos: not money as printed
    return -rounded if negative else rounded


def _amount(name: str, kind: StatementKind, record: _Row, field: str) -> Decimal:
    text = record.cells[field]
    value = amount_read(text) if text else None
    if value is None or abs(value) >= MAX_AMOUNT:
        column = next(c for c, f in COLUMNS[kind].items() if f == field)
        problem = "is blank" if not text else f"{text[:40]!r} is not an amount"
        raise _where(name, record, f"{column} {problem}")
    return value


def _published(statement: PrintedStatement, records: list[_Row]) -> list[RowRecord]:
    """Return every row as the file prints it, for the document's page."""
    by_number = {record.number: record for record in records}
    return [
        RowRecord(
            table_id=TABLES[line.classification][0],
            title=TABLES[line.classification][1],
            row_number=line.row_number,
            line=line.line,
            label=f"{line.key} {line.name}",
            values=by_number[line.row_number].cells,
            is_total=line.level == Level.TOTAL,
        )
        for line in statement.lines
    ]
