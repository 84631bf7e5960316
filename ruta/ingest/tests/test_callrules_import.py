"""Loading a programme's rules of operation: the document, a row per figure,
the findings where it differs from the platform; idempotent; refusals."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from ruta.catalog.models import FiscalYear
from ruta.demo.documents.call_rules import SEED_FACTS, render_rules
from ruta.demo.documents.demonstration import (
    DEMONSTRATIONS,
    PESO_POR_PESO_RULES_2021,
)
from ruta.grants.rules.figures import ENFORCED
from ruta.ingest.forms import DocumentUploadForm
from ruta.ingest.importers import IMPORTERS
from ruta.sources.findings import DocumentError
from ruta.sources.models import (
    DocumentFinding,
    DocumentKind,
    PublishedRow,
    SourceDocument,
)
from testkit.actors import TEST_ACTOR
from testkit.documents.pdf import render_pdf
from testkit.factories.catalog import AgencyFactory
from testkit.world import constraints_settled

IMPORTER = IMPORTERS["call-rules"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """DIF Sonora and the year 2021 in the catalog, the rules as files."""
    folder = tmp_path_factory.mktemp("reglas")
    (rules,) = [d for d in DEMONSTRATIONS if d.seed == PESO_POR_PESO_RULES_2021]
    demonstration = folder / rules.file_name
    demonstration.write_text(rules.text(), encoding="utf-8")
    changed = folder / "reglas-con-otro-tope.txt"
    changed.write_text(
        render_rules(replace(SEED_FACTS, administrative_cap=35)), encoding="utf-8"
    )
    with django_db_blocker.unblock(), transaction.atomic():
        dif = AgencyFactory(
            code="sonora-dif",
            name="Sistema para el Desarrollo Integral de la Familia del Estado de "
            "Sonora",
            acronym="DIF Sonora",
        )
        FiscalYear.objects.create(year=2021)
        constraints_settled()
        yield SimpleNamespace(dif=dif, demonstration=demonstration, changed=changed)
        transaction.set_rollback(True)


def counts() -> tuple[int, int, int]:
    return (
        SourceDocument.objects.count(),
        PublishedRow.objects.count(),
        DocumentFinding.objects.count(),
    )


def test_the_rules_are_kept_with_a_row_per_figure_at_its_section_and_line(world, db):
    result = IMPORTER.load(path=world.demonstration, actor=TEST_ACTOR)
    document = SourceDocument.objects.get()
    assert (result.status.value, document.kind) == ("imported", DocumentKind.CALL_RULES)
    assert (document.agency, document.fiscal_year_id) == (world.dif, 2021)
    rows = list(PublishedRow.objects.filter(document=document, table_id="rule_figures"))
    assert {(r.values["section"], r.values["figure"]) for r in rows} == {
        figure.key for figure in ENFORCED
    }
    lines = world.demonstration.read_text(encoding="utf-8").splitlines()
    for row in rows:
        assert row.values["printed"] in lines[row.line - 1]
    (agreement,) = [r for r in rows if r.values["section"] == "3.7.2-8"]
    assert agreement.label == "§3.7.2-8: 15 días naturales"
    assert not DocumentFinding.objects.exists()


def test_importing_the_same_rules_again_adds_nothing(world, db):
    IMPORTER.load(path=world.demonstration, actor=TEST_ACTOR)
    before = counts()
    again = IMPORTER.load(path=world.demonstration, actor=TEST_ACTOR)
    assert again.status.value == "already-imported"
    assert again.document == SourceDocument.objects.get()
    assert counts() == before


def test_rules_that_differ_from_the_platform_are_kept_with_the_finding(world, db):
    IMPORTER.load(path=world.changed, actor=TEST_ACTOR)
    (finding,) = DocumentFinding.objects.all()
    assert finding.code == "rule_figure_differs"
    assert finding.values["section"] == "3.4.1-2"
    assert (finding.values["printed"], finding.values["platform"]) == ("35", "30")
    assert finding.where.startswith(f"{world.changed.name}, section '§3.4.1-2', line ")


def test_the_rules_as_a_pdf_give_the_same_figures_and_keep_the_pdfs_hash(
    world, db, tmp_path
):
    text = world.demonstration.read_text(encoding="utf-8")
    data = render_pdf(text, wrap=500)
    pdf = tmp_path / "reglas.pdf"
    pdf.write_bytes(data)
    IMPORTER.load(path=pdf, actor=TEST_ACTOR)
    IMPORTER.load(path=world.demonstration, actor=TEST_ACTOR)
    from_pdf, from_text = (
        {
            (r.values["section"], r.values["figure"], r.values["value"])
            for r in PublishedRow.objects.filter(document__name=name)
        }
        for name in ("reglas.pdf", world.demonstration.name)
    )
    assert from_pdf == from_text
    document = SourceDocument.objects.get(name="reglas.pdf")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.summary["pdf"]["pages"] >= 1


def test_a_dry_run_reads_and_checks_the_rules_and_writes_nothing(world, db):
    out = io.StringIO()
    call_command(
        "ingest", "call-rules", str(world.changed), "--dry-run", "--json", stdout=out
    )
    printed = json.loads(out.getvalue())
    assert counts() == (0, 0, 0)
    text = json.dumps(printed, ensure_ascii=False)
    assert "rule_figure_differs" in text
    assert '"3.7.2-8"' in text


def test_a_file_that_is_not_rules_writes_nothing(world, db, tmp_path):
    report = tmp_path / "informe.txt"
    report.write_text(
        "INFORME ANUAL DE RESULTADOS 2024\n\n1. Obras\n", encoding="utf-8"
    )
    with pytest.raises(DocumentError) as refused:
        IMPORTER.load(path=report, actor=TEST_ACTOR)
    assert (refused.value.file, refused.value.line) == ("informe.txt", 1)
    assert counts() == (0, 0, 0)


def test_rules_naming_a_body_the_catalog_lacks_are_kept_without_an_agency(
    world, db, tmp_path
):
    text = world.demonstration.read_text(encoding="utf-8")
    other = tmp_path / "reglas-otro-estado.txt"
    other.write_text(text.replace("Sistema DIF Sonora", "Sistema DIF Sinaloa"), "utf-8")
    IMPORTER.load(path=other, actor=TEST_ACTOR)
    document = SourceDocument.objects.get()
    assert document.agency is None
    (finding,) = DocumentFinding.objects.all()
    assert (finding.code, finding.severity) == ("normative_body_not_in_catalog", "info")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("reglas.txt", "REGLAS DE OPERACIÓN DEL PROGRAMA\n".encode()),
        ("reglas.pdf", b"%PDF-1.4\n% reglas\n"),
    ],
)
def test_staff_may_upload_the_rules_as_text_or_pdf_on_the_import_page(name, content):
    form = DocumentUploadForm(
        data={"kind": "call-rules"},
        files={"file": SimpleUploadedFile(name, content)},
    )
    assert form.is_valid(), form.errors


def test_a_spreadsheet_is_not_taken_for_rules_of_operation():
    form = DocumentUploadForm(
        data={"kind": "call-rules"},
        files={"file": SimpleUploadedFile("reglas.xlsx", b"PK\x03\x04rest")},
    )
    assert not form.is_valid()
    assert "file" in form.errors


def test_the_demonstration_file_is_the_one_the_registry_names():
    (rules,) = [d for d in DEMONSTRATIONS if d.seed == PESO_POR_PESO_RULES_2021]
    assert rules.importer == IMPORTER.name
    assert Path(rules.file_name).suffix == ".txt"
