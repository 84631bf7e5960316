"""The works explorer's downloads: the filtered list as CSV, XLSX or JSON.

The tables are written by ``ruta.common.files.downloads`` (a BOM and Spanish
headers in CSV, amounts as numbers in XLSX, formula-like text made inert);
this module names the works' columns and sheet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ruta.common.files import downloads as tables
from ruta.common.files.downloads import BOM, CONTENT_TYPES, FORMATS  # noqa: F401
from ruta.works.selectors.explore import EXPORT_COLUMNS

MONEY_COLUMNS = {
    "inversion_total",
    "estatal",
    "municipal",
    "comunidad",
    "federal",
    "otra",
}


def csv_chunks(rows: Iterable[dict[str, object]]) -> Iterator[str]:
    """Yield the CSV text of ``rows``, header first, a few hundred rows at a time."""
    return tables.csv_chunks(EXPORT_COLUMNS, rows)


def xlsx_bytes(rows: Iterable[dict[str, object]]) -> bytes:
    """Return a one-sheet workbook of ``rows`` (write-only, so memory stays flat)."""
    return tables.xlsx_bytes(
        EXPORT_COLUMNS, rows, sheet_name="Obras", money_columns=MONEY_COLUMNS
    )


def json_bytes(rows: Iterable[dict[str, object]], *, fields: dict[str, str]) -> bytes:
    """Return ``{"campos": …, "obras": […]}``; amounts as decimal strings."""
    document = {"campos": fields, "obras": list(rows)}
    return json.dumps(
        document, ensure_ascii=False, default=tables.json_default
    ).encode()
