"""Uploads are recognised by their bytes and stored under names nobody chose."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from openpyxl import Workbook
from PIL import Image

from ruta.common.files.contents import JPEG, PDF
from ruta.common.files.uploads import (
    CSV,
    XLSX,
    RandomName,
    file_accept,
    file_recognise,
    file_rule,
)

DOCUMENTS = file_rule("grants.ApplicationDocument.file")
CFDI = file_rule("grants.Cfdi.xml")
WORKS_LIST = file_rule("ingest.works_list")
PDF_BYTES = b"%PDF-1.4\n% documento\n%%EOF\n"
EVIL_HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
EVIL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.domain)</script></svg>"
)


def _refused(rule, content: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        file_accept(rule, ContentFile(content, name=name))
    return refused.value


def _png() -> bytes:
    output = BytesIO()
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "Telefono de la presidenta"  # Make: personal, to be dropped
    image.save(output, format="PNG", exif=exif)
    return output.getvalue()


def test_an_html_page_is_refused_as_a_grant_document_with_a_spanish_reason():
    error = _refused(DOCUMENTS, EVIL_HTML, "evil.html")
    assert error.code == "file_markup"
    assert error.messages == [
        "«evil.html» es HTML, SVG u otro marcado que un navegador podría "
        "ejecutar: no se acepta. Aquí se aceptan archivos PDF, JPEG, PNG o WebP."
    ]


def test_an_svg_image_is_refused_as_a_grant_document():
    assert _refused(DOCUMENTS, EVIL_SVG, "evil.svg").code == "file_markup"


def test_html_behind_a_pdf_signature_is_refused():
    error = _refused(DOCUMENTS, b"%PDF-1.4\n" + EVIL_HTML, "evil.html")
    assert error.code == "file_hidden_code"
    assert "evil.html" in error.messages[0]


def test_an_svg_behind_a_jpeg_signature_does_not_decode_and_is_refused():
    error = _refused(DOCUMENTS, b"\xff\xd8\xff\xe0" + EVIL_SVG, "evil.svg")
    assert error.code == "photo_unreadable"
    assert error.messages[0].startswith("«evil.svg»: ")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"#!/bin/sh\nrm -rf /\n", "file_program"),
        (b"MZ\x90\x00\x03", "file_program"),
        (b"PK\x03\x04 not really a workbook", "file_type"),
        (b"", "file_empty"),
    ],
)
def test_scripts_programs_and_other_files_are_refused(content, code):
    assert _refused(DOCUMENTS, content, "requisito.pdf").code == code


def test_a_file_over_the_limit_is_refused_naming_the_limit():
    error = _refused(file_rule("grants.Cfdi.xml"), b"<?xml" + b" " * 3_000_000, "f.xml")
    assert error.code == "file_too_large"
    assert "el máximo es 2 MB" in error.messages[0]


def test_a_pdf_is_kept_as_sent_under_a_name_that_says_pdf():
    accepted = file_accept(DOCUMENTS, ContentFile(PDF_BYTES, name="acta.html"))
    assert (accepted.content, accepted.kind) == (PDF_BYTES, PDF)
    assert accepted.display_name == "acta.pdf"
    assert accepted.stored_name == "archivo.pdf"


def test_a_photo_is_re_encoded_as_a_jpeg_without_its_exif():
    accepted = file_accept(DOCUMENTS, ContentFile(_png(), name="domicilio.png"))
    assert accepted.kind == JPEG
    assert accepted.display_name == "domicilio.jpg"
    image = Image.open(BytesIO(accepted.content))
    assert image.format == "JPEG"
    assert not image.getexif()


def test_a_cfdi_field_takes_xml_and_refuses_an_svg():
    xml = b'<?xml version="1.0"?><cfdi:Comprobante xmlns:cfdi="x"/>'
    assert file_accept(CFDI, ContentFile(xml, name="f.xml")).content == xml
    assert _refused(CFDI, EVIL_SVG, "factura.xml").code == "file_markup"


def test_a_works_list_is_an_xlsx_or_a_csv_by_its_bytes():
    book = BytesIO()
    Workbook().save(book)
    assert file_recognise(WORKS_LIST, BytesIO(book.getvalue()), name="a.csv") == XLSX
    text = "CLAVE,NOMBRE\n1,Pavimentación\n".encode("cp1252")
    assert file_recognise(WORKS_LIST, BytesIO(text), name="a.xlsx") == CSV


def test_an_html_page_is_no_works_list():
    with pytest.raises(ValidationError) as refused:
        file_recognise(WORKS_LIST, BytesIO(EVIL_HTML), name="obras.csv")
    assert refused.value.code == "file_markup"


def test_stored_names_are_random_and_keep_only_a_known_extension():
    name = RandomName("grants/documents")
    first, second = name(None, "archivo.pdf"), name(None, "archivo.pdf")
    assert first != second
    assert re.fullmatch(r"grants/documents/\d{4}/[0-9a-f]{32}\.pdf", first)
    assert name(None, "evil.html").endswith(".bin")
    assert name(None, "evil.svg").endswith(".bin")
