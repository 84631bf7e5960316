"""Check a CECOP report against itself: arithmetic, copies, prose and indicators.

Every finding names both values and both places, so a reviewer can open the
document at each line and see the contradiction. The checks only report;
reading already failed on anything unreadable.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ruta.ingest.cecop.indicator_checks import (
    check_indicator_baselines,
    check_indicator_cards,
    check_indicator_copies,
    check_indicator_results,
    check_semaphore_summary,
)
from ruta.ingest.cecop.model import CecopReport, Dimension, Place, Program, WorksRow
from ruta.ingest.cecop.prose_checks import check_prose
from ruta.ingest.cecop.wording import COLUMN_NAMES, joined, named, rows_span
from ruta.sources.findings import Finding, Say, Values, figure, finding_kind, sentence

_SOURCES = ("cecop", "municipality", "community")


def check_report(report: CecopReport) -> list[Finding]:
    """Return every contradiction found in ``report``, in a stable order."""
    return [
        *check_row_sources(report),
        *check_column_totals(report),
        *check_program_tables(report),
        *check_prose(report),
        *check_indicator_copies(report),
        *check_indicator_cards(report),
        *check_indicator_baselines(report),
        *check_semaphore_summary(report),
        *check_indicator_results(report),
    ]


@finding_kind(
    "row_sources_mismatch",
    summary=sentence("La inversión total de un renglón no es la suma de sus fuentes."),
)
def row_sources_mismatch(values: Values, say: Say) -> str:
    return say(
        sentence(
            "%(table)s, renglón «%(row)s»: la inversión total %(total)s no es "
            "CECOP + municipio + comunidad = %(sources_sum)s."
        )
    ) % {
        "table": values["table"],
        "row": values["row"],
        "total": figure(values["total"], say),
        "sources_sum": figure(values["sources_sum"], say),
    }


def check_row_sources(report: CecopReport) -> Iterator[Finding]:
    """Yield rows whose total investment is not CECOP + municipality + community."""
    for table in report.works_tables:
        if "total" not in table.columns:
            continue
        for row in (*table.rows, table.total):
            sources = sum(row.figure(name) for name in _SOURCES)
            if row.figure("total") == sources:
                continue
            yield row_sources_mismatch.found(
                where=row.place.describe(),
                values={
                    "table": table.id,
                    "row": row.label,
                    "total": row.total,
                    "sources_sum": sources,
                },
            )


def check_column_totals(report: CecopReport) -> Iterator[Finding]:
    """Yield every numeric column whose rows do not add up to its Total row."""
    for table in report.works_tables:
        places = [row.place for row in table.rows]
        for column in table.columns:
            column_sum = sum((row.figure(column) for row in table.rows), Decimal(0))
            yield from _total_finding(
                table.id,
                column,
                column_sum,
                table.total.figure(column),
                places,
                table.total.place,
            )
    for amount_table in (report.drought, report.aid):
        yield from _total_finding(
            amount_table.id,
            "amount",
            sum((row.amount for row in amount_table.rows), Decimal(0)),
            amount_table.total,
            [row.place for row in amount_table.rows],
            amount_table.total_place,
        )


@finding_kind(
    "column_total_mismatch",
    summary=sentence("Una columna no suma lo que imprime su renglón Total."),
)
def column_total_mismatch(values: Values, say: Say) -> str:
    return say(
        sentence(
            "%(table)s: la columna «%(column)s» suma %(rows_sum)s, pero su renglón "
            "Total imprime %(total)s."
        )
    ) % {
        "table": values["table"],
        "column": named(COLUMN_NAMES, values["column"], say),
        "rows_sum": figure(values["rows_sum"], say),
        "total": figure(values["total"], say),
    }


def _total_finding(
    table_id: str,
    column: str,
    column_sum: Decimal,
    total: Decimal,
    places: Sequence[Place],
    total_place: Place,
) -> Iterator[Finding]:
    if column_sum == total:
        return
    yield column_total_mismatch.found(
        where=joined(rows_span(list(places)), total_place.describe()),
        values={
            "table": table_id,
            "column": column,
            "rows_sum": column_sum,
            "total": total,
        },
    )


def check_program_tables(report: CecopReport) -> Iterator[Finding]:
    """Yield totals of a program that differ between its two works tables."""
    for program in Program:
        by_subprogram = report.works_table(program, Dimension.SUBPROGRAM)
        by_region = report.works_table(program, Dimension.REGION)
        for column in by_subprogram.columns:
            if column in by_region.columns:
                yield from _program_finding(
                    program, column, by_subprogram.total, by_region.total
                )


@finding_kind(
    "program_tables_mismatch",
    summary=sentence(
        "Un total de un programa difiere entre sus tablas por subprograma y por región."
    ),
)
def program_tables_mismatch(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Programa %(program)s: el total de «%(column)s» es %(by_subprogram)s "
            "por subprograma, pero %(by_region)s por región."
        )
    ) % {
        "program": str(values["program"]).upper(),
        "column": named(COLUMN_NAMES, values["column"], say),
        "by_subprogram": figure(values["by_subprogram"], say),
        "by_region": figure(values["by_region"], say),
    }


def _program_finding(
    program: Program, column: str, subprogram_total: WorksRow, region_total: WorksRow
) -> Iterator[Finding]:
    first, second = subprogram_total.figure(column), region_total.figure(column)
    if first == second:
        return
    yield program_tables_mismatch.found(
        where=joined(subprogram_total.place.describe(), region_total.place.describe()),
        values={
            "program": program.value,
            "column": column,
            "by_subprogram": first,
            "by_region": second,
        },
    )
