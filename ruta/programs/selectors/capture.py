"""Reads for capture staff: the open quarter and what each goal has so far."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruta.accounts.permissions import Action, can
from ruta.programs.models import Goal, QuarterProgress, UnitProgram, ValueStatus
from ruta.programs.rules import Accumulation, accumulate
from ruta.programs.workflow import open_quarter


@dataclass(frozen=True)
class CaptureRow:
    """A goal in the capture form: earlier quarters and the open one."""

    goal: Goal
    earlier: tuple[QuarterProgress | None, ...]
    current: QuarterProgress | None

    @property
    def accumulated(self) -> int:
        """Return the earlier quarters' achieved, accumulated as the goal does."""
        return accumulate(
            [row.achieved for row in self.earlier if row is not None],
            Accumulation(self.goal.accumulation),
        )


def capture_rows(unit_program: UnitProgram, quarter: int) -> list[CaptureRow]:
    """Return every goal of ``unit_program`` with its quarters before ``quarter``."""
    rows = []
    for goal in unit_program.goals.all():
        by_quarter = {row.quarter: row for row in goal.quarters.all()}
        earlier = tuple(by_quarter.get(q) for q in range(1, quarter))
        rows.append(CaptureRow(goal, earlier, by_quarter.get(quarter)))
    return rows


def pending_quarter(unit_program: UnitProgram) -> int | None:
    """Return the open quarter when it holds captured values awaiting approval."""
    quarter = open_quarter(unit_program)
    captured = any(
        row.quarter == quarter and row.status == ValueStatus.CAPTURED
        for goal in unit_program.goals.all()
        for row in goal.quarters.all()
    )
    return quarter if captured else None


def units_awaiting_approval(user: Any) -> list[UnitProgram]:
    """Return the unit programs with captured values ``user`` may approve.

    Whoever captured a quarter does not approve it (``quarter_approve``
    refuses); the list shows where approval is waited for, and the unit's
    page says who may give it.
    """
    captured = UnitProgram.objects.filter(
        goals__quarters__status=ValueStatus.CAPTURED
    ).values("pk")
    units = UnitProgram.objects.with_structure().filter(pk__in=captured)
    return [
        unit
        for unit in units.order_by("program__code", "executing_unit__code")
        if can(user, Action.VALIDATE, unit)
    ]
