"""A budget statement imported from its file: the entity and year found in the
catalog, every row kept with its findings, nothing written twice or on a
refusal; the budget page shows it in every accounting moment."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from ruta.accounting.models import BudgetStatement, StatementLine
from ruta.accounts.models import Role
from ruta.ingest.importers import IMPORTERS
from ruta.ingest.loaders.statement import budget_statement_import
from ruta.ingest.models import ImportJob
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory, WorkFactory
from testkit.statements import changed, example_rows, statement_file

D = Decimal
BUDGET = "/es-mx/presupuesto/"


@pytest.fixture
def cecop(db):
    FiscalYearFactory(year=2025)
    return AgencyFactory(
        code="sonora-cecop",
        name="Consejo Estatal de Concertación para la Obra Pública",
        acronym="CECOP",
    )


def test_a_statement_is_written_with_its_rows_and_document_and_only_once(
    cecop, tmp_path
):
    path = statement_file(tmp_path, example_rows())
    result = budget_statement_import(path=path, actor=TEST_ACTOR)
    statement = BudgetStatement.objects.get()
    assert (statement.agency, statement.fiscal_year_id, statement.kind) == (
        cecop,
        2025,
        "expenditure",
    )
    assert statement.lines.count() == 10
    total = statement.lines.get(classification="object", key="TOTAL")
    assert (total.approved, total.modified, total.accrued, total.paid) == (
        D("10000000.00"),
        D("10400000.00"),
        D("2400000.00"),
        D("2050000.00"),
    )
    assert PublishedRow.objects.filter(document=result.document).count() == 10
    again = budget_statement_import(path=path, actor=TEST_ACTOR)
    assert again.status.value == "already-imported"
    assert BudgetStatement.objects.count() == 1


def test_an_inconsistent_row_is_kept_with_its_finding(cecop, tmp_path):
    rows = changed(example_rows(), "1100", MODIFICADO=D("3100000.00"))
    budget_statement_import(path=statement_file(tmp_path, rows), actor=TEST_ACTOR)
    codes = set(DocumentFinding.objects.values_list("code", flat=True))
    assert {"statement_modified_mismatch", "statement_balance_mismatch"} <= codes
    line = StatementLine.objects.get(classification="object", key="1100")
    assert line.modified == D("3100000.00")  # kept as printed


def test_a_dry_run_writes_nothing(cecop, tmp_path):
    result = budget_statement_import(
        path=statement_file(tmp_path, example_rows()), actor=TEST_ACTOR, dry_run=True
    )
    assert result.status.value == "dry-run"
    assert not SourceDocument.objects.exists()
    assert not BudgetStatement.objects.exists()


def test_an_entity_or_a_year_the_catalog_lacks_is_refused_and_nothing_written(
    cecop, tmp_path
):
    rows = example_rows()
    for row in rows:
        row["ENTE"] = "Secretaría Inexistente"
    with pytest.raises(DocumentError, match="ENTE 'Secretaría Inexistente'"):
        budget_statement_import(path=statement_file(tmp_path, rows), actor=TEST_ACTOR)
    rows = example_rows()
    for row in rows:
        row.update(EJERCICIO="2019", CORTE="2019-03-31")
    with pytest.raises(DocumentError, match="EJERCICIO 2019 is not a fiscal year"):
        budget_statement_import(
            path=statement_file(tmp_path, rows, name="otro.csv"), actor=TEST_ACTOR
        )
    assert not SourceDocument.objects.exists()


def test_the_entity_may_be_named_as_the_catalog_names_it(cecop, tmp_path):
    rows = example_rows("ingresos")
    for row in rows:
        row["ENTE"] = "consejo estatal de concertacion para la obra publica"
    budget_statement_import(
        path=statement_file(tmp_path, rows, word="ingresos", fmt="xlsx"),
        actor=TEST_ACTOR,
    )
    assert BudgetStatement.objects.get().kind == "revenue"


def test_the_importer_is_registered_for_the_command_the_desk_and_the_jobs():
    importer = IMPORTERS["budget-statement"]
    assert importer.preview
    assert importer.upload_rule == "ingest.statement"
    assert importer.loader is budget_statement_import


# ------------------------------------------------------------------ pages


def test_the_budget_page_shows_the_statement_in_every_phase(cecop, tmp_path):
    WorkFactory(
        executing_agency=cecop,
        fiscal_year=FiscalYearFactory(year=2025),
        published=True,
    )
    rows = changed(example_rows(), "1100", MODIFICADO=D("3100000.00"))
    budget_statement_import(path=statement_file(tmp_path, rows), actor=TEST_ACTOR)
    budget_statement_import(
        path=statement_file(tmp_path, example_rows("ingresos"), word="ingresos"),
        actor=TEST_ACTOR,
    )
    page = Client().get(f"{BUDGET}?year=2025").content.decode()
    assert "Estado Analítico del Ejercicio del Presupuesto de Egresos" in page
    assert "Estado Analítico de Ingresos" in page
    for phase in ("Aprobado", "Modificado", "Devengado", "Pagado", "Subejercicio"):
        assert phase in page
    for phase in ("Estimado", "Recaudado", "Diferencia"):
        assert phase in page
    assert "6000 Inversión Pública" in page
    assert "$10,000,000.00" in page
    assert "Clasificación administrativa" in page
    assert "3 hallazgos" in page  # the row, its underspending, its chapter
    assert "Sus 1 obras publicadas" in page or "obras publicadas del ejercicio" in page


def test_staff_download_the_templates_and_they_read_back_without_findings(
    client, make_user, tmp_path
):
    client.force_login(make_user(Role.ADMINISTRATOR))
    for word in ("egresos", "ingresos"):
        csv_body = client.get(f"/es-mx/importaciones/plantilla-estado-{word}.csv")
        assert csv_body["Content-Type"].startswith("text/csv")
        (tmp_path / f"{word}.csv").write_bytes(csv_body.content)
        from ruta.ingest.budget import statement_read

        assert statement_read(tmp_path / f"{word}.csv").findings == ()
        xlsx = client.get(f"/es-mx/importaciones/plantilla-estado-{word}.xlsx")
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet.cell(1, 1).value == "ENTE"
    assert (
        client.get("/es-mx/importaciones/plantilla-estado-otro.csv").status_code == 404
    )
    anonymous = Client().get("/es-mx/importaciones/plantilla-estado-egresos.csv")
    assert anonymous.status_code == 302


def test_the_desk_reads_a_statement_before_importing_it(
    client, make_user, tmp_path, cecop, import_folder
):
    client.force_login(make_user(Role.ADMINISTRATOR))
    rows = changed(example_rows(), "3300", SUBEJERCICIO=D("1.00"))
    content = statement_file(tmp_path, rows).read_bytes()
    answer = client.post(
        "/es-mx/importaciones/documento/",
        {
            "kind": "budget-statement",
            "file": SimpleUploadedFile("estado.csv", content, "text/csv"),
        },
    )
    page = answer.content.decode()
    assert "Clave 3300: el subejercicio 1.00 no es modificado menos devengado" in page
    assert "renglón 4 (línea 5), clave 3300" in page
    assert "Confirmar e importar" in page
    assert not BudgetStatement.objects.exists()
    assert not ImportJob.objects.exists()
    pdf = client.post(
        "/es-mx/importaciones/documento/",
        {
            "kind": "budget-statement",
            "file": SimpleUploadedFile(
                "estado.pdf",
                b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00",
                "application/pdf",
            ),
        },
    )
    assert pdf.status_code == 400
    assert "no es un archivo XLSX o CSV" in pdf.content.decode()


def test_the_budget_page_reads_in_english(cecop, tmp_path):
    WorkFactory(executing_agency=cecop, fiscal_year=FiscalYearFactory(year=2025))
    budget_statement_import(
        path=statement_file(tmp_path, example_rows()), actor=TEST_ACTOR
    )
    page = Client().get("/en/presupuesto/?year=2025").content.decode()
    assert "Analytical Statement of Budget Expenditure" in page
    for phase in ("Approved", "Modified", "Accrued", "Paid", "Underspending"):
        assert phase in page
