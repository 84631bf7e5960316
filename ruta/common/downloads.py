"""Open-data downloads shared by the domain apps: CSV, XLSX and JSON tables.

CSV is UTF-8 with a byte-order mark so Excel opens accents right, headed by
the Spanish names a table gives its columns. XLSX keeps amounts as numbers
(money columns formatted). Text that may start like a formula
("=HYPERLINK") is prefixed with an apostrophe in CSV and stored as a string
in XLSX, so a spreadsheet never evaluates it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = '"$"#,##0.00'


def csv_value(value: object) -> object:
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


def csv_chunks(
    columns: Mapping[str, str], rows: Iterable[Mapping[str, object]]
) -> Iterator[str]:
    """Yield the CSV text of ``rows`` (BOM and Spanish header first), in chunks."""
    buffer = StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(columns.values())
    for index, row in enumerate(rows, start=1):
        writer.writerow(csv_value(row[key]) for key in columns)
        if index % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_cell(sheet: object, value: object, *, money: bool = False) -> object:
    """Return ``value`` as a cell: money formatted, formula-like text as text."""
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        if money:
            cell.number_format = MONEY_FORMAT
        return cell
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_bytes(
    columns: Mapping[str, str],
    rows: Iterable[Mapping[str, object]],
    *,
    sheet_name: str,
    money_columns: frozenset[str] | set[str] = frozenset(),
) -> bytes:
    """Return a one-sheet workbook of ``rows`` (write-only: memory stays flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.append(list(columns.values()))
    for row in rows:
        sheet.append(
            [xlsx_cell(sheet, row[key], money=key in money_columns) for key in columns]
        )
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def json_default(value: object) -> object:
    """Return a JSON form of what ``json`` cannot write: decimals, dates."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
