"""The versioned tables equal what the report parser reads from the document."""

from ruta.ingest.cecop import Dimension, Program, parse_report
from ruta.works.published import (
    GSE,
    TSAM,
    published_aid_rows,
    published_works_rows,
)
from testkit.seeds import CECOP_REPORT_2024, seed_path

PROGRAM_CODES = {Program.TSAM: TSAM, Program.GSE: GSE}


def _report():
    path = seed_path(CECOP_REPORT_2024)
    return parse_report(path.read_text(encoding="utf-8"), source_name=path.name)


def test_works_tables_file_equals_the_report():
    report = _report()
    expected = [
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
    found = [
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
    assert found == expected


def test_aid_file_equals_the_report():
    aid = _report().aid
    expected = [(row.concept, row.amount, row.place.line) for row in aid.rows]
    expected.append(("Total", aid.total, aid.total_place.line))
    found = [(row.label, row.amount, row.line) for row in published_aid_rows()]
    assert found == expected
