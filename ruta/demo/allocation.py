"""Integer tables with prescribed row and column totals (pure, no database).

The published works tables give two margins of one hidden table: totals by
subprogram (rows) and by region (columns), for counts, for each funding
source in centavos and for beneficiaries. Demo works must reproduce both
margins exactly, so:

1. ``random_counts`` draws a works-count table with the right margins
   (iterative proportional fitting of a perturbed seed, then rounding);
2. ``transport_feasible`` tells whether an amount can be spread over the
   cells that hold works, each work getting at least a minimum (a max-flow
   test of the transportation problem);
3. ``integer_table`` spreads it: proportional fitting on the count table,
   then rounding each cell down or up so both margins hold to the unit;
4. ``split`` divides a cell among its works by weights.

Rounding is a flow problem. Proportional fitting only approaches the
margins (slowly when a row or column has a single cell, or when the
minimums leave a cell almost nothing), so the fitted table is a guide, not
a solution: its floors, trimmed to stay within the margins, are a starting
flow in the network rows → cells → columns. Extra units go first at most
one per cell (the usual rounding), then anywhere, moving units between
cells if needed. A maximum flow is reached from any starting flow, so the
margins are met whenever some integer table on those cells meets them.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Sequence

Matrix = list[list[int]]

Node = tuple[str, int] | str
Graph = dict[Node, dict[Node, int]]

_SOURCE, _SINK = "source", "sink"


def _residual(capacity: Graph) -> Graph:
    """Return the residual graph of the zero flow (reverse edges at 0)."""
    residual: Graph = {node: dict(edges) for node, edges in capacity.items()}
    for node, edges in capacity.items():
        for target in edges:
            residual.setdefault(target, {}).setdefault(node, 0)
    return residual


def _augment(residual: Graph, total: int) -> int:
    """Push up to ``total`` more units source→sink; return how many went.

    Edmonds–Karp: breadth-first augmenting paths, so the number of rounds
    depends on the graph's size, not on the (large, centavo) capacities,
    whatever flow ``residual`` already carries.
    """
    sent = 0
    while sent < total:
        parents: dict[Node, Node | None] = {_SOURCE: None}
        queue: deque[Node] = deque([_SOURCE])
        node: Node
        while queue and _SINK not in parents:
            node = queue.popleft()
            for target, room in residual[node].items():
                if room > 0 and target not in parents:
                    parents[target] = node
                    queue.append(target)
        if _SINK not in parents:
            break
        path: list[tuple[Node, Node]] = []
        node = _SINK
        while (parent := parents[node]) is not None:
            path.append((parent, node))
            node = parent
        push = min(residual[a][b] for a, b in path)
        for a, b in path:
            residual[a][b] -= push
            residual[b][a] += push
        sent += push
    return sent


def _network(
    cells: Sequence[tuple[int, int]],
    rows: Sequence[int],
    cols: Sequence[int],
    cell_capacity: int,
) -> Graph:
    capacity: Graph = {_SOURCE: {}}
    for i, amount in enumerate(rows):
        capacity[_SOURCE][("r", i)] = amount
        capacity.setdefault(("r", i), {})
    for i, j in cells:
        capacity[("r", i)][("c", j)] = cell_capacity
    for j, amount in enumerate(cols):
        capacity.setdefault(("c", j), {})[_SINK] = amount
    return capacity


def transport_feasible(
    counts: Matrix, rows: Sequence[int], cols: Sequence[int], minimum: int
) -> bool:
    """Return whether rows/cols can be spread over the cells holding works.

    Every cell must get more than ``minimum`` per work, strictly, so that
    proportional fitting converges with every occupied cell positive.
    """
    lower = [[(minimum * n + 1) if n else 0 for n in row] for row in counts]
    rest_rows = [total - sum(row) for total, row in zip(rows, lower, strict=True)]
    rest_cols = [total - sum(row[j] for row in lower) for j, total in enumerate(cols)]
    if min(rest_rows + rest_cols, default=0) < 0 or sum(rest_rows) != sum(rest_cols):
        return False
    cells = [(i, j) for i, row in enumerate(counts) for j, n in enumerate(row) if n]
    total = sum(rest_rows)
    residual = _residual(_network(cells, rest_rows, rest_cols, total))
    return _augment(residual, total) == total


def fit(
    seed: list[list[float]],
    rows: Sequence[float],
    cols: Sequence[float],
    iterations: int = 5000,
    tolerance: float = 1e-4,
) -> list[list[float]]:
    """Scale ``seed`` (iterative proportional fitting) to the given margins."""
    table = [list(row) for row in seed]
    for _ in range(iterations):
        for i, row in enumerate(table):
            current = sum(row)
            if current:
                factor = rows[i] / current
                table[i] = [value * factor for value in row]
        worst = 0.0
        for j, target in enumerate(cols):
            current = sum(row[j] for row in table)
            if current:
                factor = target / current
                for row in table:
                    row[j] *= factor
        for i, row in enumerate(table):
            worst = max(worst, abs(sum(row) - rows[i]))
        if worst < tolerance:
            break
    return table


def _trim(table: Matrix, rows: Sequence[int]) -> None:
    """Lower the largest cells of each row until it is within its total.

    An unconverged fit can overshoot a margin; a starting flow must not.
    """
    for row, total in zip(table, rows, strict=True):
        excess = sum(row) - total
        for j in sorted(range(len(row)), key=lambda j: -row[j]):
            take = min(max(excess, 0), row[j])
            row[j] -= take
            excess -= take


def round_to_margins(
    table: list[list[float]],
    rows: Sequence[int],
    cols: Sequence[int],
    cells: Sequence[tuple[int, int]] | None = None,
) -> Matrix:
    """Return an integer table on ``cells`` with exactly these margins.

    ``cells`` defaults to the non-zero cells of ``table``. Each cell is
    ``table`` rounded down or up when the fit was good enough for that;
    otherwise units move until the margins hold, so an unconverged fit
    costs closeness, never exactness. Raises ``ValueError`` only when no
    non-negative integer table on ``cells`` has these margins.
    """
    if min([*rows, *cols], default=0) < 0 or sum(rows) != sum(cols):
        raise ValueError("margins must be non-negative with equal sums")
    if cells is None:
        cells = [(i, j) for i, row in enumerate(table) for j, v in enumerate(row) if v]
    floors = [[0] * len(cols) for _ in rows]
    for i, j in cells:
        floors[i][j] = max(math.floor(table[i][j]), 0)
    _trim(floors, rows)
    columns = [list(col) for col in zip(*floors, strict=True)]
    _trim(columns, cols)
    floors = [list(row) for row in zip(*columns, strict=True)] if columns else floors
    short_rows = [total - sum(row) for total, row in zip(rows, floors, strict=True)]
    short_cols = [total - sum(row[j] for row in floors) for j, total in enumerate(cols)]
    total = sum(short_rows)
    residual = _residual(_network(cells, short_rows, short_cols, 1))
    sent = _augment(residual, total)
    if sent < total:
        # Let every cell take any amount, or give back its floor.
        for i, j in cells:
            residual[("r", i)][("c", j)] += total
            residual[("c", j)][("r", i)] += floors[i][j]
            floors[i][j] = 0
        sent += _augment(residual, total - sent)
    if sent < total:
        raise ValueError("no integer table on these cells has these margins")
    for i, j in cells:
        floors[i][j] += residual[("c", j)][("r", i)]
    return floors


def integer_table(
    counts: Matrix, rows: Sequence[int], cols: Sequence[int], minimum: int
) -> Matrix:
    """Return an integer table on the cells of ``counts`` with exact margins.

    Each cell gets at least ``minimum`` per work it holds; the rest is
    spread in proportion to the number of works.
    """
    lower = [[minimum * n for n in row] for row in counts]
    rest_rows = [total - sum(row) for total, row in zip(rows, lower, strict=True)]
    rest_cols = [total - sum(row[j] for row in lower) for j, total in enumerate(cols)]
    seed = [[float(n) for n in row] for row in counts]
    fitted = fit(seed, rest_rows, rest_cols)
    cells = [(i, j) for i, row in enumerate(counts) for j, n in enumerate(row) if n]
    rounded = round_to_margins(fitted, rest_rows, rest_cols, cells)
    return [
        [low + extra for low, extra in zip(low_row, row, strict=True)]
        for low_row, row in zip(lower, rounded, strict=True)
    ]


def random_counts(
    rows: Sequence[int], cols: Sequence[int], rng: random.Random, spread: float = 0.6
) -> Matrix:
    """Return a random works-count table with the given margins.

    The independence table ``rows × cols / total`` is perturbed by up to
    ``spread`` either way, fitted back to the margins and rounded.
    """
    total = sum(rows)
    seed = [
        [
            max(r * c / total, 1e-9) * rng.uniform(1 - spread, 1 + spread)
            if r and c
            else 0.0
            for c in cols
        ]
        for r in rows
    ]
    return round_to_margins(fit(seed, rows, cols), rows, cols)


def split(total: int, weights: Sequence[int], minimum: int = 0) -> list[int]:
    """Divide ``total`` by integer ``weights``, each part at least ``minimum``.

    Integer arithmetic throughout, and the largest remainders get the units
    left over, so the parts add up to ``total`` exactly.
    """
    if not weights:
        if total:
            raise ValueError("nothing to split an amount over")
        return []
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError(f"{total} cannot give {minimum} to {len(weights)} parts")
    scale = sum(weights)
    parts = [rest * weight // scale for weight in weights]
    remainders = [rest * weight % scale for weight in weights]
    order = sorted(range(len(weights)), key=lambda k: remainders[k], reverse=True)
    for k in order[: rest - sum(parts)]:
        parts[k] += 1
    return [minimum + part for part in parts]
