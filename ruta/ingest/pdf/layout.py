"""Turn positioned words and table cells into the lines the text readers take.

A PDF has no lines or tabs: it places glyphs. The readers of ``ruta.ingest``
take text as an extraction gives it, one printed line per line and a table
row's cells joined by tabs. Ruled tables come from pdfplumber's table finder
(a merged cell keeps its column as an empty cell, as extractions print it);
other words are grouped by their vertical position, and a gap much wider
than a space between two words on a line (an unruled table's columns, or
cells read by OCR) becomes a tab.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A gap between two words wider than this many times the words' height is a
# column boundary: a space is about a third of the height, a column gutter
# is several heights wide.
COLUMN_GAP = 1.2
# Two printed items further apart than this many line heights have a blank
# line between them, as extractions print paragraphs and blocks.
BLANK_GAP = 0.8


@dataclass(frozen=True)
class Word:
    """A word (or a whole table cell's text) where the page prints it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        """Return the word's height, a stand-in for its font size."""
        return max(self.bottom - self.top, 1.0)


@dataclass(frozen=True)
class Line:
    """One printed line: its text (cells joined by tabs) and its place."""

    text: str
    top: float
    bottom: float


def words_to_lines(words: Iterable[Word]) -> list[Line]:
    """Return ``words`` grouped into lines, top to bottom, left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda item: (item.top, item.x0)):
        if rows and _same_line(rows[-1], word):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [_joined(row) for row in rows]


def _same_line(row: Sequence[Word], word: Word) -> bool:
    """Return whether ``word`` sits on the line ``row`` started (centres close)."""
    first = row[0]
    centre = (word.top + word.bottom) / 2
    return first.top - 1 <= centre <= first.bottom + 1


def _joined(row: list[Word]) -> Line:
    """Join a line's words with a space, or a tab across a column gap."""
    row.sort(key=lambda word: word.x0)
    parts = [row[0].text]
    for before, word in zip(row, row[1:], strict=False):
        gap = word.x0 - before.x1
        limit = COLUMN_GAP * min(before.height, word.height)
        parts.append("\t" if gap > limit else " ")
        parts.append(word.text)
    return Line(
        "".join(parts),
        min(word.top for word in row),
        max(word.bottom for word in row),
    )


def table_lines(
    rows: Sequence[Sequence[str | None]], tops: Sequence[tuple[float, float]]
) -> list[Line]:
    """Return a ruled table's rows as lines of tab-separated cells.

    A cell's own line breaks become spaces (a cell is one field); a column a
    merged cell covers is an empty cell, so every row keeps the table's
    columns.
    """
    return [
        Line("\t".join(" ".join((cell or "").split()) for cell in row), top, bottom)
        for row, (top, bottom) in zip(rows, tops, strict=True)
    ]


def page_text_lines(lines: Iterable[Line]) -> list[str]:
    """Return a page's lines in reading order with the blank lines between blocks."""
    ordered = sorted(lines, key=lambda line: line.top)
    text: list[str] = []
    for before, line in zip([None, *ordered], ordered, strict=False):
        if before is not None:
            height = before.bottom - before.top
            if line.top - before.bottom > BLANK_GAP * max(height, 1.0):
                text.append("")
        text.append(line.text)
    return text
