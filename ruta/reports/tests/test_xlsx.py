"""The annual report workbook: a sheet per table, numbers as numbers."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from ruta.catalog.models import Agency
from ruta.reports.selectors import annual_report
from ruta.reports.xlsx import COUNT_FORMAT, MONEY_FORMAT, annual_report_xlsx, as_text
from ruta.works.models import EmergencyAction
from testkit.cecop import demonstration_document


@pytest.fixture
def workbook(report):
    return load_workbook(BytesIO(annual_report_xlsx(report)))


def test_workbook_has_one_sheet_per_table_and_the_findings(workbook):
    assert workbook.sheetnames == [
        "TSAM por subprograma",
        "TSAM por región",
        "GSE por subprograma",
        "GSE por región",
        "Sequía",
        "Ayudas por concepto",
        "Indicadores",
        "Semáforo",
        "Hallazgos",
    ]


def test_money_and_counts_are_numeric_cells_equal_to_the_figures(workbook):
    sheet = workbook["TSAM por subprograma"]
    header = [cell.value for cell in sheet[2]]
    total = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "Total")
    figures = dict(zip(header, total, strict=False))
    works, invested = figures["Número de obras"], figures["Inversión total"]
    assert (works.value, works.number_format) == (612, COUNT_FORMAT)
    assert invested.data_type == "n"
    assert Decimal(str(invested.value)) == Decimal("188077805.06")
    assert invested.number_format == MONEY_FORMAT
    assert figures["Beneficiarios"].value == 593071


def test_each_row_says_it_equals_the_published_row(workbook):
    sheet = workbook["Sequía"]
    verdicts = [row[-1].value for row in sheet.iter_rows(min_row=3)]
    first = demonstration_document().report().drought.rows[0].place.line
    assert verdicts[0] == f"igual (línea {first})"
    assert all(verdict.startswith("igual") for verdict in verdicts)


def test_findings_sheet_lists_the_eleven_findings_of_the_document(workbook):
    sheet = workbook["Hallazgos"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows.index(
        ["Código", "Hallazgo", "Dónde", "Valores", "Texto original del lector (inglés)"]
    )
    assert len(rows[header + 1 :]) == 11
    code, message, where, _values, original = rows[header + 2]
    assert code == "prose_figure_mismatch"
    assert message.startswith("El texto dice 54.6 mdp (TSAM + GSE: PARQUES Y AREAS")
    parks = demonstration_document().line_of("realizaron 100 acciones")
    assert where.startswith(f"línea {parks} (texto); ")
    assert original is None  # worded from its values: no reader's text kept


def test_text_that_looks_like_a_formula_is_stored_as_a_string(report_demo):
    cecop = Agency.objects.get(code="sonora-cecop")
    actions = EmergencyAction.objects.filter(agency=cecop, fiscal_year_id=2024)
    first = actions.order_by("source_document", "source_row", "pk").first()
    injected = '=HYPERLINK("http://example.com","x")'
    actions.filter(pk=first.pk).update(concept=injected)
    workbook = load_workbook(BytesIO(annual_report_xlsx(annual_report(cecop, 2024))))
    label, _municipality, amount = list(workbook["Sequía"][3])[:3]
    assert (label.value, label.data_type, label.quotePrefix) == (injected, "s", True)
    assert (amount.data_type, amount.number_format) == ("n", MONEY_FORMAT)


@pytest.mark.parametrize("text", ["=1+1", "+52 662", "-x", "@SUM(A1)", "\tx"])
def test_every_formula_start_is_quoted(text):
    sheet = Workbook().active
    sheet.append([text, -5, Decimal("1.5")])
    for cell in sheet[1]:
        as_text(cell)
    quoted, negative, decimal = sheet[1]
    assert (quoted.value, quoted.data_type, quoted.quotePrefix) == (text, "s", True)
    assert (negative.data_type, negative.quotePrefix) == ("n", False)
    assert (decimal.data_type, decimal.quotePrefix) == ("n", False)


def test_plain_text_is_not_quoted():
    sheet = Workbook().active
    sheet.append(["Pavimentación"])
    as_text(sheet["A1"])
    assert sheet["A1"].quotePrefix is False


def test_indicator_figures_keep_their_percent_format(workbook):
    sheet = workbook["Indicadores"]
    first = list(sheet[3])
    assert first[0].value.startswith("Porcentaje en el cumplimiento")
    assert (first[1].value, first[1].number_format) == (90, '#,##0.00"%"')


def test_every_table_sheet_says_the_works_are_demonstration_data(workbook):
    tables = [sheet for sheet in workbook.worksheets if sheet.title != "Hallazgos"]
    assert all("Datos de demostración" in sheet["B1"].value for sheet in tables)
    assert "Datos de demostración" in workbook.properties.description
