"""A validator settles what the reader left for review.

Each decision keeps what was shown, what was there, what was chosen, who,
when and why (``ReviewDecision``), and runs inside an audit context naming
the validator and the reason, so the history of the changed rows says the
same. The value's reading becomes "reviewed" (reconciled by a validator).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import audited
from ruta.accounts.models import User
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import PlanElementKind
from ruta.common.db.published import data_published_notify
from ruta.programs.checks import CaptureProblem, blocking, capture_findings
from ruta.programs.linking import municipal_plan
from ruta.programs.models import (
    QUARTERS_FIELD,
    Goal,
    Pair,
    QuarterProgress,
    ReviewDecision,
    UnitProgram,
    UnitProgramReference,
    ValueStatus,
)
from ruta.programs.rules import Accumulation
from ruta.programs.selectors.review import quarter_options
from ruta.programs.services.capture import CaptureRejected
from ruta.programs.services.goals import References, goal_lines_set
from ruta.programs.workflow import least_certain, transition_require


def value_decide(
    *,
    unit_program: UnitProgram,
    field: str,
    value: Any,
    reason: str,
    actor: User,
    goal: Goal | None = None,
) -> ReviewDecision:
    """Settle the header or goal value ``field`` left for review as ``value``."""
    require(actor, Action.VALIDATE, unit_program)
    if goal is not None and goal.unit_program_id != unit_program.pk:
        raise ValidationError(
            _("Esa meta no pertenece a este programa."), code="goal_mismatch"
        )
    reason = _required(reason)
    now = timezone.now()
    with (
        transaction.atomic(),
        audited(actor, "value_decide", reason=reason),
    ):
        target = _locked(unit_program, goal)
        reading = target.readings.get(field)
        if reading is None:
            raise ValidationError(_("Ese dato no existe."), code="unknown_field")
        transition_require(actor, reading["status"], ValueStatus.REVIEWED, unit_program)
        target.readings[field] = _decided(reading, value, actor, now, reason)
        target.status = least_certain(r["status"] for r in target.readings.values())
        _apply(target, field, value)
        target.save()
        data_published_notify(what="programs")
        return ReviewDecision.objects.create(
            unit_program=unit_program,
            goal=goal,
            field=field,
            previous=reading["value"],
            chosen=value,
            candidates=[c["value"] for c in reading["candidates"]],
            reason=reason,
            decided_by=actor,
            decided_at=now,
        )


def _locked(unit_program: UnitProgram, goal: Goal | None) -> UnitProgram | Goal:
    """Return the decided record read again and locked until the transaction ends."""
    if goal is None:
        return UnitProgram.objects.select_for_update().get(pk=unit_program.pk)
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    locked.unit_program = unit_program
    return locked


def quarters_decide(
    *, goal: Goal, values: Sequence[Pair], reason: str, actor: User
) -> ReviewDecision:
    """Settle the goal's quarters left for review (``values``: P, A per quarter).

    Values typed by the validator are a capture: the capture checks run on
    them and block the decision with their messages. A whole reading the
    copies print is the document's own figures and is not blocked (the
    document's findings already record what its arithmetic says).
    """
    unit_program = goal.unit_program
    require(actor, Action.VALIDATE, unit_program)
    reason = _required(reason)
    now = timezone.now()
    with (
        transaction.atomic(),
        audited(actor, "quarters_decide", reason=reason),
    ):
        goal = Goal.objects.select_for_update().get(pk=goal.pk)
        quarters = list(goal.quarters.select_for_update().order_by("quarter"))
        rows = [row for row in quarters if row.status == ValueStatus.NEEDS_REVIEW]
        if not rows:
            raise ValidationError(_("No hay trimestres por revisar."), code="nothing")
        for row in rows:
            transition_require(actor, row.status, ValueStatus.REVIEWED, unit_program)
        problems = decision_problems(goal, quarters, rows, values)
        if problems and not _printed(goal, rows, values):
            raise CaptureRejected(problems)
        previous = {row.quarter: [row.programmed, row.achieved] for row in rows}
        for row in rows:
            _quarter_decided(row, values[row.quarter - 1], actor, now, reason)
        data_published_notify(what="programs")
        return ReviewDecision.objects.create(
            unit_program=unit_program,
            goal=goal,
            field=QUARTERS_FIELD,
            previous=previous,
            chosen={row.quarter: list(values[row.quarter - 1]) for row in rows},
            candidates=goal.quarter_candidates
            or {row.quarter: row.candidates for row in rows},
            reason=reason,
            decided_by=actor,
            decided_at=now,
        )


def _printed(
    goal: Goal, rows: Sequence[QuarterProgress], values: Sequence[Pair]
) -> bool:
    """Return whether ``values`` are one of the readings the copies offer."""
    chosen = tuple(tuple(values[row.quarter - 1]) for row in rows)
    return chosen in quarter_options(goal, rows)


def decision_problems(
    goal: Goal,
    quarters: Sequence[QuarterProgress],
    rows: Sequence[QuarterProgress],
    values: Sequence[Pair],
) -> list[CaptureProblem]:
    """Return what the capture checks block in the quarters ``rows`` as decided.

    A form has one observation per goal, so it stands for every quarter that
    has none of its own.
    """
    pairs: list[Pair] = [(None, None)] * 4
    for row in quarters:
        pairs[row.quarter - 1] = (row.programmed, row.achieved)
    for row in rows:
        programmed, achieved = values[row.quarter - 1]
        pairs[row.quarter - 1] = (programmed, achieved)
    noted = (goal.readings.get("observation") or {}).get("value") or ""
    problems: dict[tuple[str, str], CaptureProblem] = {}
    for row in rows:
        findings = capture_findings(
            number=goal.number,
            annual_target=goal.annual_target,
            earlier=pairs[: row.quarter - 1],
            entry=pairs[row.quarter - 1],
            observation=row.observation or noted,
            accumulation=Accumulation(goal.accumulation),
        )
        for problem in blocking(findings, goal.number):
            problems.setdefault((problem.code, problem.message), problem)
    return list(problems.values())


def _required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Escriba el motivo de la decisión."), code="reason_required"
        )
    return reason


def _decided(
    reading: dict[str, Any], value: Any, actor: User, now: Any, reason: str
) -> dict[str, Any]:
    return {
        **reading,
        "value": value,
        "status": ValueStatus.REVIEWED.value,
        "decided_by": actor.pk,
        "decided_at": now.isoformat(),
        "decision": reason,
    }


def _quarter_decided(
    row: QuarterProgress, pair: Pair, actor: User, now: Any, reason: str
) -> None:
    row.programmed, row.achieved = pair
    for side, value in zip(("programmed", "achieved"), pair, strict=True):
        if side in row.readings:
            row.readings[side] = _decided(row.readings[side], value, actor, now, reason)
    row.status = ValueStatus.REVIEWED
    row.reason = reason
    row.save()


# ---------------------------------------------------------------- applying


def _apply(target: UnitProgram | Goal, field: str, value: Any) -> None:
    """Copy a settled value into the field it fills, if it fills one."""
    appliers = GOAL_APPLIERS if isinstance(target, Goal) else HEADER_APPLIERS
    apply = appliers.get(field)
    if apply is not None:
        apply(target, value)
    elif isinstance(target, UnitProgram) and (listed := LISTED_NAME.fullmatch(field)):
        _listed_name(target, listed["listed"], int(listed["index"]), value)


def _listed_name(unit_program: UnitProgram, listed: str, index: int, name: Any) -> None:
    """Name the header's ``index``-th eje or línea as the validator decided."""
    code = (unit_program.readings.get(f"{listed}.{index}.code") or {}).get("value")
    if code:
        UnitProgramReference.objects.filter(
            unit_program=unit_program,
            reference__code=code,
            reference__kind=_KINDS[listed],
        ).update(printed_name=name or "")


def _set(
    attribute: str, cast: Callable[[Any], Any] = str
) -> Callable[[Any, Any], None]:
    def apply(target: Any, value: Any) -> None:
        blank = "" if cast is str else None
        setattr(target, attribute, blank if value in (None, "") else cast(value))

    return apply


def _lines(goal: Goal, codes: Any) -> None:
    references = References(municipal_plan(goal.unit_program.program.ramo.agency))
    line = PlanElementKind.LINE_OF_ACTION
    goal_lines_set(goal, [references.get(line, code) for code in codes or []])


def _observation(goal: Goal, text: Any) -> None:
    quarter = goal.unit_program.reported_quarter
    if quarter is None:
        return  # no quarter reported: no quarter's observation to write
    goal.quarters.filter(quarter=quarter).update(observation=text or "")


def _unit_code(unit_program: UnitProgram, code: Any) -> None:
    unit = unit_program.executing_unit
    if code and not unit.code:
        unit.code = str(code)
        unit.save(update_fields=["code"])


GOAL_APPLIERS: dict[str, Callable[[Any, Any], None]] = {
    "description": _set("description"),
    "unit": _set("unit_of_measure"),
    "annual_target": _set("annual_target", int),
    "lines_of_action": _lines,
    "observation": _observation,
}
LISTED_NAME = re.compile(r"(?P<listed>ejes|lines_of_action)\.(?P<index>\d+)\.name")
_KINDS = {
    "ejes": PlanElementKind.AXIS,
    "lines_of_action": PlanElementKind.LINE_OF_ACTION,
}
HEADER_APPLIERS: dict[str, Callable[[Any, Any], None]] = {
    "executing_unit.code": _unit_code,
    "persons.program": _set("responsible_program"),
    "persons.executing_unit": _set("responsible_unit"),
    "persons.ramo": _set("responsible_ramo"),
    **{
        f"{field}.{part}": _set(f"{field}_{part}")
        for field in ("finalidad", "funcion", "subfuncion")
        for part in ("code", "name")
    },
}
