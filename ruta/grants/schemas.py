"""API schemas of grants: the results (fallo) as open data, no personal data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema


class BudgetOut(Schema):
    scheme: str
    theme: str
    amount: Decimal


class CallOut(Schema):
    code: str
    title: str
    fiscal_year: int
    administering_body: str
    administering_rfc: str
    opens_on: date
    closes_on: date
    result_on: date | None
    max_per_project: Decimal
    shortfall: str
    report_reading: str
    cofunding_base: str
    budgets: list[BudgetOut]
    is_demo: bool


class ResultOut(Schema):
    folio: int
    organization: str
    organization_rfc: str
    title: str
    scheme: str
    theme: str
    municipality: str
    requested: Decimal
    score: Decimal | None
    rank: int | None
    allocation: str = Field(
        description="The allocation's result (supported, eligible_not_supported, "
        "not_eligible); blank before the call's allocation ran."
    )
    allocation_label: str
    amount: Decimal
    status: str
    status_label: str
    reason: str
    is_demo: bool


class AggregateOut(Schema):
    dimension: str
    value: str
    people: int | None
