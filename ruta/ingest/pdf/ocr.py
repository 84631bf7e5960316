"""Read a scanned page with Tesseract, in Spanish, keeping each word's confidence.

OCRmyPDF was the first choice, but the text layer it writes drops Tesseract's
per-word confidence, which the platform must keep beside every value read by
OCR; so the page's image (rendered by pdfplumber) goes to Tesseract through
pytesseract, whose word boxes feed the same line builder as a text layer.
Tesseract and its Spanish data are Debian's ``tesseract-ocr`` and
``tesseract-ocr-spa``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any

from ruta.ingest.pdf.layout import Word

LANGUAGE = "spa"
# 300 dpi is what Tesseract is tuned for; lower loses accents and decimals.
RESOLUTION = 300
# One page may take this long before it is given up (seconds).
PAGE_TIMEOUT = 120
# Page segmentation "one uniform block of text" keeps a form's rows as lines.
CONFIG = "--psm 6"
# Border strokes of a ruled table that Tesseract takes for characters.
_RULES = frozenset("|!¦[]_—-=")


@dataclass(frozen=True)
class OcrWords:
    """The words Tesseract read on a page and their mean confidence (0-100)."""

    words: tuple[Word, ...]
    confidence: float | None


def ocr_available() -> str:
    """Return why OCR cannot run here, or "" when it can."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed (Debian: tesseract-ocr, tesseract-ocr-spa)"
    import pytesseract

    if LANGUAGE not in pytesseract.get_languages(config=""):
        return "Tesseract has no Spanish data (Debian: tesseract-ocr-spa)"
    return ""


def ocr_page(page: Any) -> OcrWords:
    """Return the words of a pdfplumber ``page`` read from its image, in points."""
    import pytesseract

    image = page.to_image(resolution=RESOLUTION).original
    data = pytesseract.image_to_data(
        image,
        lang=LANGUAGE,
        config=CONFIG,
        timeout=PAGE_TIMEOUT,
        output_type=pytesseract.Output.DICT,
    )
    scale = 72 / RESOLUTION
    words: list[Word] = []
    confidences: list[float] = []
    for index, text in enumerate(data["text"]):
        confidence = float(data["conf"][index])
        text = text.strip()
        if confidence < 0 or not text or set(text) <= _RULES:
            continue
        left, top = data["left"][index] * scale, data["top"][index] * scale
        width, height = data["width"][index] * scale, data["height"][index] * scale
        words.append(Word(text, left, left + width, top, top + height))
        confidences.append(confidence)
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrWords(tuple(words), mean)
