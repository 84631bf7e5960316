"""The annual report page and its XLSX download."""

import re

from django.db.models import F

from ruta.sources.models import DocumentFinding, DocumentKind, SourceDocument
from ruta.works.models import EmergencyAction, Work
from testkit.cecop import demonstration_document
from testkit.factories.accounts import UserFactory

PAGE = "/es-mx/informes/CECOP/2024/"
DOCUMENT = demonstration_document()


def test_report_page_renders_every_table_with_captions_and_scopes(client, report_demo):
    html = client.get(PAGE).content.decode()
    assert html.count("<caption>") == 8
    assert html.count('scope="row"') >= 60
    assert "Obras realizadas por subprograma, 2024" in html


def test_money_is_shown_in_es_mx_format(client, report_demo):
    html = client.get(PAGE).content.decode()
    assert "$188,077,805.06" in html
    assert "$5,455,116.86" in html


def test_page_warns_that_the_works_are_demonstration_data(client, report_demo):
    assert "Datos de demostración" in client.get(PAGE).content.decode()


def test_page_shows_the_comparison_and_the_findings(client, report_demo):
    html = client.get(PAGE).content.decode()
    paving = DOCUMENT.line_of("PAVIMENTACIÓN\t55\t")
    summary = DOCUMENT.line_of("Número de Indicadores") + 1
    aid = DOCUMENT.report().indicator_results.rows[3].place.line
    assert f"igual (línea {paving})" in html
    assert re.search(rf"diferente \(línea {summary}\)", html)
    assert "publicado: 4" in html
    assert html.count("<li>") >= 8
    assert f"línea {aid} (resultados de indicadores, tabla 1, renglón 4)" in html


def test_page_lists_the_tables_of_the_document_that_are_not_read(client, report_demo):
    html = client.get(PAGE).content.decode()
    (table,) = DOCUMENT.report().not_read
    paving = DOCUMENT.line_of("$6.1 mdp")
    assert "Lo que esta importación no lee" in html
    assert f"Líneas {table.first_line}–{table.last_line}" in html
    assert f"Línea {paving} ($6.1 mdp): «En la comunidad de El Paso" in html


def test_semaphore_cells_carry_a_text_label(client, report_demo):
    html = client.get(PAGE).content.decode()
    assert re.findall(r'semaphore-(\w+)">(\w+)</span>', html) == [
        ("red", "Retroceso"),
        ("green", "Avance"),
        ("red", "Retroceso"),
        ("green", "Avance"),
    ]


def test_report_page_accepts_the_agency_code(client, report_demo):
    assert client.get("/es-mx/informes/sonora-cecop/2024/").status_code == 200


def test_report_page_is_publicly_cacheable(client, report_demo):
    assert "public" in client.get(PAGE)["Cache-Control"]


def test_anonymous_reader_revalidates_the_report_with_its_etag(client, report_demo):
    etag = client.get(PAGE)["ETag"]
    assert client.get(PAGE, headers={"if-none-match": etag}).status_code == 304


def test_signed_in_reader_gets_a_private_report_page(client, report_demo):
    client.force_login(UserFactory())
    response = client.get(PAGE)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_findings_read_in_spanish_on_the_spanish_page(client, report_demo):
    html = client.get(PAGE).content.decode()
    assert (
        "El texto dice más de 1,500,000 beneficiarios (GSE), pero las tablas dan "
        "1,067,715." in html
    )
    assert "Prose says" not in html
    assert '<span lang="en">' not in html


def test_findings_read_in_english_on_the_english_page(client, report_demo):
    html = client.get("/en/informes/CECOP/2024/").content.decode()
    aid = DOCUMENT.report().indicator_results.rows[3].place.line
    assert (
        "The text says more than 1,500,000 beneficiaries (GSE), but the tables "
        "give 1,067,715." in html
    )
    assert f"line {aid} (indicator results, table 1, row 4)" in html


def test_finding_that_cannot_be_rebuilt_keeps_its_english_text(client, report_demo):
    document = SourceDocument.objects.get(kind=DocumentKind.CECOP_ANNUAL_REPORT)
    DocumentFinding.objects.create(
        document=document,
        code="prose_figure_mismatch",
        message="Prose says 9 mdp, but the tables give 8",
        where="page 4",
        values={"prose": "9", "tables": "8"},
    )
    html = client.get(PAGE).content.decode()
    assert "Una cifra del texto no coincide con las tablas." in html
    assert '<span lang="en">Prose says 9 mdp, but the tables give 8</span>' in html
    assert '<span lang="en">page 4</span>' in html


def test_report_page_runs_a_few_queries_however_many_works(
    client, report_demo, django_assert_max_num_queries
):
    client.get(PAGE)  # prepares the report for this version of the data
    assert Work.objects.count() > 500
    # Two reads of the data version (the page's validators, the prepared
    # report's key) and the page's own few.
    with django_assert_max_num_queries(4):
        assert client.get(PAGE).status_code == 200


def test_report_page_shows_new_data_at_once(client, report_demo):
    total = DOCUMENT.report().drought.total_place.line
    assert f"igual (línea {total})" in client.get(PAGE).content.decode()
    EmergencyAction.objects.filter(fiscal_year_id=2024).update(amount=F("amount") + 1)
    assert f"diferente (línea {total})" in client.get(PAGE).content.decode()


def test_unknown_agency_or_year_is_not_found(client, report_demo):
    assert client.get("/es-mx/informes/NADA/2024/").status_code == 404
    assert client.get("/es-mx/informes/CECOP/1850/").status_code == 404


def test_xlsx_download_is_a_workbook_attachment(client, report_demo):
    response = client.get(PAGE + "informe.xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "informe-anual-sonora-cecop-2024.xlsx" in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


def test_report_index_lists_agency_years_with_data(client, db):
    from ruta.catalog.models import FiscalYear
    from testkit.factories.works import WorkFactory

    FiscalYear.objects.get_or_create(year=2031)
    work = WorkFactory(fiscal_year_id=2031, published=True)
    html = client.get("/es-mx/informes/").content.decode()
    agency = work.program.agency
    assert f"/es-mx/informes/{agency.acronym or agency.code}/2031/" in html


def test_report_index_leaves_out_works_not_yet_published(client, db):
    from ruta.catalog.models import FiscalYear
    from testkit.factories.works import WorkFactory

    FiscalYear.objects.get_or_create(year=2031)
    work = WorkFactory(fiscal_year_id=2031)
    html = client.get("/es-mx/informes/").content.decode()
    agency = work.program.agency
    assert f"/es-mx/informes/{agency.acronym or agency.code}/2031/" not in html


def test_a_report_document_stored_without_a_year_does_not_break_the_index(client, db):
    SourceDocument.objects.create(
        sha256="e" * 64, kind=DocumentKind.CECOP_ANNUAL_REPORT, name="sin-año.txt"
    )
    response = client.get("/es-mx/informes/")
    assert response.status_code == 200
    assert "sin-año.txt" not in response.content.decode()
