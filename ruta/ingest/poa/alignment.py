"""Finding which readings of a goal's quarter cells the copies support.

Copies lose cells, shift them, repeat them and misread them, so a copy's
cells are taken as an ordered list, not as fixed columns. Candidates are
every placement of a copy's printed cells in the eight quarter slots (P1, A1
… P4, A4), allowing a few cells to be surplus, plus each copy's columns with
the lost achieved cell restored from Σ achieved = absolute.

A candidate *fits* when the form's arithmetic holds: the achieved quarters
accumulate to an absolute a copy prints, absolute ÷ target rounds to a
relative a copy prints, and the programmed quarters accumulate to the annual
target whenever a copy's own columns show that they do. Quarters accumulate
by adding up; only when no reading fits that way are the other kinds of
``ruta.programs.rules.Accumulation`` tried (a goal restating 1 each quarter
with an absolute of 1), so the form's own figures settle the kind. Each
fitting candidate is scored by the scan errors it must
assume in every copy (an edit distance: a lost cell or shifted blank costs 1,
an invented or misread figure 2). The readings kept are those no other
near-best reading beats on every count: errors, Σ programmed = target, and
quarters achieving with nothing programmed. One kept reading is forced; more
than one is left for review.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from ruta.ingest.poa.model import QUARTER_SLOTS, Source
from ruta.programs.rules import (
    ACCUMULATIONS,
    Accumulation,
    accumulate,
    relative_percent,
)

Cells = tuple[int | None, ...]  # P1, A1, P2, A2, P3, A3, P4, A4; None = blank
SPARE_DROPS = 1  # cells a copy may carry beyond its layout's surplus cells
LOST, MISREAD = 1, 2  # edit costs: a lost cell or shifted blank; a wrong figure
MARGIN = 2  # readings this close to the best count as near-best
DECISIVE = 2  # fewer errors by this much decide between two readings


@dataclass(frozen=True)
class RowFigures:
    """What one copy prints for a goal's figures."""

    source: Source
    cells: tuple[int | None, ...]  # quarter region as printed, blanks included
    template: tuple[int, ...]  # per layout cell: quarter slot, or -1
    has_absolute: bool
    absolute: int | None
    relative: Decimal | None


@dataclass(frozen=True)
class Scored:
    """A candidate reading with what it costs and what it breaks."""

    cells: Cells
    absolute: int
    cost: int
    programmed_off: int  # 1 when Σ programmed differs from the annual target
    unprogrammed: int  # quarters achieving with nothing programmed

    @property
    def key(self) -> tuple[int, int, int]:
        return self.cost, self.programmed_off, self.unprogrammed


@dataclass(frozen=True)
class Choice:
    """The kept readings (one when forced) and how they were found."""

    kept: tuple[Scored, ...]
    near: tuple[Scored, ...]
    fits: bool
    programmed_excluded: int  # fitting readings set aside: Σ programmed ≠ target
    accumulation: Accumulation = Accumulation.SUM


def achieved(cells: Cells, kind: Accumulation = Accumulation.SUM) -> int:
    return accumulate(cells[1::2], kind)


def programmed(cells: Cells, kind: Accumulation = Accumulation.SUM) -> int:
    return accumulate(cells[0::2], kind)


def unprogrammed(cells: Cells) -> int:
    """Return how many quarters show an achievement with nothing programmed."""
    return sum(1 for p, a in zip(cells[0::2], cells[1::2], strict=True) if a and not p)


def positional(row: RowFigures) -> Cells | None:
    """Return the copy's reading by column, when its row has the layout's width."""
    if len(row.cells) != len(row.template):
        return None
    cells: list[int | None] = [None] * QUARTER_SLOTS
    for value, slot in zip(row.cells, row.template, strict=True):
        if slot >= 0:
            cells[slot] = value
    return tuple(cells)


# ---------------------------------------------------------------- candidates


def placements(tokens: Sequence[int], drops: int) -> Iterator[Cells]:
    """Yield every order-keeping placement of ``tokens`` in the eight slots."""
    for dropped in range(min(drops, len(tokens)) + 1):
        kept_n = len(tokens) - dropped
        if kept_n > QUARTER_SLOTS:
            continue
        kept_sets = combinations(range(len(tokens)), kept_n)
        # each distinct choice of kept cells once, in the order first met
        for values in dict.fromkeys(tuple(tokens[i] for i in k) for k in kept_sets):
            for slots in combinations(range(QUARTER_SLOTS), kept_n):
                cells: list[int | None] = [None] * QUARTER_SLOTS
                for slot, value in zip(slots, values, strict=True):
                    cells[slot] = value
                yield tuple(cells)


def restorations(base: Cells, target: int, absolutes: Sequence[int]) -> Iterator[Cells]:
    """Yield ``base`` with the missing achieved put in one blank A cell.

    When Σ programmed is short of the target too, the same quarter's blank P
    takes the difference: a lost pair of cells.
    """
    short_p = target - programmed(base)
    for absolute in absolutes:
        short_a = absolute - achieved(base)
        if short_a <= 0:
            continue
        for quarter in range(4):
            if base[2 * quarter + 1] is not None:
                continue
            cells = list(base)
            cells[2 * quarter + 1] = short_a
            if short_p > 0 and cells[2 * quarter] is None:
                cells[2 * quarter] = short_p
            yield tuple(cells)


def candidates(
    rows: Sequence[RowFigures], target: int, absolutes: Sequence[int]
) -> list[Cells]:
    """Return every reading the copies' cells allow, fitting or not.

    Each reading once, in the order first found: copy by copy, in document
    order (never in hash order, which for cells holding None differs between
    processes).
    """
    found: dict[Cells, None] = {}
    for row in rows:
        tokens = [v for v in row.cells if v is not None]
        surplus = max(len(row.template) - QUARTER_SLOTS, 0)
        found.update(dict.fromkeys(placements(tokens, surplus + SPARE_DROPS)))
        base = positional(row)
        if base is not None:
            found[base] = None
            found.update(dict.fromkeys(restorations(base, target, absolutes)))
    return list(found)


# ---------------------------------------------------------------- edit cost

Cost = tuple[int, int]  # (scan errors, cells read out of their column)


def _match(printed: int | None, expected: int | None) -> int:
    if printed == expected:
        return 0
    if printed is None or not (printed or expected):
        return LOST  # lost, or a printed 0 where the other reading is blank
    return MISREAD


def _skip_printed(value: int | None) -> int:
    return LOST if value is None else MISREAD


def _pair(row: RowFigures, i: int, j: int, cells: Cells) -> Cost:
    slot = row.template[j]
    if slot < 0:
        return 0, 0
    return _match(row.cells[i], cells[slot]), int(i != j)


def _skip_slot(row: RowFigures, j: int) -> Cost:
    return (0, 0) if row.template[j] < 0 else (LOST, 0)


def _add(left: Cost, right: Cost) -> Cost:
    return left[0] + right[0], left[1] + right[1]


def _table(row: RowFigures, cells: Cells) -> list[list[Cost]]:
    rows, cols = len(row.cells), len(row.template)
    table = [[(0, 0)] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        table[i][0] = _add(table[i - 1][0], (_skip_printed(row.cells[i - 1]), 0))
    for j in range(1, cols + 1):
        table[0][j] = _add(table[0][j - 1], _skip_slot(row, j - 1))
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            table[i][j] = min(
                _add(table[i - 1][j - 1], _pair(row, i - 1, j - 1, cells)),
                _add(table[i - 1][j], (_skip_printed(row.cells[i - 1]), 0)),
                _add(table[i][j - 1], _skip_slot(row, j - 1)),
            )
    return table


def align(row: RowFigures, cells: Cells) -> tuple[int, dict[int, int]]:
    """Return the scan errors needed to read ``cells`` from ``row``, and the map.

    The map gives, for each quarter slot, the index of the printed cell read
    as that slot; among equally cheap alignments the one keeping most cells in
    their own column wins.
    """
    table = _table(row, cells)
    mapping: dict[int, int] = {}
    i, j = len(row.cells), len(row.template)
    while i > 0 and j > 0:
        if table[i][j] == _add(table[i - 1][j - 1], _pair(row, i - 1, j - 1, cells)):
            if row.template[j - 1] >= 0:
                mapping[row.template[j - 1]] = i - 1
            i, j = i - 1, j - 1
        elif table[i][j] == _add(table[i - 1][j], (_skip_printed(row.cells[i - 1]), 0)):
            i -= 1
        else:
            j -= 1
    return table[-1][-1][0], mapping


# ---------------------------------------------------------------- choosing


def _score(
    rows: Sequence[RowFigures],
    cells: Cells,
    target: int,
    kind: Accumulation = Accumulation.SUM,
) -> Scored:
    total = achieved(cells, kind)
    cost = sum(align(row, cells)[0] for row in rows)
    cost += sum(MISREAD for row in rows if row.has_absolute and row.absolute != total)
    shown = relative_percent(total, target) if target > 0 else None
    cost += sum(MISREAD for row in rows if row.relative not in (None, shown))
    off = int(programmed(cells, kind) != target)
    return Scored(cells, total, cost, off, unprogrammed(cells))


def _fits(
    cells: Cells,
    target: int,
    absolutes: set[int],
    relatives: set[Decimal],
    kind: Accumulation = Accumulation.SUM,
) -> bool:
    total = achieved(cells, kind)
    if absolutes and total not in absolutes:
        return False
    if relatives and target > 0:
        return relative_percent(total, target) in relatives
    return True


def programmed_holds(
    rows: Sequence[RowFigures], target: int, kind: Accumulation = Accumulation.SUM
) -> bool:
    """Tell whether some copy's own columns accumulate to the annual target."""
    readings = [positional(row) for row in rows]
    return any(r is not None and programmed(r, kind) == target for r in readings)


def _beats(one: Scored, other: Scored) -> bool:
    """Tell whether ``one`` is better than ``other`` on every count.

    A single shifted blank or lost cell is too little to tell readings apart:
    fewer errors decide only by a whole misread figure (2) or more.
    """
    rules = (one.programmed_off, one.unprogrammed)
    if any(
        a > b
        for a, b in zip(rules, (other.programmed_off, other.unprogrammed), strict=True)
    ):
        return False
    if one.cost + DECISIVE <= other.cost:
        return True
    return one.cost <= other.cost and rules != (
        other.programmed_off,
        other.unprogrammed,
    )


def cells_order(cells: Cells) -> tuple[tuple[bool, int], ...]:
    """Return a total order of readings: slot by slot, a figure before a blank.

    Smaller figures come first; a reading filling the earlier quarters comes
    before one filling the later quarters.
    """
    return tuple((value is None, value or 0) for value in cells)


def _kept(near: Sequence[Scored]) -> tuple[Scored, ...]:
    """Return the near-best readings no other near-best reading beats.

    Best first (errors, Σ programmed ≠ target, quarters achieving with nothing
    programmed); readings equal on every count go by ``cells_order``, so the
    first one, and the order of the candidates, is the same in every process.
    """
    kept = [s for s in near if not any(_beats(o, s) for o in near if o is not s)]
    return tuple(sorted(kept, key=lambda s: (s.key, cells_order(s.cells))))


def choose(rows: Sequence[RowFigures], target: int) -> Choice:
    """Return the readings of the quarter cells the copies and arithmetic support.

    Each kind of accumulation is tried in turn, adding up first; the first
    under which some reading fits decides. When none fits, the copies' own
    readings are kept, as quarters that add up, and left for review.
    """
    absolutes = {r.absolute for r in rows if r.has_absolute and r.absolute is not None}
    relatives = {r.relative for r in rows if r.relative is not None}
    pool = candidates(rows, target, sorted(absolutes))
    for kind in ACCUMULATIONS:
        fitting = [c for c in pool if _fits(c, target, absolutes, relatives, kind)]
        if fitting:
            return _choice(rows, target, fitting, kind)
    return _choice(rows, target, [], Accumulation.SUM)


def _choice(
    rows: Sequence[RowFigures],
    target: int,
    fitting: list[Cells],
    kind: Accumulation,
) -> Choice:
    """Return the kept readings among ``fitting`` (or the printed ones)."""
    set_aside: list[Cells] = []
    if programmed_holds(rows, target, kind) and any(
        programmed(c, kind) == target for c in fitting
    ):
        set_aside = [c for c in fitting if programmed(c, kind) != target]
        fitting = [c for c in fitting if programmed(c, kind) == target]
    scored = [_score(rows, c, target, kind) for c in (fitting or _printed_only(rows))]
    best = min(s.cost for s in scored)
    near = tuple(s for s in scored if s.cost <= best + MARGIN)
    rivals = sum(
        1 for c in set_aside if _score(rows, c, target, kind).cost <= best + MARGIN
    )
    return Choice(_kept(near), near, bool(fitting), rivals, kind)


def _printed_only(rows: Sequence[RowFigures]) -> list[Cells]:
    """Return the copies' own readings: the fallback when nothing fits."""
    found = [r for r in (positional(row) for row in rows) if r is not None]
    if found:
        return list(dict.fromkeys(found))
    tokens = [v for v in rows[0].cells if v is not None][:QUARTER_SLOTS]
    return [next(placements(tokens, 0))]
