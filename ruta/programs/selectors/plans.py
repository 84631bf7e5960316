"""Reads for a POA year opened on the site, and the progress its links compute.

A plan in preparation or awaiting approval is seen only by the unit's staff
(its capture staff and validators); the public sees approved plans only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from ruta.accounts.permissions import Action, can
from ruta.catalog.models import FiscalYear
from ruta.participation.models import Committee, OversightVisit, TrainingWorkshop
from ruta.programs.models import Goal, PlanStatus, UnitProgram
from ruta.programs.models.structure import ExecutingUnit
from ruta.programs.rules import (
    COMMITTEES,
    VISITS,
    WORKS,
    WORKSHOPS,
    linked_measure,
    quarter_of,
)
from ruta.programs.selectors.progress import is_unit_staff
from ruta.works.models import Work, WorkStatus

IN_PREPARATION = (PlanStatus.DRAFT, PlanStatus.SUBMITTED)
# A work counts as done for a goal once finished or handed over.
DONE = (WorkStatus.COMPLETED, WorkStatus.HANDED_OVER)


def units_to_open(user: Any) -> list[ExecutingUnit]:
    """Return the executing units whose year ``user`` may open (capture there)."""
    units = ExecutingUnit.objects.select_related("ramo", "agency").order_by(
        "ramo__code", "code", "name"
    )
    return [unit for unit in units if can(user, Action.CAPTURE, unit)]


def open_years() -> list[FiscalYear]:
    """Return the fiscal years a program may be opened for (not closed)."""
    return list(FiscalYear.objects.filter(is_closed=False).order_by("-year"))


def plans_in_preparation(user: Any) -> list[UnitProgram]:
    """Return the years in preparation or awaiting approval ``user`` works on."""
    plans = UnitProgram.objects.with_structure().filter(plan_status__in=IN_PREPARATION)
    return [
        plan
        for plan in plans.order_by("-program__fiscal_year", "executing_unit__code")
        if is_unit_staff(user, plan)
    ]


def may_open_years(
    user: Any,
    *,
    units: list[ExecutingUnit] | None = None,
    plans: list[UnitProgram] | None = None,
) -> bool:
    """Return whether ``user`` has the page that opens a POA year.

    A unit whose year they may open, or a year in preparation they work on
    (``units`` and ``plans``, when given, are those already read).
    """
    units = units_to_open(user) if units is None else units
    if units:
        return True
    return bool(plans_in_preparation(user) if plans is None else plans)


def plan_visible(user: Any, unit_program: UnitProgram) -> bool:
    """Return whether ``user`` may see the unit's year: approved, or their unit's."""
    return unit_program.plan_approved or is_unit_staff(user, unit_program)


@dataclass(frozen=True)
class LinkedProgress:
    """What a goal's linked records give for each quarter of its year."""

    measure: str | None
    works: int
    committees: int
    quarters: tuple[int, int, int, int]

    @property
    def total(self) -> int:
        """Return the year's count (the quarters added up)."""
        return sum(self.quarters)

    @property
    def linked(self) -> bool:
        return bool(self.works or self.committees)


def _days(measure: str, goal: Goal) -> Iterable[Any]:
    """Return the day of each record the goal's measure counts."""
    committees = Committee.objects.filter(
        Q(poa_goals=goal) | Q(work__poa_goals=goal)
    ).distinct()
    if measure == COMMITTEES:
        return committees.values_list("formed_on", flat=True)
    if measure == WORKSHOPS:
        return TrainingWorkshop.objects.filter(committee__in=committees).values_list(
            "held_on", flat=True
        )
    if measure == VISITS:
        return OversightVisit.objects.filter(committee__in=committees).values_list(
            "visited_on", flat=True
        )
    if measure == WORKS:
        works = Work.objects.filter(
            Q(poa_goals=goal) | Q(committee__poa_goals=goal), status__in=DONE
        ).distinct()
        return [day for day in works.values_list("end_date", flat=True) if day]
    return ()


def goals_with_links(unit_program: UnitProgram) -> set[int]:
    """Return the ids of the unit's goals linked to any work or committee."""
    goals = Goal.objects.filter(unit_program=unit_program)
    return set(
        goals.filter(Q(works__isnull=False) | Q(committees__isnull=False))
        .values_list("pk", flat=True)
        .distinct()
    )


def linked_progress(goal: Goal, year: int) -> LinkedProgress:
    """Return what the goal's linked works and committees give per quarter of ``year``.

    What is counted follows the goal's unit of measure (``rules.linked_measure``):
    committees formed, their workshops or oversight visits, works finished
    (by their end date). A unit the records do not measure gives nothing.
    """
    works = goal.works.count()
    committees = goal.committees.count()
    measure = linked_measure(goal.unit_of_measure)
    counts = [0, 0, 0, 0]
    if measure is not None and (works or committees):
        for day in _days(measure, goal):
            quarter = quarter_of(day, year)
            if quarter is not None:
                counts[quarter - 1] += 1
    return LinkedProgress(
        measure=measure,
        works=works,
        committees=committees,
        quarters=(counts[0], counts[1], counts[2], counts[3]),
    )
