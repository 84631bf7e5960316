"""Plan the demo works of a program so that they add up to its published tables.

Method: the two published tables of a program are the row and column
margins of one hidden table (subprogram × region). Works the report names
are placed first and taken off the margins. A works-count table with the
remaining margins is drawn at random (seeded) until every amount column and
the beneficiaries can be spread over its occupied cells with a minimum per
work; then each column is spread exactly to the centavo
(``allocation.integer_table``) and each cell is divided among its works with
the same random weights for every funding source, so each work keeps about
its cell's state / municipality / community proportions.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from ruta.common.text.folding import normalize_key
from ruta.demo.allocation import (
    Matrix,
    integer_table,
    random_counts,
    split,
    transport_feasible,
)
from ruta.demo.named import NamedWork
from ruta.demo.titles import work_title
from ruta.works.published import REGION, SUBPROGRAM, published_table

BENEFICIARIES = "beneficiaries"
MAX_ATTEMPTS = 20000


@dataclass(frozen=True)
class Place:
    """A municipality works can be placed in."""

    code: str
    name: str
    population: int


@dataclass
class PlannedWork:
    """A demo work before it is written: its cell, place, money and people."""

    program: str
    subprogram: str
    region: str
    amounts: dict[str, int]
    beneficiaries: int
    municipality: str = ""
    locality: str = ""
    title: str = ""
    named: bool = False
    public_id: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Return the total investment in centavos."""
        return sum(self.amounts.values())


@dataclass
class Margins:
    """Row (subprogram) and column (region) totals of one program's tables."""

    rows: list[str]
    cols: list[str]
    row_totals: dict[str, list[int]]
    col_totals: dict[str, list[int]]


def _cents(amount: Decimal | None) -> int:
    return int(amount * 100) if amount is not None else 0


def program_margins(program: str, subprograms: dict[str, str]) -> Margins:
    """Return the published margins of ``program``, amounts in centavos.

    ``subprograms`` maps printed label keys to subprogram codes. Columns are
    "works", "beneficiaries" and the funding sources the table prints.
    """
    by_sub, _ = published_table(program, SUBPROGRAM)
    by_region, _ = published_table(program, REGION)
    sources = ["state"]
    if by_sub[0].municipality is not None:
        sources += ["municipality", "community"]

    def totals(rows: list) -> dict[str, list[int]]:
        figures = {
            "works": [row.works for row in rows],
            BENEFICIARIES: [row.beneficiaries for row in rows],
        }
        for source in sources:
            figures[source] = [_cents(getattr(row, source)) for row in rows]
        return figures

    return Margins(
        rows=[subprograms[row.key] for row in by_sub],
        cols=[row.key for row in by_region],
        row_totals=totals(by_sub),
        col_totals=totals(by_region),
    )


def _take_named(margins: Margins, named: list[NamedWork]) -> list[PlannedWork]:
    """Take the named works off the margins; return them as planned works."""
    planned = []
    for work in named:
        i, j = margins.rows.index(work.subprogram), margins.cols.index(work.region)
        taken = {
            "works": 1,
            BENEFICIARIES: work.beneficiaries,
            "state": _cents(work.amount),
        }
        for column, value in taken.items():
            margins.row_totals[column][i] -= value
            margins.col_totals[column][j] -= value
        planned.append(
            PlannedWork(
                program=work.program,
                subprogram=work.subprogram,
                region=work.region,
                amounts={"state": _cents(work.amount)},
                beneficiaries=work.beneficiaries,
                municipality=work.municipality,
                locality=work.locality,
                title=work.title,
                named=True,
            )
        )
    return planned


def _feasible_counts(
    margins: Margins, minimums: dict[str, int], rng: random.Random
) -> Matrix:
    """Draw count tables until every column can be spread over their cells."""
    columns = [name for name in margins.row_totals if name != "works"]
    for _ in range(MAX_ATTEMPTS):
        counts = random_counts(
            margins.row_totals["works"], margins.col_totals["works"], rng
        )
        if all(
            transport_feasible(
                counts,
                margins.row_totals[name],
                margins.col_totals[name],
                minimums[name],
            )
            for name in columns
        ):
            return counts
    raise ValueError("no works-count table fits the published margins")


def _weights(count: int, rng: random.Random) -> list[int]:
    """Return ``count`` random integer weights (a few small works, a few large)."""
    return [int(1000 * rng.lognormvariate(0, 0.45)) + 1 for _ in range(count)]


def _cell_works(
    margins: Margins,
    counts: Matrix,
    tables: dict[str, Matrix],
    minimums: dict[str, int],
    program: str,
    rng: random.Random,
) -> list[PlannedWork]:
    sources = [name for name in tables if name != BENEFICIARIES]
    works = []
    for i, subprogram in enumerate(margins.rows):
        for j, region in enumerate(margins.cols):
            count = counts[i][j]
            if not count:
                continue
            weights = _weights(count, rng)
            amounts = {s: split(tables[s][i][j], weights, minimums[s]) for s in sources}
            people = split(
                tables[BENEFICIARIES][i][j],
                _weights(count, rng),
                minimums[BENEFICIARIES],
            )
            works += [
                PlannedWork(
                    program=program,
                    subprogram=subprogram,
                    region=region,
                    amounts={s: amounts[s][k] for s in sources},
                    beneficiaries=people[k],
                )
                for k in range(count)
            ]
    return works


def place_works(
    works: list[PlannedWork],
    places: dict[str, list[Place]],
    rng: random.Random,
    *,
    cover_every_municipality: bool,
) -> None:
    """Put each unplaced work in a municipality of its region, and name it.

    With ``cover_every_municipality`` every municipality of a region gets a
    work before any gets a second (the report: all 72 municipalities took
    part); the rest go by the square root of population, so small towns
    still get works.
    """
    for region, region_places in places.items():
        pending = [w for w in works if w.region == region and not w.municipality]
        rng.shuffle(pending)
        first = list(region_places) if cover_every_municipality else []
        rng.shuffle(first)
        weights = [math.sqrt(max(place.population, 1)) for place in region_places]
        for index, work in enumerate(pending):
            place = (
                first[index]
                if index < len(first)
                else rng.choices(region_places, weights=weights)[0]
            )
            work.municipality, work.locality = place.code, place.name
            work.title = work_title(work.subprogram, place.name, rng)


def plan_program(
    *,
    program: str,
    subprograms: dict[str, str],
    named: list[NamedWork],
    minimums: dict[str, int],
    rng: random.Random,
) -> list[PlannedWork]:
    """Return works whose sums by subprogram and by region equal the tables."""
    margins = program_margins(program, subprograms)
    planned = _take_named(margins, [w for w in named if w.program == program])
    counts = _feasible_counts(margins, minimums, rng)
    tables = {
        name: integer_table(
            counts, margins.row_totals[name], margins.col_totals[name], minimums[name]
        )
        for name in margins.row_totals
        if name != "works"
    }
    return planned + _cell_works(margins, counts, tables, minimums, program, rng)


def region_places(
    municipalities: list[tuple[str, str, int | None, str]],
) -> dict[str, list[Place]]:
    """Group (code, name, population, region name) rows by region label key."""
    places: dict[str, list[Place]] = {}
    for code, name, population, region in municipalities:
        places.setdefault(normalize_key(region), []).append(
            Place(code=code, name=name, population=population or 1)
        )
    return places
