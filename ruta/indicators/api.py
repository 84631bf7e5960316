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
from ruta.indicators.selectors import (
    NO_PERIODS,
    CardView,
    prepared_card_periods,
    prepared_card_views,
    summary,
)

router = Router(tags=["indicators"])


def _agency(agency: str) -> Agency | None:
    if not agency:
        return None
    try:
        return agency_by_name(agency)
    except AgencyNotFound as error:
        raise Http404(str(error)) from error


def _views(agency: str, year: int | None) -> list[CardView]:
    if year is not None:
        fiscal_year_required(year)
    return prepared_card_views(_agency(agency), year)


@router.get("/cards", response=list[IndicatorCardOut])
def list_cards(
    request: HttpRequest, agency: Code = "", year: Year | None = None
) -> list[dict]:
    """Return each card with its results per year, computed figures and semáforo.

    ``year`` limits results to that year and before (the semáforo as of then).
    ``periods`` holds the published results of a quarter or of a municipality
    or region, each with its semáforo; ``measurement`` says whether the card
    is computed from the platform's data, captured per period with approval,
    or yearly only.
    """
    views = _views(agency, year)
    found = prepared_card_periods(_agency(agency), year)
    return [
        IndicatorCardOut.from_view(view, found.get(view.card.pk, NO_PERIODS))
        for view in views
    ]


@router.get("/summary", response=SemaphoreSummaryOut)
def semaphore_summary(
    request: HttpRequest, agency: Code = "", year: Year | None = None
) -> dict[str, int]:
    """Return how many indicators advanced, went back, stayed or lack data."""
    return summary(_views(agency, year))
