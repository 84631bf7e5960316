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
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path
from typing import IO, Any

import xlsxwriter

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = '"$"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm:ss"
SHEET_ROWS = 1_048_576  # a sheet's rows in Excel, the header's included
SHEET_NAME_LENGTH = 31  # Excel's longest sheet name


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


class SheetWriter:
    """A workbook of one table written a row at a time (XlsxWriter, constant memory).

    Amounts stay numbers (money columns formatted), dates are dates, text is
    always text: nothing a cell holds is read as a formula, a link or a
    number. A table longer than a sheet's rows goes on in a second sheet,
    so no row is dropped.
    """

    def __init__(
        self,
        target: Path | IO[bytes],
        columns: Mapping[str, str],
        *,
        sheet_name: str,
        money_columns: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        in_memory = not isinstance(target, Path)
        self.workbook = xlsxwriter.Workbook(
            str(target) if isinstance(target, Path) else target,
            {
                "constant_memory": not in_memory,
                "in_memory": in_memory,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "remove_timezone": True,
            },
        )
        self.header = list(columns.values())
        self.keys = list(columns)
        self.name = sheet_name[:SHEET_NAME_LENGTH]
        money = self.workbook.add_format({"num_format": MONEY_FORMAT})
        self.formats = [money if key in money_columns else None for key in columns]
        self.date = self.workbook.add_format({"num_format": DATE_FORMAT})
        self.moment = self.workbook.add_format({"num_format": MOMENT_FORMAT})
        self.sheets = 0
        self._sheet_start()

    def _sheet_start(self) -> None:
        self.sheets += 1
        suffix = f" ({self.sheets})" if self.sheets > 1 else ""
        name = self.name[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        self.sheet = self.workbook.add_worksheet(name)
        self.sheet.write_row(0, 0, self.header)
        self.row = 1

    def append(self, row: Mapping[str, object]) -> None:
        """Write ``row``'s cells, in the columns' order."""
        if self.row == SHEET_ROWS:
            self._sheet_start()
        for column, key in enumerate(self.keys):
            self._cell(column, row[key], self.formats[column])
        self.row += 1

    def _cell(self, column: int, value: object, money: Any) -> None:
        sheet, row = self.sheet, self.row
        if value is None:
            return
        if isinstance(value, str):
            sheet.write_string(row, column, value)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        elif isinstance(value, Decimal):
            sheet.write_number(row, column, float(value), money)
        elif isinstance(value, int | float):
            sheet.write_number(row, column, value)
        elif isinstance(value, datetime):
            sheet.write_datetime(row, column, value, self.moment)
        elif isinstance(value, date):
            sheet.write_datetime(row, column, value, self.date)
        else:
            sheet.write_string(row, column, str(value))

    def close(self) -> None:
        """Finish the workbook (its file, or the buffer it was given)."""
        self.workbook.close()


def xlsx_bytes(
    columns: Mapping[str, str],
    rows: Iterable[Mapping[str, object]],
    *,
    sheet_name: str,
    money_columns: frozenset[str] | set[str] = frozenset(),
) -> bytes:
    """Return a workbook of ``rows``, headed by the Spanish column names."""
    output = BytesIO()
    writer = SheetWriter(
        output, columns, sheet_name=sheet_name, money_columns=money_columns
    )
    for row in rows:
        writer.append(row)
    writer.close()
    return output.getvalue()


def json_default(value: object) -> object:
    """Return a JSON form of what ``json`` cannot write: decimals, dates."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
