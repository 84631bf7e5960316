"""Public pages of open-government action plans and their open data."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ruta.common.caching import public_page
from ruta.common.downloads import csv_chunks, json_default
from ruta.opengov import selectors
from ruta.opengov.models import ActionPlan

# Commitment numbers are PositiveSmallIntegerField values.
NUMBER_MAX = 32_767


def _plan(key: str) -> ActionPlan:
    plan = selectors.plan_by_key(key)
    if plan is None:
        raise Http404(_("No hay un plan de acción con esa clave."))
    return plan


@require_safe
@public_page
def plan_list(request: HttpRequest) -> HttpResponse:
    """List the action plans."""
    plans = list(selectors.plans())
    return render(request, "opengov/plan_list.html", {"plans": plans})


@require_safe
@public_page
def plan_page(request: HttpRequest, key: str) -> HttpResponse:
    """Show a plan's commitments with their progress bars and semáforos."""
    plan = _plan(key)
    return render(
        request,
        "opengov/plan.html",
        {
            "plan": plan,
            "periods": list(plan.periods.select_related("document")),
            "summaries": selectors.commitment_views(plan),
            "legend": selectors.status_legend(),
            "findings": selectors.plan_findings(plan),
        },
    )


@require_safe
@public_page
def commitment_page(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """Show a commitment: its timeline, activities, next step and answers."""
    plan = _plan(key)
    commitment = (
        selectors.commitment_by_number(plan, number) if number <= NUMBER_MAX else None
    )
    if commitment is None:
        raise Http404(_("El plan no tiene ese compromiso."))
    return render(
        request,
        "opengov/commitment.html",
        {
            "plan": plan,
            "commitment": commitment,
            "timeline": selectors.commitment_timeline(commitment),
            "reports": selectors.report_details(commitment),
            "withheld": selectors.names_withheld(),
        },
    )


DOWNLOADS = {
    "compromisos": (selectors.commitment_rows, selectors.COMMITMENT_COLUMNS),
    "respuestas": (selectors.answer_rows, selectors.ANSWER_COLUMNS),
}


@require_safe
@public_page
def download(request: HttpRequest, key: str, dataset: str, fmt: str) -> HttpResponse:
    """Return a plan's commitments or answers of every period as CSV or JSON."""
    if dataset not in DOWNLOADS or fmt not in {"csv", "json"}:
        raise Http404(_("No existe esa descarga."))
    plan = _plan(key)
    rows_of, columns = DOWNLOADS[dataset]
    rows = rows_of(plan)
    name = f"{plan.key[:60]}-{dataset}.{fmt}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(rows, ensure_ascii=False, default=json_default),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = StreamingHttpResponse(
            csv_chunks(columns, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
