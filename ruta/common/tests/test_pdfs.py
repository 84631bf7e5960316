"""A PDF carrying scripts, actions or files, or bytes after its end, is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from fpdf import FPDF

from ruta.common.files.pdfs import pdf_active_content
from ruta.common.files.uploads import file_accept, file_rule

pytestmark = pytest.mark.pure

WORK_DOCUMENTS = file_rule("works.WorkDocument.file")


def _document(*objects: bytes) -> bytes:
    """Return a PDF of ``objects`` (the catalogue first) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


PAGES = (
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
)


def _printed() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Acta de entrega de la obra")
    return bytes(pdf.output())


def test_a_printed_pdf_is_kept():
    assert pdf_active_content(_printed()) is None
    assert file_accept(WORK_DOCUMENTS, ContentFile(_printed(), name="acta.pdf"))


def test_a_plain_pdf_of_pages_is_kept():
    assert (
        pdf_active_content(_document(b"<< /Type /Catalog /Pages 2 0 R >>", *PAGES))
        is None
    )


def test_javascript_run_when_the_pdf_opens_is_refused():
    catalogue = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    action = b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"
    data = _document(catalogue, *PAGES, action)
    assert pdf_active_content(data) in {"JavaScript", "JS"}
    with pytest.raises(ValidationError) as refused:
        file_accept(WORK_DOCUMENTS, ContentFile(data, name="avance.pdf"))
    assert refused.value.code == "pdf_active_content"
    assert "«avance.pdf»: lleva contenido activo" in refused.value.messages[0]


def test_a_program_launched_from_a_link_is_refused():
    catalogue = b"<< /Type /Catalog /Pages 2 0 R >>"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [<< "
        b"/Type /Annot /Subtype /Link /Rect [0 0 9 9] "
        b"/A << /S /Launch /F (calc.exe) >> >>] >>"
    )
    assert pdf_active_content(_document(catalogue, PAGES[0], page)) == "Launch"


def test_an_attached_file_is_refused():
    catalogue = (
        b"<< /Type /Catalog /Pages 2 0 R "
        b"/Names << /EmbeddedFiles << /Names [(x.exe) 4 0 R] >> >> >>"
    )
    spec = b"<< /Type /Filespec /F (x.exe) >>"
    assert pdf_active_content(_document(catalogue, *PAGES, spec)) == "EmbeddedFiles"


def test_another_file_after_the_end_of_the_pdf_is_refused():
    data = _printed() + b"\nPK\x03\x04" + bytes(40)  # a zip behind the PDF
    assert pdf_active_content(data) == "trailing"
    with pytest.raises(ValidationError) as refused:
        file_accept(WORK_DOCUMENTS, ContentFile(data, name="avance.pdf"))
    assert "después del final del PDF" in refused.value.messages[0]


def test_a_pdf_too_broken_to_walk_is_searched_as_bytes():
    assert pdf_active_content(b"%PDF-1.4\n1 0 obj << /S /JavaScript >>") == "JavaScript"
    assert pdf_active_content(b"%PDF-1.4\n% documento\n%%EOF\n") is None
