"""The budget statement reader: the template's columns read from CSV or XLSX,
every check with its figures, every refusal naming the file, row and column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ruta.accounting.records import Classification, Level, StatementKind
from ruta.ingest.budget import statement_read
from ruta.ingest.budget.reading import amount_read
from ruta.sources.findings import DocumentError
from testkit.statements import changed, example_rows, statement_file

pytestmark = pytest.mark.pure
D = Decimal


def _codes(read) -> list[tuple[str, str]]:
    return [(finding.code, finding.values.get("key", "")) for finding in read.findings]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("word", ["egresos", "ingresos"])
def test_the_template_s_example_reads_with_no_finding(tmp_path, word, fmt):
    read = statement_read(
        statement_file(tmp_path, example_rows(word), word=word, fmt=fmt)
    )
    assert read.findings == ()
    kind = StatementKind.EXPENDITURE if word == "egresos" else StatementKind.REVENUE
    assert read.statement.kind == kind
    assert read.statement.year == 2025
    assert read.statement.as_of.isoformat() == "2025-03-31"


def test_chapters_concepts_units_and_totals_are_told_apart(tmp_path):
    statement = statement_read(statement_file(tmp_path, example_rows())).statement
    by_object = {line.key: line for line in statement.of(Classification.OBJECT)}
    assert by_object["1000"].level == Level.GROUP
    assert (by_object["1100"].level, by_object["1100"].parent_key) == (
        Level.ITEM,
        "1000",
    )
    assert by_object["TOTAL"].level == Level.TOTAL
    assert by_object["TOTAL"].moments.approved == D("10000000.00")
    units = statement.of(Classification.ADMINISTRATIVE)
    assert [line.key for line in units] == ["01", "02", "TOTAL"]


def test_a_row_whose_modified_is_not_approved_plus_adjustments_is_a_finding(tmp_path):
    rows = changed(
        example_rows(), "3300", MODIFICADO=D("950000.00"), SUBEJERCICIO=D("750000.00")
    )
    read = statement_read(statement_file(tmp_path, rows))
    assert ("statement_modified_mismatch", "3300") in _codes(read)
    finding = next(f for f in read.findings if f.code == "statement_modified_mismatch")
    assert finding.where == "estado_egresos.csv, row 4 (line 5), key 3300"
    assert "el modificado 950,000.00 no es Aprobado 1,000,000.00" in finding.message
    assert "= 900,000.00" in finding.message
    # Its chapter no longer adds up either, in that column.
    assert ("statement_sum_mismatch", "3000") in _codes(read)


def test_underspending_is_modified_minus_accrued(tmp_path):
    rows = changed(example_rows(), "1100", SUBEJERCICIO=D("2000000.00"))
    read = statement_read(statement_file(tmp_path, rows))
    assert ("statement_balance_mismatch", "1100") in _codes(read)
    finding = next(f for f in read.findings if f.code == "statement_balance_mismatch")
    assert (
        "el subejercicio 2,000,000.00 no es modificado menos devengado = 2,300,000.00"
        in finding.message
    )


def test_revenue_difference_is_collected_minus_estimated(tmp_path):
    rows = changed(example_rows("ingresos"), "91", DIFERENCIA=D("0.00"))
    read = statement_read(statement_file(tmp_path, rows, word="ingresos"))
    assert ("statement_balance_mismatch", "91") in _codes(read)
    assert (
        "la diferencia 0.00 no es recaudado menos estimado" in read.findings[0].message
    )


def test_a_total_that_is_not_the_sum_of_its_rows_is_a_finding_per_column(tmp_path):
    rows = changed(
        example_rows(),
        "TOTAL",
        "objeto",
        APROBADO=D("10500000.00"),
        MODIFICADO=D("10900000.00"),
        SUBEJERCICIO=D("8500000.00"),
    )
    read = statement_read(statement_file(tmp_path, rows))
    sums = [f for f in read.findings if f.code == "statement_sum_mismatch"]
    assert {f.values["column"] for f in sums} == {"approved", "modified", "balance"}
    approved = next(f for f in sums if f.values["column"] == "approved")
    assert (
        approved.message
        == "Clave TOTAL, Aprobado: imprime 10,500,000.00, pero sus renglones "
        "suman 10,000,000.00."
    )
    assert any(f.code == "statement_classifications_disagree" for f in read.findings)


def test_paying_more_than_was_accrued_is_a_finding(tmp_path):
    rows = changed(example_rows(), "02", "administrativa", PAGADO=D("1600000.00"))
    read = statement_read(statement_file(tmp_path, rows))
    assert ("statement_paid_over_accrued", "02") in _codes(read)


def test_a_classification_without_its_total_is_noted(tmp_path):
    rows = [
        row
        for row in example_rows()
        if not (row["CLAVE"] == "TOTAL" and row["CLASIFICACION"] == "administrativa")
    ]
    read = statement_read(statement_file(tmp_path, rows))
    (note,) = [f for f in read.findings if f.code == "statement_no_total"]
    assert note.severity == "info"
    assert "La clasificación administrativa no tiene renglón de total" in note.message


def test_the_statement_s_own_column_names_are_recognised(tmp_path):
    names = {
        "AMPLIACIONES_REDUCCIONES": "Ampliaciones/(Reducciones)",
        "CLASIFICACION": "Clasificación",
    }
    path = statement_file(
        tmp_path, example_rows(), header=lambda c: names.get(c, c.title())
    )
    assert statement_read(path).findings == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$1,234.50", D("1234.50")),
        ("(1,234.50)", D("-1234.50")),
        ("-", D("0.00")),
        ("'-5", D("-5.00")),
        ("1 000", D("1000.00")),
        ("12.345", None),
        ("abc", None),
        ("NaN", None),
    ],
)
def test_amounts_are_read_as_statements_print_them(text, value):
    assert amount_read(text) == value


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"APROBADO": "mucho"}, "line 2, row 1: APROBADO 'mucho' is not an amount"),
        ({"APROBADO": ""}, "APROBADO is blank"),
        ({"CLAVE": "1131"}, "CLAVE '1131' is not a chapter (1000) or a concept (1100)"),
        ({"CLASIFICACION": "funcional"}, "CLASIFICACION 'funcional' is neither"),
        ({"CORTE": "2024-12-31"}, "CORTE 2024-12-31 is not in EJERCICIO 2025"),
        ({"CORTE": "31/03/2025"}, "CORTE '31/03/2025' is not a date"),
        ({"EJERCICIO": "1990"}, "EJERCICIO '1990' is not a year between 2000 and 2100"),
    ],
)
def test_a_row_that_cannot_be_read_refuses_the_file_naming_it(
    tmp_path, change, message
):
    rows = example_rows()
    rows[0].update(change)
    with pytest.raises(
        DocumentError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        statement_read(statement_file(tmp_path, rows))


def test_one_file_holds_one_entity_s_statement_and_each_key_once(tmp_path):
    rows = example_rows()
    rows[3]["ENTE"] = "otro-ente"
    with pytest.raises(DocumentError, match="line 5, row 4: ENTE is 'otro-ente'"):
        statement_read(statement_file(tmp_path, rows))
    rows = example_rows()
    rows.append(dict(rows[1]))
    with pytest.raises(DocumentError, match="key 1100 appears twice"):
        statement_read(statement_file(tmp_path, rows))


def test_a_file_that_is_not_a_statement_is_refused(tmp_path):
    path = tmp_path / "obras.csv"
    path.write_text("CLAVE,NOMBRE,MONTO\n1,Obra,10\n", encoding="utf-8")
    with pytest.raises(
        DocumentError, match="obras.csv, line 1: the header is not a statement's"
    ):
        statement_read(path)
    binary = tmp_path / "estado.pdf"
    binary.write_bytes(b"%PDF-1.4\n\x00\x01")
    with pytest.raises(DocumentError, match="binary"):
        statement_read(binary)
