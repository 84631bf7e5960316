"""Public pages of the grants: calls, results, the register's aggregates, and
their open-data downloads (never a person)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from ruta.accounts.permissions import Action, can_anywhere
from ruta.accounts.selectors import user_labels
from ruta.common.files import downloads as tables
from ruta.common.text.labels import label
from ruta.common.text.money import ZERO
from ruta.common.web.builds import built_download
from ruta.common.web.caching import public_page
from ruta.grants.models import ApplicationStatus, Call
from ruta.grants.reasons import SHORTFALL
from ruta.grants.rules.deadlines import REPORT_READING_SECTIONS
from ruta.grants.selectors.calls import (
    ResultRow,
    call_results,
    call_rules,
    calls_public,
    dictamination_act,
)
from ruta.grants.selectors.organizations import (
    DIRECTORY_PAGE,
    organization_directory,
)
from ruta.grants.selectors.pages import (
    SMALL_CELL,
    funded_totals,
    may_manage,
    may_score,
    register_aggregates,
)

RESULT_FIELDS = (
    "folio",
    "organization",
    "organization_rfc",
    "title",
    "scheme",
    "theme",
    "municipality",
    "requested",
    "score",
    "rank",
    "allocation",
    "allocation_label",
    "amount",
    "status",
    "status_label",
    "reason",
)


def published_call(code: str) -> Call:
    """Return a published call of the instance (``Call.here``), or 404."""
    return get_object_or_404(
        Call.objects.published()
        .here()
        .select_related(
            "agency", "normative_agency", "coinvesting_agency", "rules_document"
        ),
        code=code,
    )


@public_page
def calls_index(request: HttpRequest) -> HttpResponse:
    """List the published calls."""
    may_create = can_anywhere(request.user, Action.VALIDATE)
    return render(
        request,
        "grants/calls.html",
        {"calls": calls_public(), "may_create": may_create},
    )


@public_page
def call_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show a call: objective, bases, its rules, budgets, rubric and readings."""
    call = published_call(code)
    return render(
        request,
        "grants/call.html",
        {
            "call": call,
            "rules": call_rules(call),
            "budgets": call.budgets.all(),
            "rubric": call.rubric.all(),
            "report_section": REPORT_READING_SECTIONS.get(call.report_reading, ""),
            "shortfall_text": SHORTFALL.get(call.shortfall) or "",
            "may_manage": may_manage(request.user, call),
            "may_score": may_score(request.user, call),
        },
    )


# Organisations on one page of the directory.


@public_page(query=("pagina",))
def directory_page(request: HttpRequest) -> HttpResponse:
    """The public directory of organisations: who they are and what they applied
    to, with the result; never a contact or a person."""
    entries = organization_directory()
    page = Paginator(entries, DIRECTORY_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "grants/directory.html",
        {"page": page, "total": len(entries), "demo": any(e.is_demo for e in entries)},
    )


@public_page
def results_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show the result (fallo): scores, statuses, amounts and every reason."""
    call = published_call(code)
    rows = call_results(call)
    transferred = funded_totals(call)
    folios = {a.folio: a.pk for a in call.applications.all()}
    funded = [
        (row, transferred.get(folios[row.folio], ZERO))
        for row in rows
        if row.amount > 0 and row.status not in ("not_formalized",)
    ]
    act = dictamination_act(call)
    members = (
        user_labels(act.members, reader=request.user, purpose=request.path)
        if act
        else {}
    )
    return render(
        request,
        "grants/results.html",
        {
            "call": call,
            "rows": rows,
            "funded": funded,
            "act": act,
            "members": [members.get(m, str(m)) for m in act.members] if act else [],
        },
    )


# The result's open-data columns and their Spanish headers (CSV and XLSX);
# each code has its label beside it, in Spanish as the datasets give it.
RESULT_COLUMNS = {
    "call": "convocatoria",
    "folio": "folio",
    "organization": "organizacion",
    "organization_rfc": "rfc_organizacion",
    "title": "proyecto",
    "scheme": "esquema",
    "theme": "tematica",
    "municipality": "municipio",
    "requested": "monto_solicitado",
    "score": "puntaje",
    "rank": "lugar",
    "allocation": "resultado_de_la_asignacion",
    "allocation_label": "resultado_de_la_asignacion_nombre",
    "amount": "monto_asignado",
    "status": "estatus",
    "status_label": "estatus_nombre",
    "reason": "motivo",
    "is_demo": "dato_de_demostracion",
}
RESULT_MONEY = {"requested", "amount"}
# The register's aggregates (never a person): groups under five are empty.
REGISTER_COLUMNS = {
    "call": "convocatoria",
    "dimension": "dimension",
    "value": "valor",
    "people": "personas",
}
DIMENSION_NAMES = {
    "municipality": "municipio",
    "sex": "sexo",
    "age": "grupo_de_edad",
    "benefit": "beneficio",
}


@public_page
@built_download
def results_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Return the result as open data (CSV, XLSX or JSON): no personal data."""
    call = published_call(code)
    if fmt not in tables.FORMATS:
        raise Http404
    rows = call_results(call)
    if fmt == "json":
        return JsonResponse(
            {"call": call.code, "results": [_record(call, row) for row in rows]},
            json_dumps_params={"ensure_ascii": False},
        )
    raw = [{**_labelled(row), "call": call.code} for row in rows]
    return _table(call, "fallo", fmt, RESULT_COLUMNS, raw, money=RESULT_MONEY)


@public_page
@built_download
def register_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Return the register's aggregates as open data; small groups left empty."""
    call = published_call(code)
    if fmt not in tables.FORMATS:
        raise Http404
    rows = [
        {
            "call": call.code,
            "dimension": DIMENSION_NAMES[row.dimension],
            "value": row.value,
            "people": row.people,
        }
        for row in register_aggregates(call)
    ]
    if fmt == "json":
        return JsonResponse(
            {
                "call": call.code,
                "small_groups_withheld_below": SMALL_CELL,
                "aggregates": rows,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return _table(call, "padron-agregados", fmt, REGISTER_COLUMNS, rows)


def _table(
    call: Call,
    name: str,
    fmt: str,
    columns: dict[str, str],
    rows: list[dict[str, Any]],
    *,
    money: set[str] | None = None,
) -> HttpResponse:
    """Return ``rows`` as a CSV (BOM, Spanish headers) or XLSX attachment."""
    if fmt == "csv":
        body: Any = "".join(tables.csv_chunks(columns, rows))
    else:
        body = tables.xlsx_bytes(
            columns, rows, sheet_name=name[:31], money_columns=money or set()
        )
    response = HttpResponse(body, content_type=tables.CONTENT_TYPES[fmt])
    filename = f"{call.code}-{name}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _labelled(row: ResultRow) -> dict[str, Any]:
    """Return ``row``'s result columns, each code's Spanish label beside it."""
    values = {name: getattr(row, name, None) for name in RESULT_COLUMNS}
    values["allocation_label"] = label(ApplicationStatus, row.allocation)
    values["status_label"] = label(ApplicationStatus, row.status)
    return values


def _record(call: Call, row: ResultRow) -> dict[str, Any]:
    record: dict[str, Any] = {"call": call.code}
    labelled = _labelled(row)
    for name in (*RESULT_FIELDS, "is_demo"):
        value = labelled[name]
        record[name] = f"{value:.2f}" if isinstance(value, Decimal) else value
    return record


@public_page
def register_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show the beneficiary register's public aggregates (never a person)."""
    call = published_call(code)
    return render(
        request,
        "grants/register.html",
        {"call": call, "aggregates": register_aggregates(call)},
    )
