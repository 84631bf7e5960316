"""The works explorer's downloads: the filtered list as CSV, XLSX or JSON.

CSV is UTF-8 with a byte-order mark so Excel opens accents right, with the
Spanish headers of ``EXPORT_COLUMNS``. XLSX keeps amounts as numbers with a
money format. Text from capture forms may start like a formula ("=HYPERLINK"):
in CSV it is prefixed with an apostrophe and in XLSX stored as a string, so a
spreadsheet never evaluates it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ruta.works.selectors.explore import EXPORT_COLUMNS

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = '"$"#,##0.00'
MONEY_COLUMNS = {
    "inversion_total",
    "estatal",
    "municipal",
    "comunidad",
    "federal",
    "otra",
}


def _csv_value(value: object) -> object:
    """Return ``value`` as a CSV cell: raw figures, ISO dates, inert text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_chunks(rows: Iterable[dict[str, object]]) -> Iterator[str]:
    """Yield the CSV text of ``rows``, header first, a few hundred rows at a time."""
    buffer = StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(EXPORT_COLUMNS.values())
    for index, row in enumerate(rows, start=1):
        writer.writerow(_csv_value(row[key]) for key in EXPORT_COLUMNS)
        if index % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(rows: Iterable[dict[str, object]]) -> bytes:
    """Return a one-sheet workbook of ``rows`` (write-only, so memory stays flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Obras")
    sheet.append(list(EXPORT_COLUMNS.values()))
    for row in rows:
        sheet.append([_xlsx_cell(sheet, key, row[key]) for key in EXPORT_COLUMNS])
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_cell(sheet: object, key: str, value: object) -> object:
    """Return ``value`` as a cell: money formatted, formula-like text as text."""

    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        if key in MONEY_COLUMNS:
            cell.number_format = MONEY_FORMAT
        return cell
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def json_bytes(rows: Iterable[dict[str, object]], *, fields: dict[str, str]) -> bytes:
    """Return ``{"campos": …, "obras": […]}``; amounts as decimal strings."""
    document = {"campos": fields, "obras": list(rows)}
    return json.dumps(document, ensure_ascii=False, default=_json_default).encode()
