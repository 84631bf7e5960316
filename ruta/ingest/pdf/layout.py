"""Turn positioned words and table cells into the lines the text readers take.

A PDF has no lines or tabs: it places glyphs. The readers of ``ruta.ingest``
take text as an extraction gives it, one printed line per line and a table
row's cells joined by tabs. Ruled tables come from pdfplumber's table finder
(a merged cell keeps its column as an empty cell, as extractions print it);
other words are grouped by their vertical position, and a gap much wider
than a space between two words on a line (an unruled table's columns, or
cells read by OCR) becomes a tab. A paragraph the page wrapped is joined
back into one line (``unwrapped``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A gap between two words wider than this many times the words' height is a
# column boundary: a space is about a third of the height, a column gutter
# is several heights wide.
COLUMN_GAP = 1.2
# Two printed items further apart than this many line heights have a blank
# line between them, as extractions print paragraphs and blocks.
BLANK_GAP = 0.8
# A line starting like this starts a list item, never continues a paragraph.
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–]|\d[\d.]*[.)]?|[IVXLC]+\.|[a-z]\))\s")


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
    x0: float = 0.0
    x1: float = 0.0

    @property
    def is_prose(self) -> bool:
        """Return whether the line is running text, not a table row."""
        return "\t" not in self.text and self.x1 > self.x0


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
        row[0].x0,
        max(word.x1 for word in row),
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
    ordered = unwrapped(sorted(lines, key=lambda line: line.top))
    text: list[str] = []
    for before, line in zip([None, *ordered], ordered, strict=False):
        if before is not None:
            height = before.bottom - before.top
            if line.top - before.bottom > BLANK_GAP * max(height, 1.0):
                text.append("")
        text.append(line.text)
    return text


def unwrapped(lines: Sequence[Line]) -> list[Line]:
    """Return the lines with paragraphs the page wrapped joined back into one.

    The readers take a paragraph as one line (a figure and the words that
    name it must stay together). A line continues the one above when it
    follows right below, from the same left edge, no further right than
    that one reaches, that one does not end a sentence, both are running
    text in mixed case, and it does not start a list item. Headings and a
    form's labelled lines are upper case and are never joined.
    """
    joined: list[Line] = []
    for line in lines:
        before = joined[-1] if joined else None
        if before is not None and _continues(before, line):
            joined[-1] = Line(
                f"{before.text} {line.text}",
                before.top,
                line.bottom,
                before.x0,
                line.x1,  # where the paragraph's last line ends
            )
        else:
            joined.append(line)
    return joined


def _continues(before: Line, line: Line) -> bool:
    """Return whether ``line`` is the wrapped rest of the paragraph ``before``."""
    if not (before.is_prose and line.is_prose):
        return False
    height = line.bottom - line.top
    # A wrapped line reaches the paragraph's right edge, which its rest
    # does not pass; a short line above a longer one ended by itself.
    if before.x1 + height < line.x1 or abs(before.x0 - line.x0) > 2 * height:
        return False
    if line.top - before.bottom >= BLANK_GAP * height:
        return False
    if before.text.rstrip().endswith((".", ":")) or _LIST_ITEM.match(line.text):
        return False
    return _mixed_case(before.text) and _mixed_case(line.text)


def _mixed_case(text: str) -> bool:
    """Return whether ``text`` is running text (it has lower-case letters)."""
    return any(character.islower() for character in text)
