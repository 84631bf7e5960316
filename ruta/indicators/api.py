"""Indicator endpoints: cards with results and semáforo, and the summary.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from django.http import Http404, HttpRequest
from ninja import Router

from ruta.catalog.models import Agency
from ruta.catalog.selectors import (
    AgencyNotFound,
    agency_by_name,
    fiscal_year_required,
)
from ruta.common.bounds import Code, Year
from ruta.indicators.schemas import IndicatorCardOut, SemaphoreSummaryOut
from ruta.indicators.selectors import CardView, prepared_card_views, summary

router = Router(tags=["indicators"])


def _views(agency: str, year: int | None) -> list[CardView]:
    if year is not None:
        fiscal_year_required(year)
    found: Agency | None = None
    if agency:
        try:
            found = agency_by_name(agency)
        except AgencyNotFound as error:
            raise Http404(str(error)) from error
    return prepared_card_views(found, year)


@router.get("/cards", response=list[IndicatorCardOut])
def list_cards(
    request: HttpRequest, agency: Code = "", year: Year | None = None
) -> list[dict]:
    """Return each card with its results per year, computed figures and semáforo.

    ``year`` limits results to that year and before (the semáforo as of then).
    """
    return [IndicatorCardOut.from_view(view) for view in _views(agency, year)]


@router.get("/summary", response=SemaphoreSummaryOut)
def semaphore_summary(
    request: HttpRequest, agency: Code = "", year: Year | None = None
) -> dict[str, int]:
    """Return how many indicators advanced, went back, stayed or lack data."""
    return summary(_views(agency, year))
