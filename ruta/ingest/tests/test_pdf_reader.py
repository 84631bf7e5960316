"""The PDF reader on PDFs the tests print themselves, from the fixture texts.

A document printed to PDF (``testkit.documents.pdf``) must read back to the
records its text gives, to the peso; a rasterised page (a scan) is read by
OCR, with its confidence; a broken, encrypted, blank or oversized PDF is
refused naming the file and why.
"""

import io
from dataclasses import replace
from functools import cache

import pdfplumber
import pytest
from fpdf import FPDF

from ruta.demo.documents.cecop_report import render_report
from ruta.demo.documents.cecop_samples import sample_report
from ruta.demo.documents.poa_samples import direccion, sample_forms
from ruta.demo.documents.tmm_f004 import PAGE_BREAK, render
from ruta.ingest.cecop import check_report, parse_report
from ruta.ingest.cecop.rows import report_rows
from ruta.ingest.pdf import PdfText, is_pdf, read_pdf
from ruta.ingest.pdf import reader as pdf_reader
from ruta.ingest.poa import read_copies, reconcile_copies
from ruta.sources.findings import DocumentError
from ruta.sources.records import RowRecord
from testkit.documents.pdf import latin1, rasterise, render_pdf
from testkit.ocr import require_ocr
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_path

NAME = "informe.pdf"
# Prose wrapped to this width (points), as a report's page prints it.
WRAP = 500


def records(text: str) -> list[RowRecord]:
    """Return the report's rows as published, without their line numbers.

    Blank lines between blocks differ between a text and its PDF, so the
    lines a row cites do; what it prints does not.
    """
    rows = report_rows(parse_report(text, source_name=NAME))
    return [
        replace(
            row,
            line=0,
            values={k: v for k, v in row.values.items() if not k.endswith("_line")},
        )
        for row in rows
    ]


def checked(text: str) -> tuple[list[str], int]:
    """Return the codes of the report's findings and its unread sentences."""
    report = parse_report(text, source_name=NAME)
    codes = sorted(finding.code for finding in check_report(report))
    return codes, len(report.unread_sentences)


def filled(text: str) -> list[str]:
    """Return the text's printed lines, without indentation or blank lines."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def goals(text: str) -> dict[str, list[tuple]]:
    """Return each form's goals: number, target, quarters, absolute, percent."""
    forms = reconcile_copies(read_copies(text, source_name=NAME))
    return {
        form.executing_unit.code.value: [
            (
                goal.number.value,
                goal.annual_target.value,
                [(q.programmed.value, q.achieved.value) for q in goal.quarters],
                goal.absolute.value,
                goal.relative_pct.value,
            )
            for goal in form.goals
        ]
        for form in forms
    }


def test_a_pdf_is_recognised_by_its_magic_not_its_name():
    assert is_pdf(render_pdf("hola"))
    assert not is_pdf(b"GOBIERNO DE SONORA\n%PDF-")


def test_the_rendered_report_reads_back_line_for_line():
    text = latin1(render_report(sample_report()))
    read = read_pdf(render_pdf(text), name=NAME)
    assert filled(read.text()) == filled(text)
    assert not read.ocr_pages


def test_the_report_as_pdf_gives_the_same_records_as_its_text():
    text = latin1(render_report(sample_report()))
    from_pdf = records(read_pdf(render_pdf(text), name=NAME).text())
    assert from_pdf == records(text)
    total = next(row for row in from_pdf if row.table_id == "tsam_by_subprogram")
    assert total.values["total"] == "19934628.64"
    totals = {row.table_id: row.values for row in from_pdf if row.is_total}
    assert totals["tsam_by_subprogram"]["cecop"] == "144686398.45"
    assert totals["gse_by_subprogram"]["cecop"] == "144096967.18"


def test_wrapped_paragraphs_are_read_back_as_one_line_each():
    text = latin1(render_report(sample_report()))
    data = render_pdf(text, wrap=WRAP)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        printed = pdf.pages[0].extract_text().split("\n")
    read = read_pdf(data, name=NAME)
    assert len(printed) > len(filled("\n".join(read.pages[0].lines)))  # wrapped
    assert filled(read.text()) == filled(text)
    assert checked(read.text()) == checked(text)


def test_the_forms_as_pdf_give_the_same_goals_as_their_text():
    text = render(sample_forms())
    read = read_pdf(render_pdf(text, page_break=PAGE_BREAK), name=NAME)
    assert len(read.pages) == len(sample_forms())
    from_pdf = goals(read.text())
    assert from_pdf == goals(text)
    assert from_pdf["54201"][0][:2] == (300, 1751)


def test_a_line_is_placed_on_its_page():
    text = render(sample_forms())
    read = read_pdf(render_pdf(text, page_break=PAGE_BREAK), name=NAME)
    lines = read.text().split("\n")
    unit = sample_forms()[1].unit.code
    second_form = [n for n, line in enumerate(lines, 1) if unit in line][0]
    assert read.page_of_line(1) == 1
    assert read.page_of_line(second_form) == 2
    assert read.page_of_line(len(lines) + 5) is None


def test_a_blank_page_between_printed_ones_is_skipped():
    read = read_pdf(render_pdf("UNO\f\fDOS"), name=NAME)
    assert filled(read.text()) == ["UNO", "DOS"]
    assert read.page_of_line(read.text().split("\n").index("DOS") + 1) == 3


def test_a_table_over_a_page_break_stays_one_table():
    rows = [f"FILA {n}\t{n},000.00" for n in range(1, 7)]
    read = read_pdf(render_pdf("\n".join(rows), lines_per_page=4), name=NAME)
    assert len(read.pages) == 2
    assert read.text().split("\n")[:6] == rows
    assert read.page_of_line(5) == 2


# ---------------------------------------------------------------- OCR


@cache
def scanned_form() -> PdfText:
    text = render([direccion()])
    return read_pdf(rasterise(render_pdf(text, page_break=PAGE_BREAK)), name=NAME)


def test_a_scanned_page_is_read_by_ocr_with_its_confidence():
    require_ocr()
    read = scanned_form()
    (page,) = read.ocr_pages
    assert page.number == 1
    assert 50 < page.ocr_confidence <= 100
    text = read.text()
    for printed in ("TMM-F004", "FECHA: OCTUBRE-DICIEMBRE 2023", "54101 DIRECCIÓN"):
        assert printed in text


def test_a_scanned_form_reads_its_header_and_goals():
    require_ocr()
    form = reconcile_copies(read_copies(scanned_form().text(), source_name=NAME))[0]
    assert (form.ramo.code.value, form.program.code.value) == ("54", "511")
    assert form.executing_unit.code.value == "54101"
    assert form.period.value.quarter == 4
    read = {goal.number.value: goal for goal in form.goals}
    assert read[100].annual_target.value == 4
    assert read[100].absolute.value == 4
    # Every goal's figures, as the text gives them.
    assert goals(scanned_form().text()) == goals(render([direccion()]))


def test_a_scan_without_tesseract_is_refused_naming_its_page(monkeypatch):
    scan = rasterise(render_pdf("ESCANEADO"))
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: "Tesseract is missing")
    with pytest.raises(
        DocumentError, match=r"page 1 is a scan .* Tesseract is missing"
    ):
        read_pdf(scan, name=NAME)


# ---------------------------------------------------------------- bad input


def encrypted() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="dueño", user_password="lector")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="secreto")
    return bytes(pdf.output())


def blank() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_page()
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(
            lambda: b"%PDF-1.7\nnot a pdf at all", "not a valid one", id="broken"
        ),
        pytest.param(
            lambda: render_pdf("hola")[:300],
            "not a valid one|cannot be",
            id="truncated",
        ),
        pytest.param(encrypted, "encrypted", id="encrypted"),
        pytest.param(blank, "none of its 2 pages has text", id="blank"),
    ],
)
def test_a_bad_pdf_is_refused_naming_the_file_and_why(data, reason):
    with pytest.raises(DocumentError, match=reason) as caught:
        read_pdf(data(), name=NAME)
    assert str(caught.value).startswith(f"{NAME}: ")


def test_too_many_pages_are_refused_before_any_is_read(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    monkeypatch.setattr(pdf_reader, "_read_page", pytest.fail)
    with pytest.raises(DocumentError, match="has 3 pages; at most 2"):
        read_pdf(render_pdf("A\fB\fC"), name=NAME)


def test_too_large_a_pdf_is_refused_unread(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PDF_BYTES", 100)
    with pytest.raises(DocumentError, match="at most 100 are read"):
        read_pdf(render_pdf("hola"), name=NAME)


# ---------------------------------------------------------------- the seed


def test_the_published_report_as_pdf_gives_the_same_records_as_its_text(
    cecop_document,
):
    # The original, or its demonstration: contradictions and long paragraphs.
    text = latin1(cecop_document.text)
    read = read_pdf(render_pdf(text, wrap=WRAP), name=NAME)
    from_pdf = records(read.text())
    assert from_pdf == records(text)
    totals = {row.table_id: row.values for row in from_pdf if row.is_total}
    assert totals["tsam_by_subprogram"]["cecop"] == "144686398.45"
    assert checked(read.text()) == checked(text)


def test_the_seed_forms_as_pdf_give_the_same_goals_as_their_text():
    text = latin1(seed_path(MEXICALI_POA_2023_Q4).read_text(encoding="utf-8"))
    from_pdf = goals(read_pdf(render_pdf(text), name=NAME).text())
    assert from_pdf == goals(text)
    assert sum(len(read) for read in from_pdf.values()) == 45


def test_a_huge_page_is_read_by_ocr_at_a_bounded_size():
    from ruta.ingest.pdf.ocr import MAX_PIXELS, RESOLUTION, _resolution

    assert _resolution(612, 792) == RESOLUTION  # a letter page, as tuned
    width = height = 14_400  # the largest page a PDF may declare
    dpi = _resolution(width, height)
    assert (width / 72 * dpi) * (height / 72 * dpi) <= MAX_PIXELS * 1.001
