"""Budget statement files for tests: the template's example, changed at will,
written as CSV or XLSX the way a state's team would."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from ruta.common.files.downloads import csv_chunks, xlsx_bytes
from ruta.ingest.budget import template_rows

Row = dict[str, object]


def example_rows(word: str = "egresos") -> list[Row]:
    """Return the template's example rows (a copy each), consistent throughout."""
    _columns, rows = template_rows(word)
    return [dict(row) for row in rows]


def changed(rows: list[Row], key: str, classification: str = "", **cells) -> list[Row]:
    """Return ``rows`` with the cells of the row of ``key`` changed."""
    for row in rows:
        if row["CLAVE"] == key and classification in str(row.get("CLASIFICACION", "")):
            row.update(cells)
            return rows
    raise KeyError(key)


def statement_file(
    folder: Path,
    rows: list[Row],
    *,
    word: str = "egresos",
    fmt: str = "csv",
    name: str = "",
    header: Callable[[str], str] = str,
) -> Path:
    """Write ``rows`` with the template's columns to ``folder``; return the path."""
    columns, _rows = template_rows(word)
    printed = {column: header(column) for column in columns}
    path = folder / (name or f"estado_{word}.{fmt}")
    if fmt == "csv":
        path.write_text("".join(csv_chunks(printed, rows)), encoding="utf-8")
    else:
        path.write_bytes(xlsx_bytes(printed, rows, sheet_name=word))
    return path


D = Decimal
