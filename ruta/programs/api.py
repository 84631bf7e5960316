"""Program endpoints: goals with accumulated figures, and quarter values.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from django.http import HttpRequest
from ninja import Router

from ruta.common.bounds import RecordId
from ruta.programs import selectors
from ruta.programs.schemas import GoalOut, QuarterOut

router = Router(tags=["programs"])


def _programs(unit: int | None):
    programs = selectors.unit_programs()
    return programs.filter(pk=unit) if unit is not None else programs


@router.get("/goals", response=list[GoalOut])
def list_goals(request: HttpRequest, unit: RecordId | None = None) -> list[dict]:
    """Return every goal with ΣA and ΣA ÷ annual target through the last quarter."""
    return selectors.goal_rows(_programs(unit))


@router.get("/quarters", response=list[QuarterOut])
def list_quarters(request: HttpRequest, unit: RecordId | None = None) -> list[dict]:
    """Return every published quarter value with its status and source."""
    return selectors.quarter_rows(_programs(unit))
