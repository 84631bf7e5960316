"""A POA year opened on the site: a unit's program, its goals and their programming.

Capture staff of an executing unit open its program for a fiscal year
(optionally copying the previous year's goals, targets and quarterly
programming), write each goal — its number, action, unit of measure, annual
target, how its quarters accumulate, and what it programs each quarter —
and submit the year. A validator approves it; whoever wrote or submitted it
may not (``ruta.accounts.duties``). Approval opens the first quarter for
capture, which then goes on as for an imported form
(``ruta.programs.services.capture``), and the TMM-F004 form regenerated
from the same rows. A goal may be linked to the works and committees it
counts, at any time.

A plan is written by people: each programmed quarter keeps who typed it
(``captured_by``), so a system actor cannot open one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, person, service
from ruta.accounts.duties import Written
from ruta.accounts.models import User
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import FiscalYear
from ruta.common.audit.history import history_of
from ruta.common.refusals import refusal
from ruta.participation.models import Committee
from ruta.programs.models import (
    Goal,
    GoalCommittee,
    GoalLine,
    GoalWork,
    PlanStatus,
    Program,
    QuarterProgress,
    UnitProgram,
    ValueStatus,
)
from ruta.programs.models.structure import ExecutingUnit
from ruta.programs.rules import Accumulation, programmed_sum, programming_problems
from ruta.works.models import Work

# Bounds of what a person types: a goal's number is printed with three or
# four digits, a target is a count.
GOAL_NUMBER_MAX = 99_999
TARGET_MAX = 1_000_000_000
TEXT_MAX = 2_000
UNIT_MAX = 120


def _planner(actor: Actor) -> User:
    planner = person(actor)
    if planner is None:
        raise ValueError("a POA year is written by a person, who is named in it")
    return planner


def _draft_or_raise(unit_program: UnitProgram) -> None:
    if unit_program.plan_status != PlanStatus.DRAFT:
        raise refusal(
            _(
                "El programa anual está «%(status)s»: solo se cambia en "
                "preparación (quien valida puede devolverlo)."
            )
            % {"status": unit_program.get_plan_status_display()},
            "plan_not_draft",
        )


def _open_year_or_raise(year: FiscalYear) -> None:
    if year.is_closed:
        raise refusal(
            _("El ejercicio %(year)s está cerrado.") % {"year": year.pk},
            "year_closed",
            "fiscal_year",
        )


def _previous(unit: ExecutingUnit, year: int, code: str) -> UnitProgram | None:
    """Return the unit's program of the year before (the same code if given)."""
    earlier = UnitProgram.objects.filter(
        executing_unit=unit, program__fiscal_year_id=year - 1
    ).select_related("program")
    if code:
        earlier = earlier.filter(program__code=code)
    return earlier.order_by("program__code").first()


@service
def unit_program_open(
    *,
    executing_unit: ExecutingUnit,
    fiscal_year: FiscalYear,
    program_code: str = "",
    program_name: str = "",
    copy_previous: bool = False,
    is_demo: bool = False,
    actor: Actor,
) -> UnitProgram:
    """Open ``executing_unit``'s program for ``fiscal_year``, in preparation.

    With ``copy_previous``, the previous year's program of the unit (of the
    same code, when given) lends its code, name, goals, targets, líneas de
    acción and quarterly programming; nothing achieved is copied.
    """
    require(actor, Action.CAPTURE, executing_unit)
    planner = _planner(actor)
    _open_year_or_raise(fiscal_year)
    code, name = program_code.strip()[:20], program_name.strip()[:250]
    previous = (
        _previous(executing_unit, fiscal_year.pk, code) if copy_previous else None
    )
    if copy_previous and previous is None:
        raise refusal(
            _("La unidad no tiene programa del ejercicio %(year)s que copiar.")
            % {"year": fiscal_year.pk - 1},
            "nothing_to_copy",
            "copy_previous",
        )
    if previous is not None:
        code, name = code or previous.program.code, name or previous.program.name
    if not code or not name:
        raise refusal(
            _("Escriba la clave y el nombre del programa."),
            "program_missing",
            "program_code",
        )
    program, _created = Program.objects.get_or_create(
        fiscal_year=fiscal_year, ramo=executing_unit.ramo, code=code, name=name
    )
    if UnitProgram.objects.filter(
        program=program, executing_unit=executing_unit
    ).exists():
        raise refusal(
            _("La unidad ya tiene abierto el programa %(code)s del ejercicio %(year)s.")
            % {"code": code, "year": fiscal_year.pk},
            "plan_exists",
        )
    unit_program = UnitProgram.objects.create(
        program=program,
        executing_unit=executing_unit,
        status=ValueStatus.CAPTURED,
        plan_status=PlanStatus.DRAFT,
        is_demo=is_demo,
        readings={"opened": {"copied_from": previous.pk if previous else None}},
    )
    if previous is not None:
        _goals_copy(previous, unit_program, planner, timezone.now())
    return unit_program


def _goals_copy(
    previous: UnitProgram, unit_program: UnitProgram, planner: User, now: datetime
) -> None:
    for old in previous.goals.prefetch_related("quarters", "goalline_set"):
        goal = Goal.objects.create(
            unit_program=unit_program,
            number=old.number,
            description=old.description,
            unit_of_measure=old.unit_of_measure,
            annual_target=old.annual_target,
            accumulation=old.accumulation,
            by_sex=old.by_sex,
            status=ValueStatus.CAPTURED,
            readings={"copied_from": old.pk},
        )
        GoalLine.objects.bulk_create(
            GoalLine(goal=goal, reference_id=line.reference_id)
            for line in old.goalline_set.all()
        )
        programmed = {row.quarter: row.programmed for row in old.quarters.all()}
        _programming_write(goal, [programmed.get(q) for q in range(1, 5)], planner, now)


def _programming_write(
    goal: Goal, programmed: Sequence[int | None], planner: User, now: datetime
) -> None:
    """Make the goal's four quarters hold ``programmed``, nothing achieved."""
    for quarter, value in enumerate(programmed, start=1):
        QuarterProgress.objects.update_or_create(
            goal=goal,
            quarter=quarter,
            defaults={
                "programmed": value,
                "achieved": None,
                "observation": "",
                "status": ValueStatus.PLANNED,
                "captured_by": planner,
                "captured_at": now,
            },
        )


@dataclass(frozen=True)
class GoalDraft:
    """What staff type for a goal of a year in preparation."""

    number: int
    description: str
    unit_of_measure: str
    annual_target: int
    accumulation: str
    programmed: tuple[int | None, int | None, int | None, int | None]
    # Whether each quarter records the women and the men served.
    by_sex: bool = False


def _goal_checked(
    unit_program: UnitProgram, draft: GoalDraft, goal: Goal | None
) -> None:
    """Refuse a goal that breaks a bound, repeats a number or misses its target."""
    if not 1 <= draft.number <= GOAL_NUMBER_MAX:
        raise refusal(
            _("El número de la meta va de 1 a %(max)s.") % {"max": GOAL_NUMBER_MAX},
            "number_out_of_bounds",
            "number",
        )
    taken = unit_program.goals.filter(number=draft.number)
    if goal is not None:
        taken = taken.exclude(pk=goal.pk)
    if taken.exists():
        raise refusal(
            _("Ya hay una meta %(number)s en este programa.")
            % {"number": draft.number},
            "number_taken",
            "number",
        )
    for field, text, limit in (
        ("description", draft.description, TEXT_MAX),
        ("unit_of_measure", draft.unit_of_measure, UNIT_MAX),
    ):
        if not text.strip() or len(text) > limit:
            raise refusal(
                _("Escriba este dato (hasta %(max)s caracteres).") % {"max": limit},
                "text_required",
                field,
            )
    values = [draft.annual_target, *(p for p in draft.programmed if p is not None)]
    if any(not 0 <= value <= TARGET_MAX for value in values):
        raise refusal(
            _("Las cantidades van de 0 a %(max)s.") % {"max": f"{TARGET_MAX:,}"},
            "amount_out_of_bounds",
            "annual_target",
        )
    kind = Accumulation(draft.accumulation)
    problems = programming_problems(
        draft.number, draft.annual_target, draft.programmed, kind
    )
    if problems:
        message = programmed_sum.worded(
            {key: str(value) for key, value in problems[0].values.items()}, _
        )
        raise refusal(
            message or problems[0].message, "programming_off_target", "programmed"
        )


@service
def goal_save(
    *,
    unit_program: UnitProgram,
    draft: GoalDraft,
    goal: Goal | None = None,
    actor: Actor,
) -> Goal:
    """Add a goal to a year in preparation, or change one, with its programming."""
    require(actor, Action.CAPTURE, unit_program)
    planner = _planner(actor)
    unit_program = UnitProgram.objects.select_for_update().get(pk=unit_program.pk)
    _draft_or_raise(unit_program)
    if goal is not None and goal.unit_program_id != unit_program.pk:
        raise ValueError("the goal belongs to another program")
    _goal_checked(unit_program, draft, goal)
    fields = {
        "number": draft.number,
        "description": draft.description.strip(),
        "unit_of_measure": draft.unit_of_measure.strip(),
        "annual_target": draft.annual_target,
        "accumulation": Accumulation(draft.accumulation).value,
        "by_sex": draft.by_sex,
        "status": ValueStatus.CAPTURED,
    }
    if goal is None:
        goal = Goal.objects.create(unit_program=unit_program, **fields)
    else:
        for name, value in fields.items():
            setattr(goal, name, value)
        goal.save()
    _programming_write(goal, draft.programmed, planner, timezone.now())
    return goal


@service
def goal_remove(*, goal: Goal, actor: Actor) -> None:
    """Take a goal out of a year in preparation."""
    require(actor, Action.CAPTURE, goal)
    _draft_or_raise(goal.unit_program)
    goal.delete()


def plan_has_goals(unit_program: UnitProgram) -> None:
    """A year is sent to a validator only with its goals."""
    if not unit_program.goals.exists():
        raise refusal(
            _("El programa no tiene metas: registre al menos una."),
            "plan_without_goals",
        )


def plan_records(unit_program: UnitProgram) -> list[Written]:
    """Return every row a plan is made of, goals taken out included."""
    goal_ids = set(unit_program.goals.values_list("pk", flat=True))
    goal_ids |= set(
        history_of(Goal)
        ._default_manager.filter(unit_program_id=unit_program.pk)
        .values_list("pgh_obj_id", flat=True)
    )
    return [
        Written(UnitProgram, [unit_program.pk]),
        Written(Goal, where={"unit_program_id": unit_program.pk}),
        Written(QuarterProgress, where={"goal_id__in": sorted(goal_ids)}),
        Written(GoalLine, where={"goal_id__in": sorted(goal_ids)}),
    ]


@service
def goal_links_set(
    *,
    goal: Goal,
    works: Sequence[str],
    committees: Sequence[str],
    actor: Actor,
) -> Goal:
    """Link a goal to the works and committees it counts (by the works' keys).

    A committee is named by its work's key. An unknown key is refused,
    naming it, and nothing changes.
    """
    require(actor, Action.CAPTURE, goal)
    found_works = _by_key(Work.objects.all(), works, "works")
    found_committees = _by_key(
        Committee.objects.select_related("work"), committees, "committees", "work__"
    )
    with transaction.atomic():
        GoalWork.objects.filter(goal=goal).exclude(work__in=found_works).delete()
        GoalWork.objects.bulk_create(
            [GoalWork(goal=goal, work=work) for work in found_works],
            ignore_conflicts=True,
        )
        GoalCommittee.objects.filter(goal=goal).exclude(
            committee__in=found_committees
        ).delete()
        GoalCommittee.objects.bulk_create(
            [GoalCommittee(goal=goal, committee=c) for c in found_committees],
            ignore_conflicts=True,
        )
    return goal


# A goal counts at most this many records of each kind.
LINKS_MAX = 2_000


def _by_key(
    queryset: QuerySet[Any], keys: Sequence[str], field: str, prefix: str = ""
) -> list[Any]:
    wanted = list(dict.fromkeys(key.strip() for key in keys if key.strip()))
    if len(wanted) > LINKS_MAX:
        raise refusal(
            _("Una meta cuenta hasta %(max)s registros de cada tipo.")
            % {"max": LINKS_MAX},
            "too_many_links",
            field,
        )
    found = {
        getattr(item.work, "public_id", None) if prefix else item.public_id: item
        for item in queryset.filter(**{f"{prefix}public_id__in": wanted})
    }
    missing = [key for key in wanted if key not in found]
    if missing:
        message = (
            _("No hay obras con estas claves: %(keys)s.")
            if field == "works"
            else _("Estas obras no tienen comité ciudadano: %(keys)s.")
        )
        raise refusal(
            message % {"keys": ", ".join(missing[:10])}, "unknown_keys", field
        )
    return [found[key] for key in wanted]
