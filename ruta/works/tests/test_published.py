"""The versioned tables equal what the report parser reads from the document.

The files keep the original's lines; their figures are also those of the
report's demonstration (``testkit.cecop``), which the demo imports when the
original is absent, so its works, which reproduce the files, match it too.
"""

from ruta.ingest.cecop import CecopReport, Dimension, Program
from ruta.works.published import (
    GSE,
    TSAM,
    published_aid_rows,
    published_works_rows,
)
from testkit.cecop import demonstration_document, seed_document

PROGRAM_CODES = {Program.TSAM: TSAM, Program.GSE: GSE}


def works_rows(report: CecopReport) -> list[tuple]:
    return [
        (
            PROGRAM_CODES[program],
            dimension.value,
            row.label,
            row.works,
            row.total,
            row.cecop,
            row.municipality,
            row.community,
            row.beneficiaries,
            row.place.line,
        )
        for program in (Program.TSAM, Program.GSE)
        for dimension in (Dimension.SUBPROGRAM, Dimension.REGION)
        for table in [report.works_table(program, dimension)]
        for row in (*table.rows, table.total)
    ]


def works_file() -> list[tuple]:
    return [
        (
            row.program,
            row.dimension,
            row.label,
            row.works,
            row.total,
            row.state,
            row.municipality,
            row.community,
            row.beneficiaries,
            row.line,
        )
        for row in published_works_rows()
    ]


def aid_rows(report: CecopReport) -> list[tuple]:
    aid = report.aid
    rows = [(row.concept, row.amount, row.place.line) for row in aid.rows]
    return [*rows, ("Total", aid.total, aid.total_place.line)]


def aid_file() -> list[tuple]:
    return [(row.label, row.amount, row.line) for row in published_aid_rows()]


def without_lines(rows: list[tuple]) -> list[tuple]:
    return [row[:-1] for row in rows]


def test_works_tables_file_equals_the_report():
    assert works_file() == works_rows(seed_document().report())


def test_aid_file_equals_the_report():
    assert aid_file() == aid_rows(seed_document().report())


def test_works_tables_file_holds_the_demonstrations_figures():
    report = demonstration_document().report()
    assert without_lines(works_file()) == without_lines(works_rows(report))


def test_aid_file_holds_the_demonstrations_figures():
    report = demonstration_document().report()
    assert without_lines(aid_file()) == without_lines(aid_rows(report))
