"""Find a scanned page's ruled tables in its image, as pdfplumber does on vectors.

A scan has no drawn lines to find, only dark pixels. A pixel row that is
dark across much of the page is a horizontal rule; between two consecutive
horizontal rules (a band), a pixel column dark over the whole band is a
vertical rule. Consecutive bands with vertical rules are one table; the
union of its vertical rules gives its columns, and a band that lacks one of
them has a merged cell there, read as an empty cell, as the text layer's
tables are. The rules are then painted white so Tesseract reads the cells'
words without taking borders for letters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from PIL import Image, ImageDraw

# A horizontal rule darkens at least this share of its pixel row; a text line,
# even a dense one, darkens far less.
ROW_DARK = 0.35
# A vertical rule darkens nearly all of its band's height; text never does.
COLUMN_DARK = 0.85
# Rules closer than this (pixels) are one rule, drawn thick or scanned blurred.
MERGE = 4
# White space put between two cells of a table before OCR (pixels).
GUTTER = 40


@dataclass(frozen=True)
class Band:
    """One table row in the image: its top and bottom rules, its vertical rules."""

    top: int
    bottom: int
    verticals: tuple[int, ...]


@dataclass(frozen=True)
class Grid:
    """A ruled table: its rows (bands) and its columns' edges (pixels)."""

    bands: tuple[Band, ...]
    edges: tuple[int, ...]


def find_grids(image: Image.Image) -> list[Grid]:
    """Return the ruled tables of a page image, top to bottom."""
    gray = image.convert("L")
    rules = _runs(_dark_rows(gray))
    grids: list[list[Band]] = [[]]
    for top, bottom in zip(rules, rules[1:], strict=False):
        verticals = _verticals(gray, top, bottom)
        if len(verticals) >= 2:
            grids[-1].append(Band(top, bottom, verticals))
        elif grids[-1]:
            grids.append([])
    return [_grid(bands) for bands in grids if bands]


def erase_rules(image: Image.Image, grids: Sequence[Grid]) -> Image.Image:
    """Return a copy of ``image`` with the tables' rules painted white."""
    clean = image.convert("L")
    draw = ImageDraw.Draw(clean)
    half = MERGE // 2 + 1
    for grid in grids:
        left, right = grid.edges[0] - half, grid.edges[-1] + half
        for band in grid.bands:
            for y in (band.top, band.bottom):
                draw.rectangle((left, y - half, right, y + half), fill=255)
            for x in band.verticals:
                draw.rectangle((x - half, band.top, x + half, band.bottom), fill=255)
    return clean


def _dark_rows(gray: Image.Image) -> list[int]:
    """Return the pixel rows dark enough across the page to be rules."""
    column = gray.resize((1, gray.height), Image.Resampling.BOX)
    means = cast("list[float]", list(column.get_flattened_data()))  # one band: gray
    return [y for y, mean in enumerate(means) if mean < 255 * (1 - ROW_DARK)]


def _verticals(gray: Image.Image, top: int, bottom: int) -> tuple[int, ...]:
    """Return the vertical rules of the band between two horizontal rules."""
    inner_top, inner_bottom = top + MERGE, bottom - MERGE
    if inner_bottom - inner_top < 3:
        return ()
    band = gray.crop((0, inner_top, gray.width, inner_bottom))
    row = band.resize((band.width, 1), Image.Resampling.BOX)
    means = cast("list[float]", list(row.get_flattened_data()))  # one band: gray
    dark = [x for x, mean in enumerate(means) if mean < 255 * (1 - COLUMN_DARK)]
    return tuple(_runs(dark))


def _runs(positions: Sequence[int]) -> list[int]:
    """Return the middle of each run of close positions (one per rule)."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and position - runs[-1][-1] <= MERGE:
            runs[-1].append(position)
        else:
            runs.append([position])
    return [(run[0] + run[-1]) // 2 for run in runs]


def _grid(bands: list[Band]) -> Grid:
    """Return a table with the union of its bands' vertical rules as columns."""
    edges = _runs(sorted({x for band in bands for x in band.verticals}))
    return Grid(tuple(bands), tuple(edges))


@dataclass(frozen=True)
class Slice:
    """One cell of a band in the widened image: where it went, which column."""

    left: int
    right: int
    column: int


def widened(image: Image.Image, grid: Grid) -> tuple[Image.Image, list[list[Slice]]]:
    """Return the table's image with a white gutter between every two cells.

    Erased rules leave narrow cells ("1", "4") so close that Tesseract joins
    them into one word ("14"); a gutter wider than a word space keeps each
    cell's words apart. Each band keeps its height and its own cells (a
    merged cell stays whole); ``Slice`` maps every cell back to its column.
    """
    top, bottom = grid.bands[0].top, grid.bands[-1].bottom
    width = grid.edges[-1] - grid.edges[0] + GUTTER * len(grid.edges) + GUTTER
    out = Image.new("L", (width, bottom - top + 2 * GUTTER), 255)
    slices: list[list[Slice]] = []
    for band in grid.bands:
        bounds = sorted({grid.edges[0], *band.verticals, grid.edges[-1]})
        row: list[Slice] = []
        for index, (left, right) in enumerate(zip(bounds, bounds[1:], strict=False)):
            x = left - grid.edges[0] + GUTTER * (index + 1)
            cell = image.crop((left, band.top, right, band.bottom))
            out.paste(cell, (x, band.top - top + GUTTER))
            row.append(Slice(x, x + right - left, _column(grid, left)))
        slices.append(row)
    return out, slices


def _column(grid: Grid, left: int) -> int:
    """Return the column whose left edge is nearest ``left``."""
    return min(range(len(grid.edges) - 1), key=lambda i: abs(grid.edges[i] - left))
