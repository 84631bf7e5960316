"""Read a published PDF into the text the CECOP and POA readers take.

Each page is read from its text layer with pdfplumber (ruled tables by their
cells, other words by position); a page with no text layer but an image is
a scan and is read by OCR, and carries the mean confidence of its words so
the loader can say which values must be verified. Bounds on the size and the
pages are checked before any page is read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruta.ingest.pdf.layout import Line, Word, page_text_lines, table_lines
from ruta.ingest.pdf.layout import words_to_lines as _words_to_lines
from ruta.ingest.pdf.ocr import ocr_available, ocr_page
from ruta.sources.findings import DocumentError

MAGIC = b"%PDF-"
# The published reports and form bundles run to a few hundred pages and a few
# megabytes; beyond these a file is a mistake or an attack, refused unread.
MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_PAGES = 500
# Ruled tables only: the cell borders say where the columns are.
_TABLES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass(frozen=True)
class PageText:
    """One page's lines; ``ocr_confidence`` (0-100) when it was read by OCR."""

    number: int
    lines: tuple[str, ...]
    ocr_confidence: float | None = None

    @property
    def by_ocr(self) -> bool:
        """Return whether the page's text came from OCR, not a text layer."""
        return self.ocr_confidence is not None


@dataclass(frozen=True)
class PdfText:
    """A PDF's pages as text; lines are numbered through the whole document."""

    pages: tuple[PageText, ...]

    def text(self) -> str:
        """Return the document's text, a blank line between pages.

        A table that runs over a page break (the page ends on a row and the
        next starts with a row of as many cells) stays one table: no blank
        line is put between its rows, as readers take a table's rows as
        consecutive lines.
        """
        lines: list[str] = []
        for page, first in self.first_lines():
            lines += [""] * (first - 1 - len(lines))  # the blank between pages
            lines.extend(page.lines)
        return "\n".join(lines) + "\n"

    def first_lines(self) -> list[tuple[PageText, int]]:
        """Return each page with the number of its first line in ``text()``."""
        numbered: list[tuple[PageText, int]] = []
        count = 0
        last = ""
        for page in self.pages:
            if count and not _continues(last, page):
                count += 1  # the blank line between pages
            numbered.append((page, count + 1))
            count += len(page.lines)
            last = page.lines[-1] if page.lines else last
        return numbered

    def page_of_line(self, line: int) -> int | None:
        """Return the page that printed line ``line`` of ``text()`` (from 1)."""
        for page, first in reversed(self.first_lines()):
            if first <= line <= first + len(page.lines):
                return page.number
        return None

    @property
    def ocr_pages(self) -> tuple[PageText, ...]:
        """Return the pages read by OCR."""
        return tuple(page for page in self.pages if page.by_ocr)


def _continues(last: str, page: PageText) -> bool:
    """Return whether ``page`` starts with a row of the table ``last`` ends."""
    if not page.lines or "\t" not in last:
        return False
    return page.lines[0].count("\t") == last.count("\t")


def is_pdf(head: bytes) -> bool:
    """Return whether bytes start like a PDF file (its magic, not its name)."""
    return head.startswith(MAGIC)


def read_pdf(data: bytes, *, name: str) -> PdfText:
    """Return the text of the PDF ``data``; raise ``DocumentError`` naming why."""
    if len(data) > MAX_PDF_BYTES:
        raise DocumentError(
            f"the PDF has {len(data):,} bytes; at most {MAX_PDF_BYTES:,} are read",
            file=name,
        )
    with _open(data, name) as pdf:
        _check_pages(pdf, name)
        pages = tuple(_read_closed(page, name) for page in pdf.pages)
    if not any(page.lines for page in pages):
        raise DocumentError(
            f"none of its {len(pages)} pages has text: no text layer, and OCR "
            "found no words (blank or unrecognisable pages)",
            file=name,
        )
    return PdfText(pages)


def _open(data: bytes, name: str) -> Any:
    """Return the opened PDF, refusing a broken or an encrypted one."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as problem:  # pdfminer raises many kinds on broken files
        raise _unopened(_cause(problem), name) from problem
    if pdf.doc.encryption is not None:
        pdf.close()
        raise DocumentError(
            "the PDF is encrypted; publish it unencrypted so anyone can read it",
            file=name,
        )
    return pdf


def _cause(problem: Exception) -> Exception:
    """Return pdfminer's own error, which pdfplumber wraps in its own."""
    inner = problem.args[0] if problem.args else None
    return inner if isinstance(inner, Exception) else problem


def _unopened(problem: Exception, name: str) -> DocumentError:
    """Return the refusal of a PDF that cannot be opened, saying why."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(problem, PDFPasswordIncorrect | PDFEncryptionError):
        return DocumentError(
            "the PDF is encrypted with a password; publish it unencrypted",
            file=name,
        )
    detail = f"{type(problem).__name__}: {problem}"
    return DocumentError(
        f"starts as a PDF but is not a valid one ({detail[:200]})", file=name
    )


def _check_pages(pdf: Any, name: str) -> None:
    """Refuse a PDF with no page, or more than ``MAX_PAGES``, before reading."""
    try:
        count = len(pdf.pages)
    except Exception as problem:  # a broken page tree fails here, not at open
        raise DocumentError(
            f"starts as a PDF but its pages cannot be read ({type(problem).__name__})",
            file=name,
        ) from problem
    if count == 0:
        raise DocumentError("the PDF has no pages", file=name)
    if count > MAX_PAGES:
        raise DocumentError(
            f"the PDF has {count:,} pages; at most {MAX_PAGES:,} are read",
            file=name,
        )


def _read_closed(page: Any, name: str) -> PageText:
    """Read a page and free what pdfplumber cached of it (memory stays flat)."""
    try:
        return _read_page(page, name)
    finally:
        page.close()


def _read_page(page: Any, name: str) -> PageText:
    """Return one page's lines: its text layer, or OCR when it is a scan."""
    number = page.page_number
    try:
        if page.chars:
            return PageText(number, tuple(page_text_lines(_layer_lines(page))))
        if not page.images:
            return PageText(number, ())  # a blank page: nothing printed
    except DocumentError:
        raise
    except Exception as problem:  # a page's content stream may be broken
        raise DocumentError(
            f"page {number} cannot be read ({type(problem).__name__})", file=name
        ) from problem
    return _ocr(page, number, name)


def _ocr(page: Any, number: int, name: str) -> PageText:
    """Return a scanned page read by OCR, with its mean word confidence."""
    missing = ocr_available()
    if missing:
        raise DocumentError(
            f"page {number} is a scan (no text layer) and cannot be read: {missing}",
            file=name,
        )
    read = ocr_page(page)
    lines = page_text_lines([*read.rows, *_words_to_lines(read.words)])
    return PageText(number, tuple(lines), read.confidence if lines else None)


def _layer_lines(page: Any) -> list[Line]:
    """Return the page's ruled tables as rows and its other words as lines."""
    tables = page.find_tables(_TABLES)
    lines: list[Line] = []
    for table in tables:
        tops = [(row.bbox[1], row.bbox[3]) for row in table.rows]
        lines += table_lines(table.extract(), tops)
    outside = page
    for table in tables:
        # Not strict: a table drawn past the page's edge is still cut out.
        outside = outside.outside_bbox(table.bbox, strict=False)
    words = [
        Word(word["text"], word["x0"], word["x1"], word["top"], word["bottom"])
        for word in outside.extract_words(keep_blank_chars=False, use_text_flow=False)
    ]
    return lines + _words_to_lines(words)
