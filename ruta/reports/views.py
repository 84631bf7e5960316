"""Public pages of reports: the annual results report and its XLSX download.

The report and the workbook are prepared once per version of the data
(``prepared_annual_report``); a request reads them from the cache.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ruta.catalog.models import FiscalYear
from ruta.common.prepared import prepared
from ruta.common.web.builds import built_download
from ruta.common.web.caching import public_page
from ruta.reports.selectors import (
    AgencyNotFound,
    AnnualReport,
    agency_by_name,
    prepared_annual_report,
    prepared_available_reports,
)
from ruta.reports.xlsx import annual_report_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(agency: str, year: int) -> AnnualReport:
    """Return the report, or 404 for an unknown agency or fiscal year."""
    try:
        found = agency_by_name(agency)
    except AgencyNotFound as error:
        raise Http404(str(error)) from error
    if not FiscalYear.objects.filter(year=year).exists():
        raise Http404(f"no fiscal year {year}")
    return prepared_annual_report(found, year)


@require_safe
@public_page
def report_index(request: HttpRequest) -> HttpResponse:
    """List the annual reports that can be regenerated from the data."""
    entries = prepared_available_reports()
    return render(request, "reports/index.html", {"entries": entries})


@require_safe
@public_page
def annual_report(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """Show the annual report regenerated from data, compared with the document."""
    report = _report(agency, year)
    return render(request, "reports/annual.html", {"report": report})


@require_safe
@public_page
@built_download
def annual_report_download(
    request: HttpRequest, agency: str, year: int
) -> HttpResponse:
    """Return the annual report as an XLSX workbook."""
    report = _report(agency, year)
    workbook = prepared(
        "annual-report-xlsx",
        lambda: annual_report_xlsx(report),
        report.agency.pk,
        year,
    )
    response = HttpResponse(workbook, content_type=XLSX_TYPE)
    name = f"informe-anual-{report.agency.code}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
