"""Published PDFs read into the text the document readers take (pure).

``read_pdf`` returns each page's lines (text layer by position, scans by OCR
with their confidence); ``is_pdf`` recognises a PDF by its magic bytes.
"""

from ruta.ingest.pdf.reader import (
    MAX_PAGES,
    MAX_PDF_BYTES,
    PageText,
    PdfText,
    is_pdf,
    read_pdf,
)

__all__ = ["MAX_PAGES", "MAX_PDF_BYTES", "PageText", "PdfText", "is_pdf", "read_pdf"]
