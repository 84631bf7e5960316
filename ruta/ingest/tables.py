"""A spreadsheet's rows, CSV or XLSX, as the table importers read them.

The importers of one file of rows with a header (budget statements, social
aids) accept what a department's spreadsheet program saves: an XLSX book,
or a CSV in UTF-8 or Windows' own encoding, split by commas or, as Excel
saves it in Spanish, by semicolons. Anything else is refused naming the file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ruta.ingest.worklist.decode import xlsx_guard, xlsx_values
from ruta.sources.findings import DocumentError


def spreadsheet_rows(
    path: Path, data: bytes, *, what: str, most: int
) -> list[tuple[int, list[str]]]:
    """Return the rows of ``path`` (its bytes ``data``) with their line numbers.

    ``what`` names the file a reader expected ("statement", "aids file") in
    a refusal; more than ``most`` rows besides the header are refused.
    """
    if data.startswith(b"PK\x03\x04"):
        xlsx_guard(path)
        rows = list(enumerate(xlsx_values(path), start=1))
    elif b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        raise DocumentError(f"a binary file, not a CSV or XLSX {what}", file=path.name)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            rows = list(
                enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)
            )
        except csv.Error as problem:
            raise DocumentError(
                f"not a readable CSV: {problem}", file=path.name
            ) from None
    if len(rows) > most + 1:
        raise DocumentError(f"more than {most:,} rows", file=path.name)
    return rows
