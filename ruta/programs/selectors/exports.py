"""Rows for the open-data downloads: goals, and quarter values with statuses.

Only published quarters are exported (a captured quarter awaiting approval
is not). Each value says how it was established and where it comes from:
the document and its copies and lines, or the capture and its approval
time. Capture staff are not named in open data; the audit history has them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Max, Model, QuerySet

from ruta.common.text.labels import label as code_label
from ruta.programs.models import GoalFlag, QuarterProgress, UnitProgram, ValueStatus
from ruta.programs.schemas import GoalOut, QuarterOut
from ruta.programs.selectors.progress import (
    GoalView,
    QuarterView,
    goal_views,
    published_quarters,
)

# The API's schemas are the columns: the downloads and the API always agree.
GOAL_COLUMNS = tuple(GoalOut.model_fields)
QUARTER_COLUMNS = tuple(QuarterOut.model_fields)

Row = dict[str, Any]
Key = tuple[int, ...]
# Unit programs read per round trip while a page is filled.
PROGRAMS_PER_READ = 20


def _structure(unit_program: UnitProgram) -> Row:
    program, unit = unit_program.program, unit_program.executing_unit
    return {
        "year": program.fiscal_year_id,
        "ramo": program.ramo.code,
        "program_code": program.code,
        "program": program.name,
        "unit_code": unit.code,
        "unit": unit.name,
    }


def goal_rows(programs: Iterable[UnitProgram]) -> list[Row]:
    """Return one row per goal with its derived accumulated figures."""
    return [row for program in programs for _, row in _goal_entries(program)]


def _goal_entries(unit_program: UnitProgram) -> Iterator[tuple[Key, Row]]:
    """Yield each goal's row with its key (unit program, goal number)."""
    structure = _structure(unit_program)
    for view in goal_views(unit_program):
        row = _goal_row(structure, unit_program, view)
        yield (unit_program.pk, view.goal.number), row


def _goal_row(structure: Row, unit_program: UnitProgram, view: GoalView) -> Row:
    goal = view.goal
    return {
        **structure,
        "goal": goal.number,
        "description": goal.description,
        "unit_of_measure": goal.unit_of_measure,
        "annual_target": goal.annual_target,
        "lines_of_action": " ".join(view.lines),
        "by_sex": goal.by_sex,
        "reported_through": unit_program.reported_quarter,
        "absolute": view.absolute,
        "relative_pct": None if view.relative is None else str(view.relative),
        "printed_absolute": view.printed_absolute,
        "printed_relative_pct": (
            None if view.printed_relative is None else str(view.printed_relative)
        ),
        "flag": view.flag,
        "flag_label": code_label(GoalFlag, view.flag),
        "status": view.status,
        "status_label": _status_label(view.status),
    }


def quarter_rows(programs: Iterable[UnitProgram]) -> list[Row]:
    """Return one row per published quarter value of every goal."""
    return [row for program in programs for _, row in _quarter_entries(program)]


def _quarter_entries(unit_program: UnitProgram) -> Iterator[tuple[Key, Row]]:
    """Yield each published quarter's row with its key (program, goal, quarter)."""
    structure = _structure(unit_program)
    base = {k: structure[k] for k in ("year", "unit_code", "unit")}
    for view, quarter in published_quarters(unit_program):
        key = (unit_program.pk, view.goal.number, quarter.quarter)
        yield key, _quarter_row(base, view.goal.number, quarter)


def _quarter_row(base: Row, goal: int, quarter: QuarterView) -> Row:
    row = quarter.row
    if row is None:
        raise ValueError("a quarter with no row is not published")
    document = row.source_document
    return {
        **base,
        "goal": goal,
        "quarter": quarter.quarter,
        "programmed": row.programmed,
        "achieved": row.achieved,
        "women": row.women,
        "men": row.men,
        "observation": row.observation,
        "status": row.status,
        "status_label": _status_label(row.status),
        "reason": row.reason,
        **_side("programmed", row, quarter.programmed_pending),
        **_side("achieved", row, quarter.achieved_pending),
        "source_document": document.name if document else "",
        "source_sha256": document.sha256 if document else "",
        "source_lines": _lines(row.source_lines),
        "captured_at": _time(row.captured_at),
        "approved_at": _time(row.approved_at),
    }


@dataclass(frozen=True)
class RowPage:
    """A page of rows and, when more follow, the key of its last row."""

    rows: list[Row]
    last: Key | None


def goal_page(
    programs: QuerySet[UnitProgram], *, after: Key | None, size: int
) -> RowPage:
    """Return the ``size`` goals after key ``after`` (program, goal number)."""
    return _page(programs, after, size, _goal_entries)


def quarter_page(
    programs: QuerySet[UnitProgram], *, after: Key | None, size: int
) -> RowPage:
    """Return the ``size`` quarter values after key ``after``."""
    return _page(programs, after, size, _quarter_entries)


def _page(
    programs: QuerySet[UnitProgram],
    after: Key | None,
    size: int,
    entries: Callable[[UnitProgram], Iterator[tuple[Key, Row]]],
) -> RowPage:
    """Fill a page from the unit programs at or after the cursor's, by key.

    Only the programs the page reaches are read, so the last page costs
    what the first does; within a program, rows at or before ``after`` are
    skipped.
    """
    ordered = programs.order_by("pk")
    if after is not None:
        ordered = ordered.filter(pk__gte=after[0])
    page: list[tuple[Key, Row]] = []
    for unit_program in ordered.iterator(chunk_size=PROGRAMS_PER_READ):
        for key, row in entries(unit_program):
            if after is not None and key <= after:
                continue
            if len(page) == size:
                return RowPage([entry for _, entry in page], page[-1][0])
            page.append((key, row))
    return RowPage([entry for _, entry in page], None)


def _side(side: str, row: QuarterProgress, pending: bool) -> Row:
    """Return the status and reason of one side (P or A) of a quarter.

    Read values keep their own reading; a captured quarter has none, and
    both sides share the row's status and reason.
    """
    reading = row.readings.get(side) or {}
    status = reading.get("status") or row.status
    if pending:
        status = ValueStatus.NEEDS_REVIEW
    return {
        f"{side}_status": status,
        f"{side}_status_label": _status_label(status),
        f"{side}_reason": reading.get("reason") or row.reason,
    }


def _status_label(status: str) -> str:
    """Return how a value was established, in words (``ValueStatus``'s label)."""
    return code_label(ValueStatus, status) or ""


def _lines(places: list[list[int]]) -> str:
    return "; ".join(f"copy {copy} line {line}" for copy, line in places)


def _time(value: Any) -> str:
    return value.isoformat() if value else ""


# What the downloads are made of: a row count and the last write of each.
VERSIONED = (
    "programs.Ramo",
    "programs.ExecutingUnit",
    "programs.Program",
    "programs.UnitProgram",
    "programs.Goal",
    "programs.GoalLine",
    "programs.QuarterProgress",
    "sources.SourceDocument",
)
WRITES = ("insert", "update", "delete")  # manual events change no data


def downloads_version() -> str:
    """Return a token that changes whenever a download's content can change.

    For conditional GET: a count and a max per table, far cheaper than
    building the rows. The columns are part of it, so a release that changes
    them never answers "not modified".
    """
    seen: list[object] = [GOAL_COLUMNS, QUARTER_COLUMNS]
    for label in VERSIONED:
        model: type[Model] = apps.get_model(label)
        events = _event_model(model)._default_manager.filter(pgh_label__in=WRITES)
        seen += [
            model._default_manager.count(),
            events.aggregate(last=Max("pgh_id"))["last"],
        ]
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:20]


@cache
def _event_model(model: type[Model]) -> type[Model]:
    """Return the pghistory event model that tracks ``model``."""
    return next(
        candidate
        for candidate in apps.get_models()
        if getattr(candidate, "pgh_tracked_model", None) is model
    )
