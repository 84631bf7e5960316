"""Read the works tables: by subprogram and by region, for each program.

A table is found by its header row (first cell "SUBPROGRAMA…" or
"REGION…"), its program by the "Programa …" heading just above it, and its
columns by the words of the (possibly two-line) header, so the reader does not
depend on line numbers or on one year's layout.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ruta.common.text.folding import normalize_key
from ruta.common.text.money import parse_amount, parse_count
from ruta.ingest.cecop.document import Document
from ruta.ingest.cecop.model import (
    Dimension,
    Place,
    Program,
    WorksRow,
    WorksTable,
)

_TOTAL_LABEL = re.compile(r"^TOTAL(ES)?$")
_COLUMN_WORDS = (
    ("BENEFICI", "beneficiaries"),
    ("TOTAL", "total"),
    ("MUNICIPIO", "municipality"),
    ("COMUNIDAD", "community"),
    ("CECOP", "cecop"),
    ("OBRA", "works"),
)
_REQUIRED = {"works", "cecop", "beneficiaries"}
_SOURCES = {"total", "municipality", "community"}
_COUNT_COLUMNS = {"works", "beneficiaries"}
_PROGRAM_LOOKBACK = 4


def read_works_tables(doc: Document) -> tuple[WorksTable, ...]:
    """Return every works table; raise unless each program has both kinds."""
    tables = tuple(_read_table(doc, number) for number in doc.find(_is_header(doc)))
    for program in Program:
        for dimension in Dimension:
            found = [
                table
                for table in tables
                if table.program == program and table.dimension == dimension
            ]
            if len(found) != 1:
                raise doc.error(
                    f"expected one works table of program {program.value} "
                    f"by {dimension.value}, found {len(found)}"
                )
    return tables


def _is_header(doc: Document) -> Callable[[int], bool]:
    def matches(number: int) -> bool:
        key = doc.key(number)
        joined = normalize_key(" ".join(doc.cells(number)))
        return (
            key.startswith(("SUBPROGRAMA", "REGION"))
            and "OBRA" in joined
            and "BENEFICI" in joined
        )

    return matches


def _read_table(doc: Document, header: int) -> WorksTable:
    program, program_heading = _program_above(doc, header)
    dimension = (
        Dimension.SUBPROGRAM
        if doc.key(header).startswith("SUBPROGRAMA")
        else Dimension.REGION
    )
    table_id = f"{program.value}_by_{dimension.value}"
    header_cells, first_row = _header_cells(doc, header)
    columns = _columns(doc, header_cells, Place(table_id, 0, header))
    rows, total = _read_rows(doc, table_id, columns, first_row)
    return WorksTable(
        id=table_id,
        title=f"{_section_above(doc, header)} — {program_heading}".strip(" —"),
        program=program,
        dimension=dimension,
        columns=tuple(column for column in columns if column != "label"),
        rows=rows,
        total=total,
        line=header,
    )


def _program_above(doc: Document, header: int) -> tuple[Program, str]:
    for number in range(header - 1, max(header - _PROGRAM_LOOKBACK, 0) - 1, -1):
        key = doc.key(number)
        if not key.startswith("PROGRAMA"):
            continue
        if "EMERGENTE" in key:
            return Program.GSE, doc.text(number)
        if "APOYO A LOS MUNICIPIOS" in key:
            return Program.TSAM, doc.text(number)
    raise doc.error(
        "works table without a 'Programa …' heading naming its program",
        Place("works table", 0, header),
    )


def _section_above(doc: Document, header: int) -> str:
    for number in range(header - 1, 0, -1):
        if doc.key(number).startswith("OBRAS REALIZADAS"):
            return doc.text(number)
    return ""


def _header_cells(doc: Document, header: int) -> tuple[list[str], int]:
    """Return the header cells, joining a continuation line, and the first row."""
    cells = doc.cells(header)
    following = doc.cells(header + 1)
    if doc.is_table_line(header + 1) and following[0] == "":
        for index, text in enumerate(following[: len(cells)]):
            cells[index] = f"{cells[index]} {text}".strip()
        return cells, header + 2
    return cells, header + 1


def _columns(doc: Document, header_cells: list[str], place: Place) -> list[str]:
    columns = ["label"]
    for text in header_cells[1:]:
        key = normalize_key(text)
        name = next((name for word, name in _COLUMN_WORDS if word in key), None)
        if name is None or name in columns:
            raise doc.error(f"unrecognised or repeated column {text!r}", place)
        columns.append(name)
    missing = _REQUIRED - set(columns)
    if missing or (_SOURCES & set(columns) and not set(columns) >= _SOURCES):
        raise doc.error(
            f"works table lacks columns {sorted(missing or _SOURCES)}", place
        )
    return columns


def _read_rows(
    doc: Document, table_id: str, columns: list[str], first: int
) -> tuple[tuple[WorksRow, ...], WorksRow]:
    rows: list[WorksRow] = []
    number = first
    while doc.is_table_line(number):
        row = _read_row(doc, columns, Place(table_id, len(rows) + 1, number))
        if _TOTAL_LABEL.match(row.key):
            return tuple(rows), row
        rows.append(row)
        number += 1
    raise doc.error(
        f"table ends after {len(rows)} rows without its Total row",
        Place(table_id, len(rows) + 1, number),
        field="Total",
    )


def _read_row(doc: Document, columns: list[str], place: Place) -> WorksRow:
    cells = doc.cells(place.line)
    if len(cells) != len(columns):
        raise doc.error(
            f"row {cells[0]!r} has {len(cells)} cells, the header has {len(columns)}",
            place,
        )
    values: dict[str, Any] = {}
    for name, cell in zip(columns[1:], cells[1:], strict=True):
        parse = parse_count if name in _COUNT_COLUMNS else parse_amount
        values[name] = doc.read(parse, cell, place, name, cells[0])
    return WorksRow(label=cells[0], key=normalize_key(cells[0]), place=place, **values)
