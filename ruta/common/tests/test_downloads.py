import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ruta.common.files import downloads as tables

COLUMNS = {"folio": "FOLIO", "monto": "MONTO", "inicio": "INICIO", "vigente": "VIGENTE"}


def _workbook(rows, **options):
    content = tables.xlsx_bytes(COLUMNS, rows, sheet_name="obras", **options)
    return load_workbook(io.BytesIO(content))


def test_a_workbook_keeps_amounts_dates_and_truths_as_such():
    row = {
        "folio": "OB-1",
        "monto": Decimal("1234567.89"),
        "inicio": date(2024, 3, 1),
        "vigente": True,
    }
    sheet = _workbook([row], money_columns={"monto"}).active
    assert [c.value for c in sheet[1]] == list(COLUMNS.values())
    folio, amount, start, current = sheet[2]
    assert folio.value == "OB-1"
    assert amount.value == pytest.approx(1234567.89)
    assert amount.number_format == tables.MONEY_FORMAT
    assert start.value == datetime(2024, 3, 1, tzinfo=UTC).replace(tzinfo=None)
    assert start.is_date
    assert current.value is True


def test_a_workbook_never_reads_text_as_a_formula_a_link_or_a_number():
    texts = ['=HYPERLINK("http://x")', "https://example.org", "00123", "+52 1"]
    rows = [
        {"folio": text, "monto": None, "inicio": None, "vigente": None}
        for text in texts
    ]
    sheet = _workbook(rows).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == texts
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.hyperlink is None for cell in cells)


def test_a_moment_is_written_without_its_time_zone():
    moment = datetime(2024, 3, 1, 12, 30, tzinfo=UTC)
    row = {"folio": "x", "monto": None, "inicio": moment, "vigente": None}
    sheet = _workbook([row]).active
    assert sheet["C2"].value == moment.replace(tzinfo=None)


def test_a_table_longer_than_a_sheet_goes_on_in_another_sheet(monkeypatch):
    monkeypatch.setattr(tables, "SHEET_ROWS", 4)  # a header and three rows a sheet
    rows = [
        {"folio": f"OB-{n}", "monto": n, "inicio": None, "vigente": None}
        for n in range(7)
    ]
    workbook = _workbook(rows)
    assert workbook.sheetnames == ["obras", "obras (2)", "obras (3)"]
    folios = [
        row[0].value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(min_row=2)
    ]
    assert folios == [f"OB-{n}" for n in range(7)]
    assert all(sheet["A1"].value == "FOLIO" for sheet in workbook.worksheets)
