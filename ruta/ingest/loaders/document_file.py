"""Read a document file for a loader: extracted text, or a PDF as published.

A file that starts with ``%PDF-`` (whatever its name) is read by
``ruta.ingest.pdf`` into the text the readers take; its ``SourceFile`` keeps
the SHA-256 of the PDF's bytes, so the published file is what anyone can
check. Any other file is extracted text, read as before. For a PDF the
loader also gets the pages: findings and refusals that name a line say the
page too, and pages read by OCR become a finding (their values must be
verified: OCR never makes a value verified on its own).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruta.ingest.pdf import MAX_PDF_BYTES, PdfText, is_pdf, read_pdf
from ruta.sources.findings import (
    DocumentError,
    Finding,
    Say,
    Values,
    finding_kind,
    sentence,
)
from ruta.sources.services import SourceFile, file_bytes_read, source_file_read

OCR_CODE = "read_by_ocr"
_LINE = re.compile(r"\blines? (\d+)\b")


@dataclass(frozen=True)
class DocumentFile:
    """A document's text and, when it came as a PDF, its pages."""

    source: SourceFile
    pdf: PdfText | None = None

    def page_of(self, line: int | None) -> int | None:
        """Return the PDF page that printed text line ``line``, if a PDF."""
        if self.pdf is None or not line:
            return None
        return self.pdf.page_of_line(line)


def document_file_read(path: Path) -> DocumentFile:
    """Return the file at ``path`` read as text or, if a PDF, through its pages."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(b"%PDF-"))
        if not is_pdf(head):
            return DocumentFile(source_file_read(path))
    except OSError as problem:
        raise DocumentError(
            f"cannot read the file: {problem.strerror}", file=str(path)
        ) from problem
    data = file_bytes_read(path, most=MAX_PDF_BYTES, what="a PDF")
    pdf = read_pdf(data, name=path.name)
    source = SourceFile(
        name=path.name, sha256=hashlib.sha256(data).hexdigest(), text=pdf.text()
    )
    return DocumentFile(source, pdf)


@contextmanager
def pages_named(document: DocumentFile) -> Iterator[None]:
    """Re-raise a reader's ``DocumentError`` naming the PDF page of its line."""
    try:
        yield
    except DocumentError as error:
        page = document.page_of(error.line)
        if page is None:
            raise
        raise DocumentError(
            f"{error.reason} (page {page} of the PDF)",
            file=error.file,
            table=error.table,
            row=error.row,
            field=error.field,
            line=error.line,
        ) from error


def with_pages(
    findings: Iterable[Finding], document: DocumentFile
) -> tuple[Finding, ...]:
    """Return ``findings`` with each place's PDF page after it, if a PDF.

    "line 48 (tsam_by_subprogram, row 14)" becomes "line 48
    (tsam_by_subprogram, row 14), page 2": the page of the place's first line.
    """
    if document.pdf is None:
        return tuple(findings)

    def paged(place: str) -> str:
        match = _LINE.search(place)
        page = document.page_of(int(match[1])) if match else None
        return f"{place}, page {page}" if page else place

    return tuple(
        replace(finding, where="; ".join(map(paged, finding.where.split("; "))))
        for finding in findings
    )


@finding_kind(OCR_CODE)
def read_by_ocr(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Las páginas %(pages)s no tienen capa de texto y se leyeron por OCR "
            "(Tesseract, confianza media de las palabras %(confidence)s %%): sus "
            "valores deben verificarse contra el documento publicado."
        )
    ) % {"pages": values["pages"], "confidence": values["confidence"]}


def ocr_findings(document: DocumentFile) -> tuple[Finding, ...]:
    """Return the finding that names the pages read by OCR and their confidence."""
    pages = document.pdf.ocr_pages if document.pdf else ()
    if not pages:
        return ()
    numbers = ", ".join(str(page.number) for page in pages)
    confidences = [page.ocr_confidence or 0.0 for page in pages]
    mean = round(sum(confidences) / len(confidences), 1)
    return (
        read_by_ocr.found(
            where=f"{document.source.name}, page(s) {numbers}",
            values={
                "pages": numbers,
                "confidence": mean,
                "by_page": "; ".join(
                    f"{page.number}: {page.ocr_confidence}" for page in pages
                ),
            },
        ),
    )


def pdf_summary(document: DocumentFile) -> dict[str, Any]:
    """Return what the document's summary keeps about the PDF it came as."""
    if document.pdf is None:
        return {}
    return {
        "pdf": {
            "pages": len(document.pdf.pages),
            "ocr_pages": [
                {"page": page.number, "confidence": page.ocr_confidence}
                for page in document.pdf.ocr_pages
            ],
        }
    }


def ocr_lines(document: DocumentFile) -> dict[int, tuple[int, float]]:
    """Return each text line printed by an OCR'd page: its page and confidence."""
    if document.pdf is None:
        return {}
    lines: dict[int, tuple[int, float]] = {}
    for page, first in document.pdf.first_lines():
        if page.ocr_confidence is not None:
            for line in range(first, first + len(page.lines)):
                lines[line] = (page.number, page.ocr_confidence)
    return lines
