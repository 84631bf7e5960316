"""Damage to one line of a report's table, as a PDF extraction does it.

The TMM-F004 scanner (``scanner``) prints whole pages again; the CECOP
report is printed once, so its damage is smaller: a figure cell lost (the
cells after it move left), cells shifted one column right, or one digit
misread. ``damage_line`` does one of them to a tab-separated line with a
seeded ``random.Random``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

OPERATIONS = ("lose_cell", "shift_cells", "misread_digit")


def damage_line(
    line: str, figures: Sequence[int], rng: random.Random
) -> tuple[str, str]:
    """Return ``line`` with one of its ``figures`` cells damaged, and how."""
    cells = line.split("\t")
    at = rng.choice(list(figures))
    operation = rng.choice(OPERATIONS)
    if operation == "lose_cell":
        lost = cells.pop(at)
        return "\t".join(cells), f"cell {at + 1} ({lost}) lost"
    if operation == "shift_cells":
        cells.insert(at, "")
        dropped = cells.pop()
        return "\t".join(cells), f"cells from {at + 1} shifted right, {dropped} lost"
    misread, detail = _misread(cells[at], rng)
    cells[at] = misread
    return "\t".join(cells), f"cell {at + 1} {detail}"


def _misread(cell: str, rng: random.Random) -> tuple[str, str]:
    """Return ``cell`` with one digit read as another."""
    digits = [i for i, ch in enumerate(cell) if ch.isdigit()]
    i = rng.choice(digits)
    other = rng.choice([d for d in "0123456789" if d != cell[i]])
    misread = cell[:i] + other + cell[i + 1 :]
    return misread, f"{cell} read as {misread}"
