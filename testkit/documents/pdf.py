"""Text documents rendered to PDF, as agencies publish them, for the PDF tests.

``render_pdf`` prints each line of an extracted text where a PDF would: a run
of tab-separated lines becomes a ruled table (one bordered cell per field,
every row with the run's columns), other lines are printed as they are and a
blank line leaves vertical space. Pages are cut at ``page_break`` markers
or every ``lines_per_page`` lines. ``rasterise`` turns a PDF into an
image-only one, as a scanner would. Core fonts print Latin-1 only, so
``latin1`` replaces the few other characters the seeds print.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from fpdf import FPDF

FONT_SIZE = 7
LINE_HEIGHT = 10
MARGIN = 24
# Characters outside Latin-1 that the seed documents print.
_REPLACEMENTS = str.maketrans({"–": "-", "—": "-", "•": "*", "“": '"', "”": '"'})


def latin1(text: str) -> str:
    """Return ``text`` printable in a core font (Latin-1)."""
    text = text.translate(_REPLACEMENTS)
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(
    text: str,
    *,
    page_break: str = "\f",
    lines_per_page: int = 80,
    wrap: float | None = None,
) -> bytes:
    """Return ``text`` printed as a PDF with a text layer.

    With ``wrap`` (points), a text line wider than that is printed as a
    justified paragraph wrapped to that width, as reports print prose.
    """
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN)
    pdf.set_font("Helvetica", size=FONT_SIZE)
    for page in _pages(latin1(text), page_break, lines_per_page):
        _page(pdf, page, wrap)
    return bytes(pdf.output())


def _pages(text: str, page_break: str, size: int) -> list[list[str]]:
    pages = []
    for part in text.split(page_break):
        lines = part.strip("\n").split("\n")
        pages += [lines[start : start + size] for start in range(0, len(lines), size)]
    return pages


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    """Return the page's lines grouped: runs of table rows, single text lines."""
    blocks: list[list[str]] = []
    for line in lines:
        if "\t" in line and blocks and "\t" in blocks[-1][0]:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _page(pdf: FPDF, lines: Sequence[str], wrap: float | None) -> None:
    blocks = _blocks(lines)
    widths = [_block_width(pdf, block) for block in blocks]
    if wrap is not None:
        widths = [
            width if "\t" in block[0] else min(width, wrap)
            for width, block in zip(widths, blocks, strict=True)
        ]
    printed = sum(_height(pdf, block, wrap) for block in blocks)
    pdf.add_page(
        format=(max(max(widths) + 2 * MARGIN, 300), max(printed + 2 * MARGIN, 300))
    )
    pdf.set_xy(MARGIN, MARGIN)
    for block in blocks:
        if "\t" in block[0]:
            _table(pdf, block)
        elif not block[0].strip():
            pdf.ln(LINE_HEIGHT)
        elif _wrapped(pdf, block, wrap):
            pdf.multi_cell(w=wrap, h=LINE_HEIGHT, text=block[0], align="J")
        else:
            pdf.cell(text=block[0], h=LINE_HEIGHT, new_x="LMARGIN", new_y="NEXT")


def _wrapped(pdf: FPDF, block: Sequence[str], wrap: float | None) -> bool:
    """Return whether a text line is too wide for ``wrap`` and must wrap."""
    if "\t" in block[0] or wrap is None:
        return False
    return pdf.get_string_width(block[0]) > wrap


def _height(pdf: FPDF, block: Sequence[str], wrap: float | None) -> float:
    """Return the height a block takes: its rows, or its wrapped lines."""
    if not _wrapped(pdf, block, wrap):
        return len(block) * LINE_HEIGHT
    # Enough for the wrapped lines (words do not fill a line exactly).
    lines = math.ceil(pdf.get_string_width(block[0]) / (0.8 * wrap)) + 1
    return lines * LINE_HEIGHT


def _columns(pdf: FPDF, block: Sequence[str]) -> list[float]:
    """Return each column's width: its widest cell and some padding."""
    rows = [line.split("\t") for line in block]
    count = max(len(row) for row in rows)
    widths = [8.0] * count
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], pdf.get_string_width(cell) + 8)
    return widths


def _block_width(pdf: FPDF, block: Sequence[str]) -> float:
    if "\t" in block[0]:
        return sum(_columns(pdf, block))
    return pdf.get_string_width(block[0])


def _table(pdf: FPDF, block: Sequence[str]) -> None:
    """Print a run of tab-separated lines as a table with bordered cells."""
    widths = _columns(pdf, block)
    for line in block:
        cells = line.split("\t")
        cells += [""] * (len(widths) - len(cells))
        pdf.set_x(MARGIN)
        for cell, width in zip(cells, widths, strict=True):
            pdf.cell(w=width, h=LINE_HEIGHT, text=cell, border=1)
        pdf.ln(LINE_HEIGHT)


def rasterise(data: bytes, *, resolution: int = 200) -> bytes:
    """Return the PDF ``data`` as images only: a scan with no text layer."""
    import pdfplumber

    images = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            images.append(page.to_image(resolution=resolution).original.convert("L"))
    out = io.BytesIO()
    images[0].save(
        out,
        format="PDF",
        save_all=True,
        append_images=images[1:],
        resolution=resolution,
    )
    return out.getvalue()
