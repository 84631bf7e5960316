"""The 2024 report regenerated from the demo data equals the published tables.

The published document is the report's demonstration (``testkit.cecop``);
compared with the original instead, the report shows the same cells.
"""

import pytest

from ruta.catalog.models import Agency
from ruta.ingest.cecop import Dimension, Program
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.reports.comparison import DIFFERENT, tally
from ruta.reports.selectors import AnnualReport, annual_report
from testkit.actors import TEST_ACTOR
from testkit.cecop import demonstration_document, seed_document

PUBLISHED_TABLES = [
    "tsam_by_subprogram",
    "tsam_by_region",
    "gse_by_subprogram",
    "gse_by_region",
    "drought_aid",
    "aid_by_concept",
]


def differences(table) -> list[tuple[str, str, object, object]]:
    return [
        (row.key, key, cell.value, cell.published)
        for row in table.rows
        for key, cell in row.cells.items()
        if cell.status == DIFFERENT
    ]


def test_report_has_every_table_of_the_published_report(report):
    assert [table.id for table in report.tables] == [
        *PUBLISHED_TABLES,
        "indicator_results",
        "semaphore_summary",
    ]


@pytest.mark.parametrize("table_id", PUBLISHED_TABLES)
def test_regenerated_table_equals_the_published_one_cell_by_cell(report, table_id):
    table = report.table(table_id)
    counts = tally(table)
    assert (counts.different, counts.unpublished, table.missing) == (0, 0, ())
    assert counts.equal == sum(len(row.cells) for row in table.rows)


def test_every_published_row_has_its_regenerated_row(report):
    table = report.table("tsam_by_region")
    printed = demonstration_document().report()
    regions = printed.works_table(Program.TSAM, Dimension.REGION)
    lines = [row.place.line for row in (*regions.rows, regions.total)]
    assert [row.published_line for row in table.rows] == lines


def test_indicator_table_equals_the_published_one_contradicted_baseline_included(
    report,
):
    # The results table prints baseline 230 for aid, the card 160: the table's
    # figure is regenerated and the card's disagreement stays a finding.
    assert differences(report.table("indicator_results")) == []


def test_computed_summary_differs_from_the_printed_one_as_the_finding_says(report):
    assert differences(report.table("semaphore_summary")) == [
        ("SUMMARY", "with_advance", 2, 4),
        ("SUMMARY", "without_advance", 2, 0),
    ]
    codes = [finding.code for finding in report.findings]
    assert "semaphore_summary_mismatch" in codes


def test_report_knows_its_data_is_demonstration_data(report):
    assert report.has_demo_data


def test_drought_rows_name_catalog_municipalities(report):
    rosario = report.table("drought_aid").rows[3]
    cell = rosario.cells["municipality"]
    assert (cell.value, cell.published, cell.status) == (
        "Rosario",
        "ROSARIO TESOPACO",
        "equal",
    )


def cells(report: AnnualReport) -> list[tuple]:
    """Return each cell's table, row, column, values and status, lines apart."""
    return [
        (table.id, row.key, key, str(cell.value), str(cell.published), cell.status)
        for table in report.tables
        for row in table.rows
        for key, cell in row.cells.items()
    ]


def test_compared_with_the_original_the_report_shows_the_same_cells(report, tmp_path):
    cecop = Agency.objects.get(code="sonora-cecop")
    cecop_report_import(path=seed_document().write(tmp_path), actor=TEST_ACTOR)
    original = annual_report(cecop, 2024)
    assert original.document.name == seed_document().name
    assert cells(original) == cells(report)
    assert [f.code for f in original.findings] == [f.code for f in report.findings]


def test_report_of_a_year_without_document_is_not_compared(report_demo):
    report = annual_report(Agency.objects.get(code="sonora-cecop"), 2023)
    statuses = {
        cell.status
        for table in report.tables
        for row in table.rows
        for cell in row.cells.values()
    }
    assert (report.document, report.findings, statuses) == (None, (), {""})
