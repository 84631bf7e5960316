"""Program endpoints: goals with accumulated figures, and quarter values.

Both are pages by key (unit program, goal number, and quarter): a page
reads only the unit programs it reaches, so the last costs what the first
does.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ruta.common.bounds import RecordId
from ruta.common.web.pagination import Cursor, PageSize, cursor_decoded, keyset_answer
from ruta.programs import selectors
from ruta.programs.models import UnitProgram
from ruta.programs.schemas import GoalPage, QuarterPage

router = Router(tags=["programs"])


class ProgramPageQuery(Schema):
    unit: RecordId | None = Field(None, description="one unit program")
    cursor: Cursor = ""
    page_size: PageSize = 50


def _programs(unit: int | None) -> QuerySet[UnitProgram]:
    programs = selectors.unit_programs()
    return programs.filter(pk=unit) if unit is not None else programs


def _after(query: ProgramPageQuery, keys: int) -> tuple[int, ...] | None:
    values = cursor_decoded(query.cursor, keys)
    return None if values is None else tuple(int(value) for value in values)


@router.get("/goals", response=GoalPage)
def list_goals(request: HttpRequest, query: Query[ProgramPageQuery]) -> dict:
    """Return goals with ΣA and ΣA ÷ annual target through the last quarter."""
    page = selectors.goal_page(
        _programs(query.unit), after=_after(query, 2), size=query.page_size
    )
    return keyset_answer(request, page.rows, _last(page))


@router.get("/quarters", response=QuarterPage)
def list_quarters(request: HttpRequest, query: Query[ProgramPageQuery]) -> dict:
    """Return published quarter values with their status and source."""
    page = selectors.quarter_page(
        _programs(query.unit), after=_after(query, 3), size=query.page_size
    )
    return keyset_answer(request, page.rows, _last(page))


def _last(page: selectors.RowPage) -> list[int] | None:
    return None if page.last is None else list(page.last)
