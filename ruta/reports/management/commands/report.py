"""``ruta report annual --agency CECOP --year 2024 [--xlsx FILE]``.

Regenerate an agency's annual results report from the database, print its
tables with the cell-by-cell comparison against the imported document, and
optionally write the XLSX workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ruta.reports.comparison import tally
from ruta.reports.formatting import display_value
from ruta.reports.selectors import (
    AgencyNotFound,
    AnnualReport,
    agency_by_name,
    annual_report,
)
from ruta.reports.tables import ReportTable
from ruta.reports.xlsx import annual_report_xlsx


class Command(BaseCommand):
    help = "Regenerate a report from the database and compare it with the document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["annual"], help="report kind")
        parser.add_argument(
            "--agency", required=True, help="agency acronym or code (CECOP)"
        )
        parser.add_argument("--year", required=True, type=int, help="fiscal year")
        parser.add_argument("--xlsx", type=Path, help="write the workbook here")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            agency = agency_by_name(options["agency"])
        except AgencyNotFound as error:
            raise CommandError(str(error)) from error
        with translation.override("es-mx"):
            report = annual_report(agency, options["year"])
            self.stdout.write("\n".join(report_lines(report)))
            if options["xlsx"]:
                _write_xlsx(options["xlsx"], report)
                self.stdout.write(f"Workbook written to {options['xlsx']}")


def _write_xlsx(path: Path, report: AnnualReport) -> None:
    try:
        path.write_bytes(annual_report_xlsx(report))
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror}") from error


def report_lines(report: AnnualReport) -> list[str]:
    """Return the report as text: each table, its comparison, the findings."""
    lines = [f"{report.agency} — {report.year}"]
    if report.has_demo_data:
        lines.append("Demonstration data: figures generated, not real works.")
    if report.document:
        total = report.tally
        lines.append(
            f"Compared with {report.document.name}: {total.equal} cells equal, "
            f"{total.different} different, {total.unpublished} not published."
        )
    else:
        lines.append("No imported document to compare with.")
    for table in report.tables:
        lines += ["", *table_lines(table, compared=report.document is not None)]
    lines += ["", f"Findings of the document: {len(report.findings)}"]
    lines += [f"  - {f.message} ({f.where})" for f in report.findings]
    return lines


def table_lines(table: ReportTable, *, compared: bool) -> list[str]:
    """Return one table as tab-separated lines, differing cells marked."""
    lines = [table.title, "\t".join(column.label for column in table.columns)]
    for row in table.rows:
        cells = []
        for column in table.columns:
            cell = row.cell(column.key)
            text = display_value(cell.value, column.kind, row.percent)
            if cell.status == "different":
                printed = display_value(cell.published, column.kind, row.percent)
                text += f" [published {printed}]"
            cells.append(text)
        lines.append("\t".join(cells))
    if compared:
        counts = tally(table)
        lines.append(
            f"Cells: {counts.equal} equal, {counts.different} different, "
            f"{counts.unpublished} not published"
        )
    lines += [f"Published row missing here: {label}" for label in table.missing]
    return lines
