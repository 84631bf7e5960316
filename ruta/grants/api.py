"""Grants endpoints: calls, their results (fallo) and the register's aggregates.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from dataclasses import asdict

from django.http import Http404, HttpRequest
from ninja import Router

from ruta.common.bounds import Code
from ruta.grants.models import Call
from ruta.grants.schemas import AggregateOut, CallOut, ResultOut
from ruta.grants.selectors.calls import call_results, calls_public
from ruta.grants.selectors.pages import register_aggregates

router = Router(tags=["grants"])


def _call(code: str) -> Call:
    call = calls_public().filter(code=code).first()
    if call is None:
        raise Http404(f"no published call {code!r}")
    return call


def _call_out(call: Call) -> dict:
    return {
        "code": call.code,
        "title": call.title,
        "fiscal_year": call.fiscal_year,
        "administering_body": call.agency.name,
        "administering_rfc": call.administering_rfc,
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "result_on": call.result_on,
        "max_per_project": call.max_per_project,
        "shortfall": call.shortfall,
        "report_reading": call.report_reading,
        "cofunding_base": call.cofunding_base,
        "budgets": [
            {"scheme": b.scheme, "theme": b.theme, "amount": b.amount}
            for b in call.budgets.all()
        ],
        "is_demo": call.is_demo,
    }


@router.get("/calls", response=list[CallOut])
def list_calls(request: HttpRequest) -> list[dict]:
    """Return the published calls with their budgets and the readings they apply."""
    return [_call_out(call) for call in calls_public()]


@router.get("/calls/{code}/results", response=list[ResultOut])
def call_results_api(request: HttpRequest, code: Code) -> list[dict]:
    """Return the call's result: each folio's score, status, amount and reason."""
    return [asdict(row) for row in call_results(_call(code))]


@router.get("/calls/{code}/beneficiaries", response=list[AggregateOut])
def call_beneficiaries(request: HttpRequest, code: Code) -> list[dict]:
    """Return the beneficiary register's counts by municipality, sex, age, benefit.

    Never a person: groups of fewer than five are published as null.
    """
    return [asdict(row) for row in register_aggregates(_call(code))]
