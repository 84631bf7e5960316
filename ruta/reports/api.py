"""Report endpoints: an agency's annual report regenerated from data.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from django.http import Http404, HttpRequest
from ninja import Router

from ruta.catalog.models import FiscalYear
from ruta.common.bounds import Code, Year
from ruta.reports.schemas import AnnualReportOut, annual_report_data
from ruta.reports.selectors import (
    AgencyNotFound,
    agency_by_name,
    prepared_annual_report,
)

router = Router(tags=["reports"])


@router.get("/annual/{agency}/{year}", response=AnnualReportOut)
def get_annual_report(request: HttpRequest, agency: Code, year: Year) -> dict:
    """Return every table of the report with each cell compared to the document.

    ``agency`` is an acronym (CECOP) or a code (sonora-cecop).
    """
    try:
        found = agency_by_name(agency)
    except AgencyNotFound as error:
        raise Http404(str(error)) from error
    if not FiscalYear.objects.filter(year=year).exists():
        raise Http404(f"no fiscal year {year}")
    return annual_report_data(prepared_annual_report(found, year))
