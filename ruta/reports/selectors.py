"""The annual results report of an agency and year, regenerated from data.

``annual_report`` builds every table from the database (works by subprogram
and by region for each program, drought actions, aid by concept, indicator
results with their semáforo and summary), and, when the agency's report for
that year was imported, compares every cell with the printed one and lists
the document's findings beside them.

Pages, the API and the download read ``prepared_annual_report`` and
``prepared_available_reports``: the same values, built once per version of
the data (``ruta.common.prepared``) rather than on every request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from django.db.models import Q, Sum

from ruta.catalog.models import Agency
from ruta.catalog.names import MunicipalityNames
from ruta.catalog.selectors import AgencyNotFound, agency_by_name
from ruta.common.prepared import prepared
from ruta.indicators.selectors import CardView, card_views
from ruta.reports.comparison import Tally, compare_table, tally
from ruta.reports.tables import (
    ReportTable,
    aid_table,
    drought_table,
    indicator_table,
    summary_table,
    works_tables,
)
from ruta.sources.display import FindingText, finding_text
from ruta.sources.models import DocumentFinding, DocumentKind, SourceDocument
from ruta.works.models import Aid, WorkSummary
from ruta.works.selectors.summary import work_groups

__all__ = [
    "AgencyNotFound",
    "AnnualReport",
    "ReportEntry",
    "agency_by_name",
    "annual_report",
    "available_reports",
    "prepared_annual_report",
    "prepared_available_reports",
]


@dataclass(frozen=True)
class AnnualReport:
    """Every table of an agency's annual report for a year, and its source."""

    agency: Agency
    year: int
    tables: tuple[ReportTable, ...]
    indicators: tuple[CardView, ...]
    document: SourceDocument | None
    findings: tuple[DocumentFinding, ...]
    has_demo_data: bool

    @property
    def tally(self) -> Tally:
        """Return the cell comparison over every table."""
        return reduce(lambda total, table: total + tally(table), self.tables, Tally())

    def table(self, table_id: str) -> ReportTable:
        """Return the table with id ``table_id``."""
        return next(table for table in self.tables if table.id == table_id)

    @property
    def finding_texts(self) -> tuple[FindingText, ...]:
        """Return the findings in the active language, rebuilt from their codes."""
        return tuple(finding_text(finding) for finding in self.findings)


def imported_report(agency: Agency, year: int) -> SourceDocument | None:
    """Return the latest imported annual report of ``agency`` for ``year``."""
    return (
        SourceDocument.objects.for_report(agency.pk, year)
        .of_kind(DocumentKind.CECOP_ANNUAL_REPORT)
        .order_by("-imported_at", "-pk")
        .first()
    )


def has_demo_data(agency: Agency, year: int) -> bool:
    """Return whether any work or aid the report counts is demonstration data.

    The works are asked of their summary rows: one index read, where the
    works themselves are a scan of the year's when none is.
    """
    works = WorkSummary.objects.filter(
        fiscal_year=year, program__agency=agency, is_demo=True
    )
    aids = Aid.objects.of_year(year).filter(
        Q(agency=agency) | Q(agency__parent=agency), is_demo=True
    )
    return works.exists() or aids.exists()


def _compared(
    tables: list[ReportTable], document: SourceDocument, agency: Agency
) -> list[ReportTable]:
    """Return ``tables`` compared cell by cell with ``document``'s rows."""
    rows = list(document.rows.all())
    indicator_id = document.summary.get("indicator_table", "indicator_results_1")
    aliases = {"indicator_results": indicator_id}
    names = MunicipalityNames.of_state(agency.state_id) if agency.state_id else None
    return [
        compare_table(
            table,
            [row for row in rows if row.table_id == aliases.get(table.id, table.id)],
            names,
        )
        for table in tables
    ]


def annual_report(agency: Agency, year: int) -> AnnualReport:
    """Return ``agency``'s report for ``year`` from the database, compared."""
    views = card_views(agency, year)
    tables = [
        *works_tables(agency, year),
        drought_table(agency, year),
        aid_table(agency, year),
        indicator_table(views, year),
        summary_table(views),
    ]
    document = imported_report(agency, year)
    if document is not None:
        tables = _compared(tables, document, agency)
    return AnnualReport(
        agency=agency,
        year=year,
        tables=tuple(tables),
        indicators=tuple(views),
        document=document,
        findings=tuple(document.findings.all()) if document else (),
        has_demo_data=has_demo_data(agency, year),
    )


def prepared_annual_report(agency: Agency, year: int) -> AnnualReport:
    """Return ``annual_report``, built once per version of the data and language."""
    return prepared(
        "annual-report", lambda: annual_report(agency, year), agency.pk, year
    )


@dataclass(frozen=True)
class ReportEntry:
    """An agency and year for which an annual report can be regenerated."""

    agency: Agency
    year: int
    works: int
    document: SourceDocument | None


def available_reports() -> list[ReportEntry]:
    """Return every (agency, year) with published works or an imported report.

    Only published works (approved by a validator) are counted: the list is
    a public page, and works still under review are not public.
    """
    counts = {
        (row["program__agency"], row["fiscal_year"]): row["works"]
        for row in work_groups()
        .values("program__agency", "fiscal_year")
        .annotate(works=Sum("works"))
        .order_by()
    }
    # A report is listed by its agency and year; a document stored without
    # them has its own page under the published documents.
    documents: dict[tuple[int, int], SourceDocument] = {
        (doc.agency_id, doc.fiscal_year_id): doc
        for doc in SourceDocument.objects.of_kind(DocumentKind.CECOP_ANNUAL_REPORT)
        .filter(agency__isnull=False, fiscal_year__isnull=False)
        .order_by("imported_at")
        if doc.agency_id is not None and doc.fiscal_year_id is not None
    }
    keys = sorted(set(counts) | set(documents), key=lambda key: (-key[1], key[0]))
    agencies = Agency.objects.in_bulk({agency_id for agency_id, _ in keys})
    return [
        ReportEntry(
            agency=agencies[agency_id],
            year=year,
            works=counts.get((agency_id, year), 0),
            document=documents.get((agency_id, year)),
        )
        for agency_id, year in keys
        if agency_id in agencies
    ]


def prepared_available_reports() -> list[ReportEntry]:
    """Return ``available_reports``, built once per version of the data."""
    return prepared("available-reports", available_reports)
