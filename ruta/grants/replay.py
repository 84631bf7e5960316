"""Replaying an allocation from a JSON file (``ruta grants allocate FILE``).

Staff and auditors check a published result by running the very function the
platform runs (``rules.allocation.allocate``) on the figures of the fallo:

    {"budget": "300000.00",
     "shortfall": "stop",                       (optional; the default)
     "applications": [{"folio": 1, "organization": "RFC or name",
                       "requested": "100000.00", "eligible": true,
                       "score": "87.5", "eligible_at": "2021-03-02T10:00:00",
                       "accepts_partial": false}],            (optional)
     "not_formalized": [1]}

A call with budgets per scheme/theme gives ``"budgets": {"pool": amount}``
and each application its ``"pool"`` instead (the platform's own runs are
kept in this form).

Every value is bounded; a file that breaks a bound is refused whole, naming
the application and the field.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ruta.grants.reasons import reason_text
from ruta.grants.rules.allocation import (
    DEFAULT_SHORTFALL,
    Candidate,
    Shortfall,
    allocate,
)

MAX_APPLICATIONS = 10_000
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e12"), decimal_places=2)]
Folio = Annotated[int, Field(ge=1, le=10_000_000)]


class ApplicationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    folio: Folio
    organization: Annotated[str, Field(min_length=1, max_length=250)]
    requested: Annotated[Decimal, Field(gt=0, le=Decimal("1e12"), decimal_places=2)]
    eligible: bool
    score: Annotated[Decimal, Field(ge=0, le=1000, decimal_places=2)]
    eligible_at: datetime | None = None
    accepts_partial: bool = False
    pool: Annotated[str, Field(max_length=260)] = ""


class AllocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    budget: Money | None = None
    budgets: Annotated[dict[str, Money], Field(max_length=100)] | None = None
    shortfall: Shortfall = DEFAULT_SHORTFALL
    applications: Annotated[list[ApplicationIn], Field(max_length=MAX_APPLICATIONS)]
    not_formalized: Annotated[list[Folio], Field(max_length=MAX_APPLICATIONS)] = []


class ReplayError(ValueError):
    """The file cannot be replayed: which value, and why."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(f"{where}: {why}")
        self.where = where
        self.why = why


def replay(data: Any) -> dict[str, Any]:
    """Return the allocation of a decoded JSON document, as the command prints it."""
    try:
        given = AllocationIn.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(document)"
        raise ReplayError(where, first["msg"]) from None
    budgets: dict[str, Decimal]
    if given.budgets is not None and given.budget is None:
        budgets = given.budgets
    elif given.budget is not None and given.budgets is None:
        budgets = {"": given.budget}
    else:
        raise ReplayError("budget", "give either budget or budgets (per pool)")
    candidates = [
        Candidate(
            folio=app.folio,
            organization=app.organization,
            requested=app.requested,
            eligible=app.eligible,
            score=app.score,
            eligible_at=app.eligible_at,
            accepts_partial=app.accepts_partial,
            pool=app.pool,
        )
        for app in given.applications
    ]
    try:
        results = allocate(
            budgets=budgets,
            candidates=candidates,
            not_formalized=given.not_formalized,
            shortfall=given.shortfall,
        )
    except ValueError as error:
        raise ReplayError("applications", str(error)) from None
    return {
        "shortfall": str(given.shortfall),
        "applications": [
            {
                "folio": result.folio,
                "status": str(result.status),
                "amount": f"{result.amount:.2f}",
                "rank": result.rank,
                "reason_code": result.reason.code,
                "reason": reason_text(
                    result.reason.code, result.reason.params, result.shortfall
                ),
            }
            for result in results
        ],
    }
