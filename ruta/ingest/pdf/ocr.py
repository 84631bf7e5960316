"""Read a scanned page with Tesseract, in Spanish, keeping each word's confidence.

OCRmyPDF was the first choice, but the text layer it writes drops Tesseract's
per-word confidence, which the platform must keep beside every value read by
OCR; so the page's image (rendered by pdfplumber) goes to Tesseract through
pytesseract, whose word boxes feed the same line builder as a text layer.
Tesseract and its Spanish data are Debian's ``tesseract-ocr`` and
``tesseract-ocr-spa``.
"""

from __future__ import annotations

import math
import shutil
from dataclasses import dataclass
from functools import cache
from typing import Any

from PIL import Image, ImageDraw

from ruta.ingest.pdf.grid import GUTTER, Grid, Slice, erase_rules, find_grids, widened
from ruta.ingest.pdf.layout import Line, Word, words_to_lines

LANGUAGE = "spa"
# 300 dpi is what Tesseract is tuned for; lower loses accents and decimals.
RESOLUTION = 300
# The largest page image read (pixels): a tabloid page at 300 dpi is 15
# million; a larger page is read at a lower resolution, so a page declared
# huge cannot exhaust memory.
MAX_PIXELS = 40_000_000
# One page may take this long before it is given up (seconds).
PAGE_TIMEOUT = 120
# Page segmentation "one uniform block of text" keeps a form's rows as lines.
CONFIG = "--psm 6"
# Border strokes of a ruled table that Tesseract takes for characters.
_RULES = frozenset("|!¦[]_—-=")


@dataclass(frozen=True)
class OcrWords:
    """What Tesseract read on a page: table rows, other words, mean confidence."""

    words: tuple[Word, ...]
    rows: tuple[Line, ...]
    confidence: float | None


@cache
def ocr_available() -> str:
    """Return why OCR cannot run here, or "" when it can."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed (Debian: tesseract-ocr, tesseract-ocr-spa)"
    import pytesseract

    if LANGUAGE not in pytesseract.get_languages(config=""):
        return "Tesseract has no Spanish data (Debian: tesseract-ocr-spa)"
    return ""


def ocr_page(page: Any) -> OcrWords:
    """Return what a pdfplumber ``page`` prints, read from its image, in points.

    Ruled tables are found in the image first (``grid``), erased from the
    page and read apart, cell by cell, so each word lands in its column; the
    rest of the page goes to the line builder.
    """
    resolution = _resolution(page.width, page.height)
    image = page.to_image(resolution=resolution).original.convert("L")
    grids = find_grids(image)
    clean = erase_rules(image, grids)
    loose, confidences = _words(_tesseract(_without(clean, grids)))
    rows: list[Line] = []
    for grid in grids:
        table, slices = widened(clean, grid)
        words, found = _words(_tesseract(table))
        rows += _table_rows(grid, slices, words)
        confidences += found
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    scale = 72 / resolution
    return OcrWords(
        tuple(_scaled(word, scale) for word in loose),
        tuple(Line(r.text, r.top * scale, r.bottom * scale) for r in rows),
        mean,
    )


def _resolution(width: float, height: float) -> float:
    """Return the dpi to render a page at: ``RESOLUTION`` within ``MAX_PIXELS``."""
    square_inches = max(width * height / 72**2, 1e-6)
    return min(RESOLUTION, math.sqrt(MAX_PIXELS / square_inches))


def _tesseract(image: Image.Image) -> dict[str, list[Any]]:
    import pytesseract

    return pytesseract.image_to_data(
        image,
        lang=LANGUAGE,
        config=CONFIG,
        timeout=PAGE_TIMEOUT,
        output_type=pytesseract.Output.DICT,
    )


def _without(image: Image.Image, grids: list[Grid]) -> Image.Image:
    """Return the page with its tables painted white (they are read apart)."""
    page = image.copy()
    draw = ImageDraw.Draw(page)
    for grid in grids:
        box = (grid.edges[0], grid.bands[0].top, grid.edges[-1], grid.bands[-1].bottom)
        draw.rectangle(box, fill=255)
    return page


def _words(data: dict[str, list[Any]]) -> tuple[list[Word], list[float]]:
    """Return Tesseract's words (in pixels) and their confidences."""
    words: list[Word] = []
    confidences: list[float] = []
    for index, text in enumerate(data["text"]):
        confidence = float(data["conf"][index])
        text = text.strip()
        if confidence < 0 or not text or set(text) <= _RULES:
            continue
        left, top = data["left"][index], data["top"][index]
        right, bottom = left + data["width"][index], top + data["height"][index]
        words.append(Word(text, left, right, top, bottom))
        confidences.append(confidence)
    return words, confidences


def _table_rows(grid: Grid, slices: list[list[Slice]], words: list[Word]) -> list[Line]:
    """Return each band of a widened table as a line of its columns' cells."""
    top = grid.bands[0].top - GUTTER
    rows: list[Line] = []
    for band, cuts in zip(grid.bands, slices, strict=True):
        cells: list[list[Word]] = [[] for _ in grid.edges[1:]]
        for word in words:
            middle = (word.top + word.bottom) / 2 + top
            if band.top < middle < band.bottom:
                centre = (word.x0 + word.x1) / 2
                cut = min(cuts, key=lambda c: _distance(c, centre))
                cells[cut.column].append(word)
        rows.append(Line("\t".join(map(_cell_text, cells)), band.top, band.bottom))
    return rows


def _distance(cut: Slice, x: float) -> float:
    """Return how far ``x`` lies outside a cell (0 inside it)."""
    return max(cut.left - x, 0.0, x - cut.right)


def _cell_text(words: list[Word]) -> str:
    """Return a cell's words in reading order, on one line."""
    return " ".join(line.text.replace("\t", " ") for line in words_to_lines(words))


def _scaled(word: Word, scale: float) -> Word:
    """Return a word's box from image pixels to PDF points."""
    return Word(
        word.text,
        word.x0 * scale,
        word.x1 * scale,
        word.top * scale,
        word.bottom * scale,
    )
