"""The numbered places of a rules document, each with the lines that print it.

The Reglas de Operación number their sections ("3.", "3.7.2"), number the
items of a list inside them ("8. Firmar el convenio …"), letter some parts
("A) …", "B) …"), name a list by the paragraph that opens it ("Son motivos
de cancelación definitiva …") and print tables as tab-separated cells. A
place is named as the platform's rules name it: "3.7.2-8" (item 8 of
§3.7.2), "5 A" and "5 A.1" (part A of §5 and its item 1), "5 cancelación
10", "5 tabla 2" (row 2 of §5's table, cell by cell).

The text is extracted from a printed document: a page break leaves a blank
line inside a sentence and repeats a table's header, and a table's row may
go on after it. A line starting with a lower-case letter goes on with the
line before it; a table row whose first cell is not numbered goes on with
the row before it, cell by cell.

A line "N. …" is a top-level section when N follows the current section
and does not follow the list being read ("6. Controversias" after item 10
of §5's list); otherwise it is an item of that list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruta.common.text.folding import fold

_DOTTED = re.compile(r"(\d+(?:\.\d+)+)\.?\s+(\S.*)")
_NUMBERED = re.compile(r"(\d{1,2})\.\s+(\S.*)")
_LETTERED = re.compile(r"([A-Z])\)\s+(\S.*)")
_LOWER_ITEM = re.compile(r"[a-z]{1,4}[).]\s")
_TAG = re.compile(r"<[^<>]*>")
# The paragraph that opens §5's list of the causes that end a support.
CANCELLATION_LIST = "cancelación"
_CANCELLATION_CUE = "cancelacion definitiva"


def clean(text: str) -> str:
    """Return ``text`` without HTML tags, bold marks and repeated spaces."""
    return " ".join(_TAG.sub("", text).replace("**", "").split())


def folded(text: str) -> str:
    """Return ``text`` folded character by character: the same length, same places."""
    return "".join(fold(char)[:1] or char for char in text)


@dataclass
class Passage:
    """A paragraph, an item or a table cell: its pieces, each on its line."""

    pieces: list[tuple[int, str]] = field(default_factory=list)

    @property
    def line(self) -> int:
        """Return the line the passage starts on."""
        return self.pieces[0][0]

    def add(self, line: int, text: str) -> None:
        if text:
            self.pieces.append((line, text))

    def text(self) -> str:
        """Return the pieces joined by spaces."""
        return " ".join(text for _, text in self.pieces)

    def line_at(self, offset: int) -> int:
        """Return the line that prints character ``offset`` of ``text()``."""
        end = 0
        for line, text in self.pieces:
            end += len(text) + 1
            if offset < end:
                return line
        return self.pieces[-1][0]


@dataclass
class Layout:
    """The places of a document: the title, each section, item, part and cell."""

    title: Passage | None = None
    headings: dict[str, int] = field(default_factory=dict)
    texts: dict[str, list[Passage]] = field(default_factory=dict)
    cells: dict[str, dict[str, Passage]] = field(default_factory=dict)
    first_line: int = 0

    def place_line(self, place: str) -> int | None:
        """Return the first line of ``place``; None when the text has no such place."""
        if place in self.texts:
            return self.texts[place][0].line
        if place in self.cells:
            return min(passage.line for passage in self.cells[place].values())
        return None


@dataclass
class _Table:
    section: str
    header: list[str]
    row: str = ""


@dataclass
class _Reading:
    """Where the reading stands: the section, its lettered part or list, the items."""

    layout: Layout
    top: int | None = None
    section: str = ""
    part: str = ""  # "A", "B" … or the named list
    last_item: int = 0
    table: _Table | None = None
    letters: dict[str, str] = field(default_factory=dict)
    last: Passage | None = None

    def place(self) -> str:
        """Return the place of a paragraph read now."""
        if self.part and self.part != CANCELLATION_LIST:
            return f"{self.section} {self.part}"
        return self.section

    def item_place(self, number: int) -> str:
        if self.part == CANCELLATION_LIST:
            return f"{self.section} {CANCELLATION_LIST} {number}"
        if self.part:
            return f"{self.section} {self.part}.{number}"
        return f"{self.section}-{number}"

    def keep(self, place: str, line: int, text: str) -> None:
        passage = Passage()
        passage.add(line, clean(text))
        self.layout.texts.setdefault(place, []).append(passage)
        self.last = passage

    def open_section(self, section: str, line: int) -> None:
        self.section, self.part, self.last_item = section, "", 0
        self.top = int(section.split(".")[0])
        self.layout.headings.setdefault(section, line)


def layout_read(text: str) -> Layout:
    """Return the places ``text`` prints, in order."""
    reading = _Reading(Layout())
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        if not reading.layout.first_line:
            reading.layout.first_line = number
        if "\t" in raw:
            _row(reading, number, raw)
            continue
        reading.table = None
        _line(reading, number, raw.strip())
    return reading.layout


def _line(reading: _Reading, number: int, line: str) -> None:
    """Read one line that is not a table row."""
    bare = clean(line)
    if _continues(bare) and reading.last is not None:
        reading.last.add(number, bare)
        return
    if _is_title(reading, bare):
        reading.layout.title = Passage([(number, bare)])
        reading.last = reading.layout.title
        return
    if (dotted := _DOTTED.fullmatch(bare)) and _in_section(reading, dotted[1]):
        reading.open_section(dotted[1], number)
        reading.keep(dotted[1], number, dotted[2])
        return
    if (numbered := _NUMBERED.fullmatch(bare)) is not None:
        _numbered(reading, number, int(numbered[1]), numbered[2], bare)
        return
    if (lettered := _LETTERED.fullmatch(bare)) is not None:
        _lettered(reading, number, lettered[1], bare)
        return
    if _CANCELLATION_CUE in folded(bare):
        reading.part, reading.last_item = CANCELLATION_LIST, 0
    reading.keep(reading.place(), number, bare)


def _is_title(reading: _Reading, text: str) -> bool:
    """Return whether ``text`` is the title ("REGLAS DE OPERACIÓN …", before §2)."""
    untitled = reading.layout.title is None and not reading.section
    return untitled and folded(text).startswith("reglas de operacion")


def _continues(text: str) -> bool:
    """Return whether a line goes on with the one before (a page broke a sentence)."""
    return bool(text) and text[0].islower() and not _LOWER_ITEM.match(text)


def _in_section(reading: _Reading, dotted: str) -> bool:
    return reading.top is None or dotted.split(".")[0] == str(reading.top)


def _numbered(reading: _Reading, line: int, number: int, rest: str, bare: str) -> None:
    """Read "N. …": a top-level section or an item of the list being read."""
    if reading.top is None:
        opens = reading.last_item == 0  # nothing numbered yet: the first section
    else:
        opens = number == reading.top + 1 and number != reading.last_item + 1
    if opens:
        reading.open_section(str(number), line)
        reading.keep(str(number), line, rest)
        return
    reading.last_item = number
    reading.keep(reading.item_place(number), line, bare)


def _lettered(reading: _Reading, line: int, letter: str, bare: str) -> None:
    """Read "A) …": a lettered part of the section it follows on from.

    "B) Montos" after §3.6.1–3.6.5 is part B of §3.6, whose part A came
    before them: a letter belongs to the nearest section whose last part is
    the letter before it.
    """
    owner = reading.section
    if letter != "A":
        wanted, section = chr(ord(letter) - 1), reading.section
        while section and reading.letters.get(section) != wanted:
            section = section.rpartition(".")[0]
        owner = section or reading.section
    reading.section, reading.part, reading.last_item = owner, letter, 0
    reading.letters[owner] = letter
    reading.keep(reading.place(), line, bare)


def _row(reading: _Reading, number: int, raw: str) -> None:
    """Read a table row: a header, a numbered row, a header again or a row going on."""
    cells = [clean(cell) for cell in raw.split("\t")]
    keys = [column_key(cell) for cell in cells]
    table = reading.table
    if table is None:
        reading.table = _Table(reading.section, keys)
        return
    if keys == table.header:
        return  # the header printed again after a page break
    numbered = _NUMBERED.fullmatch(cells[0])
    if numbered is not None:
        table.row = f"{table.section} tabla {int(numbered[1])}"
        reading.layout.cells[table.row] = {}
    if not table.row:
        return
    row = reading.layout.cells[table.row]
    for key, cell in zip(table.header, cells, strict=False):
        if cell:
            row.setdefault(key, Passage()).add(number, cell)


def column_key(header: str) -> str:
    """Return a column's key: its header folded ("Plazo (días naturales)")."""
    return folded(clean(header))
