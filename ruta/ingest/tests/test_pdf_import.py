"""``ruta ingest cecop-report|poa`` on the PDF as published.

The PDFs are printed by the tests from the project's fixture documents; the
import keeps the PDF's SHA-256, stores the same figures as the text import,
names pages in its findings and marks what OCR read.
"""

import hashlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ruta.demo.documents.cecop_report import render_report
from ruta.demo.documents.cecop_samples import sample_report
from ruta.demo.documents.poa_samples import direccion, sample_forms
from ruta.demo.documents.tmm_f004 import (
    PAGE_BREAK,
    render,
    render_document,
    render_page,
)
from ruta.ingest.cecop import parse_report
from ruta.ingest.cecop.rows import report_rows
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.ingest.loaders.document_file import OCR_CODE
from ruta.ingest.loaders.poa import poa_import
from ruta.programs.models import Goal, ValueStatus
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from ruta.sources.services import ImportStatus
from testkit.actors import TEST_ACTOR
from testkit.documents.pdf import latin1, rasterise, render_pdf
from testkit.ocr import require_ocr

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def printed(values: dict) -> dict:
    """Return a row's figures without the lines they cite (blank lines differ)."""
    return {key: value for key, value in values.items() if not key.endswith("_line")}


def report_text() -> str:
    return latin1(render_report(sample_report()))


def test_the_report_pdf_stores_the_rows_its_text_gives(catalog, tmp_path):
    data = render_pdf(report_text())
    path = write(tmp_path, data, "informe-cecop-2024.bin")  # magic, not name
    result = cecop_report_import(path=path, actor=TEST_ACTOR)
    assert result.status == ImportStatus.IMPORTED
    document = SourceDocument.objects.get()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.summary["pdf"]["ocr_pages"] == []
    expected = {
        (row.table_id, row.row_number): row.values
        for row in report_rows(parse_report(report_text(), source_name="text"))
    }
    stored = {
        (row.table_id, row.row_number): row.values for row in PublishedRow.objects.all()
    }
    assert stored.keys() == expected.keys()
    total = stored[("tsam_by_subprogram", 14)]
    assert total["total"] == "188077805.06"
    assert total["cecop"] == "144686398.45"


def test_a_finding_of_the_report_pdf_names_its_page(catalog, tmp_path):
    text = report_text().replace("19,934,628.64", "19,934,628.65", 1)
    path = write(tmp_path, render_pdf(text, lines_per_page=30), "informe.pdf")
    result = cecop_report_import(path=path, actor=TEST_ACTOR, dry_run=True)
    places = [finding.where for finding in result.findings]
    assert any(where.endswith(", page 2") for where in places), places


def test_the_forms_pdf_stores_the_goals_its_text_gives(catalog, tmp_path):
    # Each form printed twice, as the published scans are: printed once, a
    # zero or a broken rule leaves cells for review (one copy cannot tell).
    pages = [render_page(form) for form in sample_forms() for _ in range(2)]
    data = render_pdf(render_document(pages), page_break=PAGE_BREAK)
    result = poa_import(path=write(tmp_path, data, "avance.pdf"), actor=TEST_ACTOR)
    assert result.status == ImportStatus.IMPORTED
    # The CDHI form prints no unit code: it is reported, not filed.
    filed = [form for form in sample_forms() if form.unit.code]
    assert len(filed) == len(sample_forms()) - 1
    assert Goal.objects.count() == sum(len(form.goals) for form in filed)
    assert not Goal.objects.exclude(status=ValueStatus.VERIFIED).exists()
    document = SourceDocument.objects.get()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.summary["pdf"]["pages"] == len(pages)


def test_a_scanned_form_is_read_by_ocr_and_never_verified(catalog, tmp_path):
    require_ocr()
    scan = rasterise(render_pdf(render([direccion()]), page_break=PAGE_BREAK))
    result = poa_import(path=write(tmp_path, scan, "escaneo.pdf"), actor=TEST_ACTOR)
    assert result.status == ImportStatus.IMPORTED
    finding = DocumentFinding.objects.get(code=OCR_CODE)
    assert finding.severity == "warning"
    assert finding.message.startswith("Las páginas 1 no tienen capa de texto")
    assert "deben verificarse contra el documento publicado" in finding.message
    ocr_pages = SourceDocument.objects.get().summary["pdf"]["ocr_pages"]
    assert [page["page"] for page in ocr_pages] == [1]
    assert 50 < ocr_pages[0]["confidence"] <= 100
    goals = Goal.objects.all()
    assert goals.exists()
    assert not goals.filter(status=ValueStatus.VERIFIED).exists()
    assert goals.filter(number=100).get().annual_target == 4


def test_an_encrypted_pdf_writes_nothing(catalog, tmp_path):
    from ruta.ingest.tests.test_pdf_reader import encrypted

    path = write(tmp_path, encrypted(), "avance.pdf")
    with pytest.raises(DocumentError, match="avance.pdf: .*encrypted"):
        poa_import(path=path, actor=TEST_ACTOR)
    assert not SourceDocument.objects.exists()
    assert not Goal.objects.exists()


def test_the_command_reads_a_pdf_and_refuses_a_broken_one(catalog, tmp_path):
    data = render_pdf(render(sample_forms()), page_break=PAGE_BREAK)
    out = StringIO()
    call_command(
        "ingest",
        "poa",
        str(write(tmp_path, data, "a.pdf")),
        "--dry-run",
        "--json",
        stdout=out,
    )
    printed = json.loads(out.getvalue())
    assert printed["document"]["pdf"]["pages"] == len(sample_forms())
    broken = write(tmp_path, b"%PDF-1.4\n%%EOF", "roto.txt")
    with pytest.raises(CommandError, match="Nothing was written. roto.txt: "):
        call_command("ingest", "poa", str(broken), stdout=StringIO())
    assert not SourceDocument.objects.exists()


def test_a_pdf_over_the_size_bound_is_refused_unread(catalog, tmp_path, monkeypatch):
    from ruta.ingest.loaders import document_file

    monkeypatch.setattr(document_file, "MAX_PDF_BYTES", 100)
    monkeypatch.setattr(document_file, "read_pdf", pytest.fail)
    path = write(tmp_path, render_pdf("hola"), "grande.pdf")
    with pytest.raises(
        DocumentError, match="grande.pdf: the file has .* a PDF may have at most 100"
    ):
        cecop_report_import(path=path, actor=TEST_ACTOR)
    assert not SourceDocument.objects.exists()


def test_a_pdf_finding_is_shown_in_the_page_language_with_its_page():
    from django.utils import translation

    from ruta.sources.display import finding_text
    from ruta.sources.findings import Finding

    ocr = Finding(
        code=OCR_CODE,
        message="page(s) 2, 3 have no text layer …",
        where="escaneo.pdf, page(s) 2, 3",
        values={"pages": "2, 3", "confidence": "91.6"},
    )
    paged = Finding(
        code="row_sources_mismatch",
        message="…",
        where="line 48 (tsam_by_subprogram, row 14), page 2",
    )
    with translation.override("es-mx"):
        shown = finding_text(ocr)
        assert shown.message.startswith("Las páginas 2, 3 no tienen capa de texto")
        assert "confianza media de las palabras 91.6 %" in shown.message
        assert shown.where == "escaneo.pdf, página(s) 2, 3"
        assert finding_text(paged).where == (
            "línea 48 (obras de TSAM por subprograma, renglón 14), página 2"
        )
    with translation.override("en"):
        assert finding_text(ocr).message.startswith("Pages 2, 3 have no text layer")
        assert finding_text(paged).where.endswith("row 14), page 2")
