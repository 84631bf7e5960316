"""A deterministic "scanner" that prints forms the way the Mexicali seed was.

The seed prints each form's page two to four times, every copy with its own
damage: cells lost or shifted, the header's labels printed apart from their
values, shifted one line or replaced by a label the form lacks, a line of
action repeated under successive codes, names misspelt, a goal printed
under another goal's number.
``Scanner(seed).scan(pages)`` does the same to rendered pages with a seeded
``random.Random``, so one seed always gives the same document.

A value (a goal's figures, number, description, unit or observation, a
header entry, a signature) is damaged in at most ``per_value`` copies of its
form (one by default), and never in all of them: the copies together still
print it, so a reader must either settle it or leave it for review with the
printed value among the candidates. Every damage is logged with its copy,
so a failing test says what was done.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ruta.demo.documents.misspellings import misspell
from ruta.demo.documents.tmm_f004 import (
    FIRST_QUARTER_CELL,
    GOAL_CELL,
    UNIT_CELL,
    HeaderLine,
    Page,
    render_document,
)


class Spent:
    """Which copies of a form damage each value, and how many copies may."""

    def __init__(self, limit: int = 1) -> None:
        self.limit = limit
        self.copy = 0
        self.copies: dict[str, set[int]] = {}

    def free(self, key: str) -> bool:
        """Tell whether this copy may damage value ``key``."""
        damaged = self.copies.get(key, set())
        return self.copy in damaged or len(damaged) < self.limit

    def add(self, key: str) -> None:
        """Note that this copy damages value ``key``."""
        self.copies.setdefault(key, set()).add(self.copy)


Edit = tuple[Page, str, str]  # the damaged page, what was damaged, how


@dataclass(frozen=True)
class Damage:
    """One damage done: the operation, the copy (from 1), what and how."""

    operation: str
    copy: int
    target: str
    detail: str
    page: int = 0  # the rendered page (form) the copy prints, from 1

    def __str__(self) -> str:
        return f"copy {self.copy}: {self.operation} {self.target} ({self.detail})"


@dataclass(frozen=True)
class Scan:
    """The scanned document: its pages in order and the damage done to them."""

    pages: tuple[Page, ...]
    damage: tuple[Damage, ...]

    def text(self) -> str:
        """Return the document's text."""
        return render_document(self.pages)

    def log(self) -> str:
        """Return the damage, one per line, for a failing test's message."""
        return "\n".join(str(damage) for damage in self.damage) or "no damage"


# ---------------------------------------------------------------- rows


def _percent_at(row: Sequence[str]) -> int:
    """Return the index of the row's relative cell ("101%")."""
    return next(i for i in range(FIRST_QUARTER_CELL, len(row)) if row[i].endswith("%"))


def _quarter_cells(row: Sequence[str]) -> tuple[int, int]:
    """Return the span of the quarter cells: from P1 to the absolute, excluded."""
    return FIRST_QUARTER_CELL, _percent_at(row) - 1


def _number(row: Sequence[str]) -> str:
    return row[GOAL_CELL].split(".-", 1)[0]


def _with_row(page: Page, index: int, row: Sequence[str]) -> Page:
    rows = list(page.rows)
    rows[index] = tuple(row)
    return replace(page, rows=tuple(rows))


def _pick_row(
    page: Page, rng: random.Random, spent: Spent, kind: str, fits: Callable
) -> tuple[int, str] | None:
    """Return a row (index and value key) whose ``kind`` is undamaged and fits.

    Rows are keyed by their place, never by the number they print: a copy
    may print a goal under another goal's number.
    """
    choices = [
        (i, f"row {i} {kind}")
        for i, row in enumerate(page.rows)
        if spent.free(f"row {i} {kind}") and fits(row)
    ]
    if not choices:
        return None
    index, key = rng.choice(choices)
    spent.add(key)
    return index, key


def _filled(row: Sequence[str]) -> list[int]:
    start, end = _quarter_cells(row)
    return [i for i in range(start, end) if row[i]]


def _blanks(row: Sequence[str]) -> list[int]:
    start, end = _quarter_cells(row)
    return [i for i in range(start, end) if not row[i]]


def lose_cell(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Lose one printed quarter cell: the cells after it move one column left.

    Half the time the row keeps its width with a blank before the absolute,
    half the time it is printed one cell short.
    """
    picked = _pick_row(page, rng, spent, "figures", _filled)
    if picked is None:
        return None
    index, key = picked
    row = list(page.rows[index])
    lost = rng.choice(_filled(row))
    value = row.pop(lost)
    padded = rng.random() < 0.5
    if padded:
        row.insert(_quarter_cells(row)[1], "")
    detail = f"cell {lost - FIRST_QUARTER_CELL + 1} ({value}) lost"
    detail += ", blank added before the absolute" if padded else ", row one cell short"
    return _with_row(page, index, row), key, detail


def shift_cells(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Move a blank quarter cell elsewhere: the cells between shift one column."""
    picked = _pick_row(page, rng, spent, "figures", lambda r: _blanks(r) and _filled(r))
    if picked is None:
        return None
    index, key = picked
    row = list(page.rows[index])
    blank = rng.choice(_blanks(row))
    to = rng.choice(_filled(row))
    row.insert(to, row.pop(blank))
    first = FIRST_QUARTER_CELL - 1
    detail = f"blank cell {blank - first} moved to cell {to - first}"
    return _with_row(page, index, row), key, detail


def repeat_goal_number(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Print a goal under the number of another goal of the same form.

    The other goal keeps printing its own number, so the copy prints that
    number twice or more, as the seed prints "504.-" for goals 501 and 502.
    A goal whose number another row borrowed keeps its own: numbers are
    repeated, never passed along a chain or traded.
    """
    printed = [_number(row) for row in page.rows]
    own = [i for i, number in enumerate(printed) if number == page.numbers[i]]
    borrowed = {n for i, n in enumerate(printed) if n != page.numbers[i]}
    free = [i for i in own if spent.free(f"row {i} number")]
    movable = [i for i in free if page.numbers[i] not in borrowed]
    if not movable or len(free) < 2:
        return None
    index = rng.choice(movable)
    other = rng.choice([i for i in free if i != index])
    spent.add(f"row {index} number")
    spent.add(f"row {other} number")
    row = list(page.rows[index])
    row[GOAL_CELL] = printed[other] + row[GOAL_CELL][len(printed[index]) :]
    detail = f"printed as {printed[other]}"
    return _with_row(page, index, row), f"row {index} number", detail


def reorder_columns(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Print the header's values before its labels, and reorder two columns.

    The labels go apart, after the values (bulleted); the table's absolute
    and relative headings swap places; the signatures come in another order.
    No value changes: the reader must place each by its code's shape.
    """
    if page.labels_apart:
        return None
    titles = list(page.heading[0])
    at = titles.index("AVANCE ABSOLUTO")
    titles[at], titles[at + 1] = titles[at + 1], titles[at]
    signatures = list(page.signatures)
    rng.shuffle(signatures)
    damaged = replace(
        page,
        labels_apart=True,
        heading=(tuple(titles), *page.heading[1:]),
        signatures=tuple(signatures),
    )
    return damaged, "columns", "labels printed apart; headings and signatures moved"


# ---------------------------------------------------------------- header

FOREIGN_LABEL = "OBJETIVO"  # a label some copies of the seed print; not the form's
RUN = (5, 9)  # how many times a repeated line of action is printed again


def _labelled_lines(page: Page) -> list[int]:
    return [i for i, line in enumerate(page.header) if line.label]


def shift_labels(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Lose one header label: each label after it prints one line early.

    As a copy of the seed prints "SUBFUNCION" beside the función, "EJE DE
    GOBIERNO" beside the subfunción and so on, its last labelled line
    printing no label. The values stay; the reader must place them by
    their codes' shape, or be outvoted by the other copies.
    """
    if page.labels_apart:
        return None
    labelled = _labelled_lines(page)
    choices = [
        k
        for k in range(len(labelled) - 1)
        if all(spent.free(f"header {i}") for i in labelled[k:])
    ]
    if not choices:
        return None
    k = rng.choice(choices)
    labels = [page.header[i].label for i in labelled]
    lost = labels.pop(k)
    labels.append("")
    header = list(page.header)
    for i, label in zip(labelled[k:], labels[k:], strict=True):
        header[i] = replace(header[i], label=label)
        spent.add(f"header {i}")
    damaged = replace(page, header=tuple(header))
    return damaged, f"header {labelled[k]}", f"label {lost} lost, the next ones shifted"


def foreign_label(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Print a header value under a label the form does not have ("OBJETIVO")."""
    if page.labels_apart:
        return None
    choices = [
        i
        for i in _labelled_lines(page)
        if spent.free(f"header {i}") and page.header[i].label != FOREIGN_LABEL
    ]
    if not choices:
        return None
    i = rng.choice(choices)
    spent.add(f"header {i}")
    header = list(page.header)
    old = header[i].label
    header[i] = replace(header[i], label=FOREIGN_LABEL)
    detail = f"label {old} printed {FOREIGN_LABEL}"
    return replace(page, header=tuple(header)), f"header {i}", detail


def repeat_line(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Print a line of action's name again and again under the next codes.

    The line itself is part of the run, so a reader that drops the run as
    a scan artifact loses it in this copy; the other copies print it.
    """
    choices = [
        i
        for i, line in enumerate(page.header)
        if "." in line.value.partition(" ")[0]
        and not line.repeats
        and spent.free(f"header {i}")
    ]
    if not choices:
        return None
    i = rng.choice(choices)
    spent.add(f"header {i}")
    header = list(page.header)
    header[i] = replace(header[i], repeats=rng.randint(*RUN))
    detail = f"printed {header[i].repeats} more times under the next codes"
    return replace(page, header=tuple(header)), f"header {i}", detail


# ---------------------------------------------------------------- names


def _names(page: Page) -> list[tuple[str, Callable[[Page, str], Page], str]]:
    """Return every name of the page: its key, how to replace it, its text."""
    found = []
    for i, line in enumerate(page.header):
        name = line.value.partition(" ")[2]
        found.append((f"header {i}", _header_setter(i), name))
    for i, (name, role) in enumerate(page.signatures):
        found.append((f"signature {role}", _signature_setter(i), name))
    for i, row in enumerate(page.rows):
        description = row[GOAL_CELL].partition(".- ")[2]
        found.append((f"row {i} description", _cell_setter(i, GOAL_CELL), description))
        found.append((f"row {i} unit", _cell_setter(i, UNIT_CELL), row[UNIT_CELL]))
        observation = _percent_at(row) + 1
        if observation < len(row) and row[observation]:
            setter = _cell_setter(i, observation)
            found.append((f"row {i} observation", setter, row[observation]))
    return found


def _header_setter(index: int) -> Callable[[Page, str], Page]:
    def set_name(page: Page, name: str) -> Page:
        lines = list(page.header)
        code = lines[index].value.partition(" ")[0]
        lines[index] = HeaderLine(lines[index].label, f"{code} {name}")
        return replace(page, header=tuple(lines))

    return set_name


def _signature_setter(index: int) -> Callable[[Page, str], Page]:
    def set_name(page: Page, name: str) -> Page:
        signatures = list(page.signatures)
        signatures[index] = (name, signatures[index][1])
        return replace(page, signatures=tuple(signatures))

    return set_name


def _cell_setter(index: int, cell: int) -> Callable[[Page, str], Page]:
    def set_text(page: Page, text: str) -> Page:
        row = list(page.rows[index])
        if cell == GOAL_CELL:
            text = f"{row[GOAL_CELL].partition('.- ')[0]}.- {text}"
        row[cell] = text
        return _with_row(page, index, row)

    return set_text


def misspell_name(page: Page, rng: random.Random, spent: Spent) -> Edit | None:
    """Misspell one name: a header entry, a signature, a goal's words."""
    names = [name for name in _names(page) if spent.free(name[0])]
    rng.shuffle(names)
    for key, setter, text in names:
        misspelt = misspell(text, rng)
        if misspelt != text:
            spent.add(key)
            return setter(page, misspelt), key, f"{text!r} printed {misspelt!r}"
    return None


# ---------------------------------------------------------------- scanning

Operation = Callable[[Page, random.Random, Spent], Edit | None]
OPERATIONS: dict[str, Operation] = {
    "lose_cell": lose_cell,
    "shift_cells": shift_cells,
    "reorder_columns": reorder_columns,
    "misspell_name": misspell_name,
    "repeat_goal_number": repeat_goal_number,
    "shift_labels": shift_labels,
    "foreign_label": foreign_label,
    "repeat_line": repeat_line,
}


class Scanner:
    """Print each page several times, each copy with up to ``damage`` edits.

    ``copies`` bounds how many times a page is printed (two or three unless
    told, the seed prints three or four); ``per_value`` how
    many of a form's copies may damage one value (never all of them);
    ``operations`` names the kinds of damage to draw from.
    """

    def __init__(
        self,
        seed: int,
        *,
        copies: tuple[int, int] = (2, 3),
        damage: int = 3,
        per_value: int = 1,
        operations: Sequence[str] = tuple(OPERATIONS),
    ) -> None:
        self.random = random.Random(seed)  # noqa: S311 - reproducible damage
        self.copies = copies
        self.damage = damage
        self.per_value = per_value
        self.operations = tuple(operations)

    def scan(self, pages: Sequence[Page]) -> Scan:
        """Return the scanned document: every page repeated, each copy damaged."""
        printed: list[Page] = []
        log: list[Damage] = []
        for number, page in enumerate(pages, start=1):
            copies = self.random.randint(*self.copies)
            spent = Spent(min(self.per_value, copies - 1))
            for _ in range(copies):
                spent.copy = len(printed) + 1
                copy, done = self._damaged(page, spent.copy, spent)
                printed.append(copy)
                log.extend(replace(damage, page=number) for damage in done)
        return Scan(tuple(printed), tuple(log))

    def _damaged(
        self, page: Page, copy: int, spent: Spent
    ) -> tuple[Page, list[Damage]]:
        done, original = [], page
        for _ in range(self.random.randint(0, self.damage)):
            name = self.random.choice(self.operations)
            edit = OPERATIONS[name](page, self.random, spent)
            if edit is not None:
                damaged, key, detail = edit
                done.append(Damage(name, copy, _described(key, original), detail))
                page = damaged
        return page, done


def _described(key: str, page: Page) -> str:
    """Return a value's key in words: "goal 101 figures", "header RAMO"."""
    kind, _, rest = key.partition(" ")
    if kind == "row":
        index, _, what = rest.partition(" ")
        return f"goal {page.numbers[int(index)]} {what}"
    if kind == "header":
        line = page.header[int(rest)]
        return f"header {line.label or line.value.partition(' ')[0]}"
    return key
