"""Public pages of the red flags: what each one is, and an agency's flags."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ruta.catalog.models import Agency
from ruta.common.caching import public_page
from ruta.flags import selectors


@public_page
def flags_index(request: HttpRequest) -> HttpResponse:
    """Explain every flag (rule, source, settings) and list the agencies with flags."""
    return render(
        request,
        "flags/index.html",
        {
            "kinds": selectors.kind_summaries(),
            "agencies": selectors.flagged_agencies(),
            "taxpayer_list": selectors.latest_taxpayer_list(),
            "state_law": selectors.state_law(),
        },
    )


@public_page
def agency_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show an agency's flags: its own and those of its works and contracts."""
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404("no such agency")
    return render(
        request,
        "flags/agency.html",
        {"agency": agency, "flags": selectors.agency_flags(agency)},
    )
