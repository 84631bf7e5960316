"""Public pages of works: the explorer, its downloads and a work's page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import override

from ruta.common.files.downloads import csv_chunks
from ruta.common.ops import metrics
from ruta.common.ops.client import client_address
from ruta.common.web.builds import built_download
from ruta.common.web.caching import form_query, public_page, unsettled
from ruta.common.web.guards import UnknownValue
from ruta.works import downloads
from ruta.works.forms import PageForm, WorkFilterForm
from ruta.works.models import Work
from ruta.works.readmodels.detail import work_detail
from ruta.works.readmodels.provenance import work_events
from ruta.works.rules import DELAY_MARGIN
from ruta.works.sections import contractor_sections, work_sections
from ruta.works.selectors import (
    WorkFilters,
    empty_work_list_page,
    work_filter_options,
    work_list,
    work_list_page,
)
from ruta.works.selectors.contracting import work_processes
from ruta.works.selectors.contractors import (
    CONTRACTOR_COLUMNS,
    contractor_rows,
    contractor_summary,
)
from ruta.works.selectors.explore import (
    EXPORT_COLUMNS,
    TotalsPending,
    WorkTotals,
    selection_totals,
    selection_totals_again,
    work_export_rows,
)
from ruta.works.selectors.order import RANKED_AT_MOST
from ruta.works.selectors.provenance import figure_sources, status_history
from ruta.works.selectors.route import (
    money_route,
    progress_chart,
    timeline_of,
    work_payments,
)
from ruta.works.tasks import selection_totals_defer

PAGE_SIZE = 25


def _query_without(request: HttpRequest, *names: str) -> str:
    """Return the request's query string without ``names`` (to add them back)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@public_page(query=form_query(WorkFilterForm, PageForm))
def works_index(request: HttpRequest) -> HttpResponse:
    """List published works, filtered by the GET form, with their totals.

    Pages go by key (``despues``/``antes`` a cursor the list gave, or
    ``ultima``): any page costs what the first does. An invalid filter is an
    error at its field; a cursor the list did not give is a 404 that says
    so, never another page silently. A selection too large to sum within
    the page is listed at once and its totals queued (``_totals_or_queued``).
    """
    form = WorkFilterForm(request.GET or None, options=work_filter_options())
    page_form = PageForm(request.GET)
    filters = form.filters()
    status = 200
    page_error = ""
    listing, found = empty_work_list_page(), None
    if filters is None or not page_form.is_valid():
        # A page that cannot exist is not found.
        status = 404 if page_form.errors else 200
        page_error = _("Esa página de la lista no existe.") if status == 404 else ""
    else:
        found = _totals_or_queued(request, filters)
        try:
            listing = work_list_page(
                filters=filters,
                place=page_form.place(),
                per_page=PAGE_SIZE,
                count=(
                    found.works
                    if isinstance(found, WorkTotals)
                    else found.works_at_least
                ),
                counted=isinstance(found, WorkTotals) or found.works is not None,
            )
        except UnknownValue:
            status = 404
            page_error = _(
                "Esa página de la lista no existe (o es de otro orden): vuelva a la "
                "primera."
            )
    response = render(
        request,
        "works/list.html",
        {
            **_selection_context(request, found),
            "form": form,
            "listing": listing,
            "page_error": page_error,
            "query": _query_without(request, "despues", "antes", "ultima"),
            "has_demo": listing.has_demo,
            "unranked": listing.unranked,
            "ranked_at_most": RANKED_AT_MOST,
        },
        status=status,
    )
    return unsettled(response) if isinstance(found, TotalsPending) else response


@public_page(query=form_query(WorkFilterForm), max_age=0)
def works_totals(request: HttpRequest) -> HttpResponse:
    """Return the explorer's selection totals alone, once summed.

    The explorer's script asks here while the queue sums a large selection:
    202 (with ``Retry-After``) while they wait, then the part of the page
    that shows them, which a cache must check again each time (the data
    may have changed since). Asking again counts nothing: the sums are kept
    or waited for.
    """
    form = WorkFilterForm(request.GET or None, options=work_filter_options())
    filters = form.filters()
    if filters is None:
        raise Http404(_("Esos filtros no son válidos."))
    found = selection_totals_again(filters)
    if isinstance(found, TotalsPending):
        found = _queued(request, filters, found)
    response = render(
        request,
        "works/_selection.html",
        _selection_context(request, found),
        status=202 if isinstance(found, TotalsPending) else 200,
    )
    if isinstance(found, TotalsPending):
        response["Retry-After"] = str(TOTALS_ASK_AGAIN_SECONDS)
        return unsettled(response)
    return response


# How soon the explorer's script first asks again for totals being summed.
TOTALS_ASK_AGAIN_SECONDS = 2


def _totals_or_queued(
    request: HttpRequest, filters: WorkFilters
) -> WorkTotals | TotalsPending:
    """Return the selection's totals, or that they are pending (and queued)."""
    found = selection_totals(filters)
    if isinstance(found, WorkTotals):
        return found
    return _queued(request, filters, found)


def _queued(
    request: HttpRequest, filters: WorkFilters, pending: TotalsPending
) -> TotalsPending:
    """Queue the selection's sums for the client of ``request``; say if queued."""
    client = client_address(request) or "unknown"
    return replace(pending, queued=selection_totals_defer(filters, client=client))


def _selection_context(
    request: HttpRequest, found: WorkTotals | TotalsPending | None
) -> dict[str, object]:
    """Return what ``works/_selection.html`` shows of a selection's totals."""
    download_query = _query_without(request, "despues", "antes", "ultima", "format")
    return {
        "totals": found if isinstance(found, WorkTotals) else None,
        "pending": found if isinstance(found, TotalsPending) else None,
        "download_query": download_query,
        "max_download_rows": settings.RUTA_DOWNLOAD_MAX_ROWS,
    }


@public_page(query=form_query(WorkFilterForm))
def works_download(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Return the explorer's filtered works as CSV, XLSX or JSON.

    The same filters and the same rows as the list (all pages). Each is
    built whole in one of the site's few build slots, from one snapshot, so
    no number of readers can hold the web workers; a selection of more than
    ``RUTA_DOWNLOAD_MAX_ROWS`` works is not built: the answer says so and
    points to the open-data bulk file, published ahead of time.
    """
    if fmt not in downloads.FORMATS:
        raise Http404("no such download format")
    form = WorkFilterForm(request.GET or None, options=work_filter_options())
    filters = form.filters()
    if filters is None:
        errors = "; ".join(
            f"{name}: {' '.join(str(m) for m in e)}" for name, e in form.errors.items()
        )
        return HttpResponse(
            errors, status=400, content_type="text/plain; charset=utf-8"
        )
    return _built_download(request, fmt, filters)


# Built in a slot (``_built_download``): listed with the built downloads,
# which the shipped nginx limits per address.
works_download.built_download = True  # type: ignore[attr-defined]  # read by the nginx check


@built_download
def _built_download(
    request: HttpRequest, fmt: str, filters: WorkFilters
) -> HttpResponseBase:
    works = work_list(filters=filters)
    count = works.count()
    if count > settings.RUTA_DOWNLOAD_MAX_ROWS:
        metrics.download_refusals.labels(reason="too_large").inc()
        return render(
            request,
            "works/download_too_large.html",
            {
                "count": count,
                "limit": settings.RUTA_DOWNLOAD_MAX_ROWS,
                "fmt": fmt,
                "query": request.GET.urlencode(),
            },
            status=400,
        )
    return _download_response(fmt, work_export_rows(works))


def _download_response(fmt: str, rows: Iterable[dict[str, object]]) -> HttpResponseBase:
    """Return ``rows`` written as ``fmt`` (CSV, XLSX or JSON), as an attachment."""
    content_type = downloads.CONTENT_TYPES[fmt]
    # The dataset is published in Spanish, whatever the page's language.
    response: HttpResponseBase
    with override("es-mx"):
        if fmt == "csv":
            response = HttpResponse(
                "".join(downloads.csv_chunks(rows)), content_type=content_type
            )
        elif fmt == "xlsx":
            response = HttpResponse(
                downloads.xlsx_bytes(rows), content_type=content_type
            )
        else:
            response = HttpResponse(
                downloads.json_bytes(rows, fields=EXPORT_COLUMNS),
                content_type=content_type,
            )
    response["Content-Disposition"] = f'attachment; filename="obras.{fmt}"'
    return response


@public_page
def contractor_page(request: HttpRequest, rfc: str) -> HttpResponse:
    """Show a company's contracts on published works (never a person's)."""
    summary = contractor_summary(rfc[:13])
    if summary is None:
        raise Http404("no such company")
    return render(
        request,
        "works/contractor.html",
        {
            "summary": summary,
            "sections": contractor_sections(summary.rfc, request),
            "totals_tables": (
                (summary.by_year, _("Por ejercicio"), _("Ejercicio")),
                (summary.by_agency, _("Por dependencia"), _("Dependencia")),
            ),
        },
    )


@public_page
def contractor_download(request: HttpRequest, rfc: str) -> HttpResponse:
    """Return a company's contracts, with their payments, as CSV."""
    summary = contractor_summary(rfc[:13])
    if summary is None:
        raise Http404("no such company")
    with override("es-mx"):
        text = "".join(csv_chunks(CONTRACTOR_COLUMNS, contractor_rows(summary)))
    response = HttpResponse(text, content_type=downloads.CONTENT_TYPES["csv"])
    name = f"contratista-{summary.rfc}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public_page
def work_page(request: HttpRequest, public_id: str) -> HttpResponse:
    """Show a work: money route, payments, progress, status, contracts.

    The committee and its oversight are a section of the participation app.
    """
    try:
        # The read model (``python -m bench readmodels``; the page's
        # throughput, ``python -m bench concurrency``).
        detail = work_detail(public_id=public_id)
    except Work.DoesNotExist as missing:
        raise Http404 from missing
    payments = work_payments(detail)
    # The read model: one query for the events (``python -m bench readmodels``).
    events = work_events(detail)
    return render(
        request,
        "works/detail.html",
        {
            "detail": detail,
            "work": detail.work,
            "route": money_route(detail, payments),
            "payments": payments,
            "chart": progress_chart(detail.progress, detail.work.total_investment),
            "timeline": timeline_of(status_history(events)),
            "contracting": work_processes(detail.work),
            "sources": figure_sources(detail, events),
            "sections": work_sections(detail.work, request),
            "delay_margin": DELAY_MARGIN,
        },
    )
