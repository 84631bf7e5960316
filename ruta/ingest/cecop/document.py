"""Lines and cells of a report extracted from PDF, with errors that name the place.

The extraction leaves tables as tab-separated lines and keeps some Markdown
(``**bold**``, ``\\$``); cells are read without those marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from ruta.common.text.folding import normalize_key
from ruta.common.text.money import parse_decimal
from ruta.ingest.cecop.model import Figure, Place, Unit
from ruta.sources.findings import DocumentError

T = TypeVar("T")


def clean_text(text: str) -> str:
    """Return ``text`` without Markdown emphasis and escapes, trimmed."""
    cleaned = text.replace("**", "").replace("\\", "").replace("\u00a0", " ")
    return " ".join(cleaned.split())


@dataclass(frozen=True)
class Document:
    """The report's lines, numbered from 1 as an editor shows them."""

    source: str
    lines: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str, source: str) -> Document:
        # Split on newlines only: a form feed from the PDF must not shift numbers.
        lines = (line.removesuffix("\r") for line in text.split("\n"))
        return cls(source=source, lines=tuple(lines))

    def numbers(self, start: int = 1) -> Iterator[int]:
        """Yield line numbers from ``start`` to the end."""
        yield from range(start, len(self.lines) + 1)

    def text(self, number: int) -> str:
        """Return line ``number`` cleaned; an empty string past the end."""
        if 1 <= number <= len(self.lines):
            return clean_text(self.lines[number - 1])
        return ""

    def is_table_line(self, number: int) -> bool:
        """Return whether line ``number`` holds tab-separated cells."""
        return 1 <= number <= len(self.lines) and "\t" in self.lines[number - 1]

    def cells(self, number: int) -> list[str]:
        """Return the cleaned cells of line ``number``."""
        if not 1 <= number <= len(self.lines):
            return []
        return [clean_text(cell) for cell in self.lines[number - 1].split("\t")]

    def key(self, number: int) -> str:
        """Return the first cell of line ``number`` normalised for matching."""
        cells = self.cells(number)
        return normalize_key(cells[0]) if cells else ""

    def find(self, predicate: Callable[[int], bool], start: int = 1) -> list[int]:
        """Return the numbers of the lines from ``start`` matching ``predicate``."""
        return [number for number in self.numbers(start) if predicate(number)]

    def next_filled(self, number: int) -> int:
        """Return the first non-blank line after ``number`` (or past the end)."""
        following = number + 1
        while following <= len(self.lines) and not self.text(following):
            following += 1
        return following

    def error(
        self, reason: str, place: Place | None = None, *, field: str = ""
    ) -> DocumentError:
        """Return a ``DocumentError`` naming this file and ``place``."""
        if place is None:
            return DocumentError(reason, file=self.source, field=field)
        return DocumentError(
            reason,
            file=self.source,
            table=place.table,
            row=place.row if place.row else "",
            field=field,
            line=place.line,
        )

    def read(
        self,
        parse: Callable[[str], T],
        cell: str,
        place: Place,
        field: str,
        row_label: str = "",
    ) -> T:
        """Return ``parse(cell)``; raise an error naming the cell when it fails."""
        try:
            return parse(cell)
        except ValueError as problem:
            where = f" in row {row_label!r}" if row_label else ""
            raise self.error(f"{problem}{where}", place, field=field) from problem


def figure(text: str) -> Figure | None:
    """Return an indicator figure ("90%", "1,076"); None for a blank cell."""
    if not text.strip():
        return None
    unit = Unit.PERCENT if text.strip().endswith("%") else Unit.NUMBER
    return Figure(value=parse_decimal(text), unit=unit, text=text.strip())
