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

from PIL import Image, ImageDraw, ImageOps

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
# A cell with a word read with less confidence than this is read again alone,
# as one line of text ("--psm 7").
DOUBTFUL = 50
CELL_CONFIG = "--psm 7"
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
        read, found = _read_table(clean, grid)
        rows += read
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


def _tesseract(image: Image.Image, config: str = CONFIG) -> dict[str, list[Any]]:
    import pytesseract

    return pytesseract.image_to_data(
        image,
        lang=LANGUAGE,
        config=config,
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


def _read_table(clean: Image.Image, grid: Grid) -> tuple[list[Line], list[float]]:
    """Return a table's bands as lines of cells, and its words' confidences.

    The table is read at once, widened; a cell holding a word read with
    little confidence is read again alone, as one line of text, and the
    surer reading is kept (a lone "4" read as "á" at 35 comes back as "4").
    """
    table, slices = widened(clean, grid)
    cells = _by_cell(grid, slices, *_words(_tesseract(table)))
    offset = grid.bands[0].top - GUTTER
    rows: list[Line] = []
    kept: list[float] = []
    for index, band in enumerate(grid.bands):
        texts = [""] * (len(grid.edges) - 1)
        for number, cut in enumerate(slices[index]):
            read = cells.get((index, number), [])
            if read and min(confidence for _, confidence in read) < DOUBTFUL:
                box = (cut.left, band.top - offset, cut.right, band.bottom - offset)
                read = _surer(read, table.crop(box))
            texts[cut.column] = _cell_text([word for word, _ in read])
            kept += [confidence for _, confidence in read]
        rows.append(Line("\t".join(texts), band.top, band.bottom))
    return rows, kept


Reading = list[tuple[Word, float]]


def _by_cell(
    grid: Grid, slices: list[list[Slice]], words: list[Word], confidences: list[float]
) -> dict[tuple[int, int], Reading]:
    """Return the words of a widened table by (band, cell), with confidences."""
    offset = grid.bands[0].top - GUTTER
    cells: dict[tuple[int, int], Reading] = {}
    for word, confidence in zip(words, confidences, strict=True):
        middle = (word.top + word.bottom) / 2 + offset
        band = next(
            (i for i, b in enumerate(grid.bands) if b.top < middle < b.bottom), None
        )
        if band is None:
            continue
        centre = (word.x0 + word.x1) / 2
        cuts = slices[band]
        number = min(range(len(cuts)), key=lambda k: _distance(cuts[k], centre))
        cells.setdefault((band, number), []).append((word, confidence))
    return cells


def _surer(read: Reading, cell: Image.Image) -> Reading:
    """Return the cell read again alone if that reading is surer than ``read``."""
    padded = ImageOps.expand(cell, border=GUTTER // 2, fill=255)
    words, confidences = _words(_tesseract(padded, config=CELL_CONFIG))
    if not words:
        return read
    before = sum(confidence for _, confidence in read) / len(read)
    if sum(confidences) / len(confidences) <= before:
        return read
    return list(zip(words, confidences, strict=True))


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
