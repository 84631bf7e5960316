"""Public pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ruta.catalog.instance import instance_state
from ruta.common.caching import public_page
from ruta.portal.selectors import home_counts, regions_overview


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """Show what the platform holds, counted from the database."""
    state = instance_state()
    return render(
        request,
        "portal/home.html",
        {"counts": home_counts(state), "regions": regions_overview(state)},
    )
