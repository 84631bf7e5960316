"""Capture staff enter the next quarter; a validator approves it.

The quarter open for capture is the one after the last reported quarter
(``UnitProgram.reported_quarter``); captured values can be corrected until a
validator approves them, which publishes the quarter. Approval takes a second
person: whoever captured a value of the quarter may not approve it. The
reader's checks run on every capture and block it with a message per problem;
``quarter_check`` runs the same checks without saving, for the form's live
check as the user types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import audited
from ruta.accounts.duties import Written, approval_require
from ruta.accounts.models import User
from ruta.accounts.permissions import Action, require
from ruta.common.db.published import data_published_notify
from ruta.programs.checks import CaptureProblem, blocking, capture_findings
from ruta.programs.models import (
    Goal,
    QuarterProgress,
    QuarterSignatures,
    UnitProgram,
    ValueStatus,
)
from ruta.programs.rules import Accumulation, population_findings
from ruta.programs.workflow import open_quarter, transition_require

# The services that approve quarters: their events on a row are not writing it.
APPROVALS = frozenset({"quarter_approve"})


@dataclass(frozen=True)
class QuarterEntry:
    """What capture staff typed for one goal in the open quarter."""

    goal_id: int
    programmed: int | None
    achieved: int | None
    observation: str = ""
    # How the goal's quarters accumulate, as staff chose it (None: unchanged).
    accumulation: str | None = None
    # The population served, by sex, of a goal that registers it.
    women: int | None = None
    men: int | None = None

    def kind(self, goal: Goal) -> Accumulation:
        """Return the accumulation the checks apply: the chosen one, or the goal's."""
        return Accumulation(self.accumulation or goal.accumulation)


class CaptureRejected(ValidationError):
    """A capture the checks block; ``problems`` says why, goal by goal."""

    def __init__(self, problems: Sequence[CaptureProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__([p.message for p in problems], code="capture_rejected")


def quarter_capture(
    *,
    unit_program: UnitProgram,
    quarter: int,
    entries: Sequence[QuarterEntry],
    actor: User,
) -> list[QuarterProgress]:
    """Record the open quarter's values for every goal, after the checks pass."""
    goals, problems = _checked(unit_program, quarter, entries, actor)
    if problems:
        raise CaptureRejected(problems)
    now = timezone.now()
    with (
        transaction.atomic(),
        audited(actor, "quarter_capture", quarter=quarter),
    ):
        return [_write(goals[e.goal_id], quarter, e, actor, now) for e in entries]


def quarter_check(
    *,
    unit_program: UnitProgram,
    quarter: int,
    entries: Sequence[QuarterEntry],
    actor: User,
) -> list[CaptureProblem]:
    """Return what would block capturing ``entries``, writing nothing.

    The very checks ``quarter_capture`` runs, in its order: what it refuses
    outright (no permission, quarter not open, a goal missing) raises the same
    error here, and the problems it would reject the capture with are
    returned, empty when the capture would be saved. The capture page runs
    this as the user types.
    """
    return _checked(unit_program, quarter, entries, actor)[1]


def _checked(
    unit_program: UnitProgram,
    quarter: int,
    entries: Sequence[QuarterEntry],
    actor: User,
) -> tuple[dict[int, Goal], list[CaptureProblem]]:
    """Run every check of a capture; return the goals and the blocking problems."""
    require(actor, Action.CAPTURE, unit_program)
    _open_or_raise(unit_program, quarter)
    goals = {g.pk: g for g in unit_program.goals.prefetch_related("quarters")}
    if set(goals) != {entry.goal_id for entry in entries}:
        raise ValidationError(
            _("Capture todas las metas del programa."), code="goals_missing"
        )
    problems = [
        problem
        for entry in entries
        for problem in _problems(goals[entry.goal_id], quarter, entry)
    ]
    if not problems:
        for goal in goals.values():
            row = _row(goal, quarter)
            current = row.status if row is not None else None
            transition_require(actor, current, ValueStatus.CAPTURED, unit_program)
    return goals, problems


def quarter_approve(*, unit_program: UnitProgram, quarter: int, actor: User) -> int:
    """Approve the captured quarter, publishing it; return the rows approved."""
    transition_require(actor, ValueStatus.CAPTURED, ValueStatus.APPROVED, unit_program)
    now = timezone.now()
    with (
        transaction.atomic(),
        audited(actor, "quarter_approve", quarter=quarter),
    ):
        rows = list(
            QuarterProgress.objects.select_for_update().filter(
                goal__unit_program=unit_program,
                quarter=quarter,
                status=ValueStatus.CAPTURED,
            )
        )
        _approvable_or_raise(rows, actor)
        for row in rows:
            row.status = ValueStatus.APPROVED
            row.approved_by, row.approved_at = actor, now
            row.save(update_fields=["status", "approved_by", "approved_at"])
        unit_program.reported_quarter = max(unit_program.reported_quarter or 0, quarter)
        unit_program.save(update_fields=["reported_quarter"])
        _signatures_open(unit_program, quarter)
        data_published_notify(what="programs")
    return len(rows)


def _signatures_open(unit_program: UnitProgram, quarter: int) -> None:
    """Ask the form's three responsibles to sign the quarter just approved
    (``ruta.programs.cycles.SIGNATURES``)."""
    QuarterSignatures.objects.get_or_create(unit_program=unit_program, quarter=quarter)


def _approvable_or_raise(rows: Sequence[QuarterProgress], actor: User) -> None:
    if not rows:
        raise ValidationError(
            _("No hay valores capturados de ese trimestre."), code="nothing_captured"
        )
    # Every version counts: someone who captured the quarter and saw another
    # person re-save it still cannot approve it.
    approval_require(
        actor,
        [Written(QuarterProgress, [row.pk for row in rows])],
        what=_("valores de este trimestre"),
        besides=APPROVALS,
        also=[row.captured_by_id for row in rows],
    )


def _open_or_raise(unit_program: UnitProgram, quarter: int) -> None:
    if not unit_program.plan_approved:
        raise ValidationError(
            _(
                "El programa anual de esta unidad no está aprobado: primero se "
                "aprueban sus metas y su programación."
            ),
            code="plan_not_approved",
        )
    if unit_program.program.fiscal_year.is_closed:
        raise ValidationError(
            _("El ejercicio %(year)s está cerrado.")
            % {"year": unit_program.program.fiscal_year_id},
            code="year_closed",
        )
    if quarter != open_quarter(unit_program):
        raise ValidationError(
            _("El trimestre %(quarter)s no está abierto para captura.")
            % {"quarter": quarter},
            code="quarter_closed",
        )


def _problems(goal: Goal, quarter: int, entry: QuarterEntry) -> list[CaptureProblem]:
    by_quarter = {row.quarter: row for row in goal.quarters.all()}
    earlier = [
        (row.programmed, row.achieved) if (row := by_quarter.get(q)) else (None, None)
        for q in range(1, quarter)
    ]
    findings = capture_findings(
        number=goal.number,
        annual_target=goal.annual_target,
        earlier=earlier,
        entry=(entry.programmed, entry.achieved),
        observation=entry.observation,
        accumulation=entry.kind(goal),
    )
    findings += population_findings(
        goal.number,
        quarter,
        entry.achieved,
        entry.women,
        entry.men,
        by_sex=goal.by_sex,
        unit_of_measure=goal.unit_of_measure,
    )
    return blocking(findings, goal.number)


def _accumulation_choose(
    goal: Goal, entry: QuarterEntry, actor: User, now: datetime
) -> None:
    """Keep staff's choice of how the goal accumulates, with who chose it."""
    kind = entry.kind(goal)
    if kind == goal.accumulation:
        return
    goal.accumulation = kind
    goal.readings = {
        **goal.readings,
        "accumulation": {
            "value": str(kind),
            "status": ValueStatus.CAPTURED,
            "reason": "chosen by capture staff",
            "rule": "chosen_in_capture",
            "sources": [],
            "candidates": [],
            "discarded": [],
            "decided_by": actor.pk,
            "decided_at": str(now),
        },
    }
    goal.save(update_fields=["accumulation", "readings"])


def _row(goal: Goal, quarter: int) -> QuarterProgress | None:
    return next((r for r in goal.quarters.all() if r.quarter == quarter), None)


def _write(
    goal: Goal, quarter: int, entry: QuarterEntry, actor: User, now: datetime
) -> QuarterProgress:
    _accumulation_choose(goal, entry, actor, now)
    row = _row(goal, quarter)
    readings = {}
    if row is not None and row.source_document_id:
        readings = {"document": {**row.readings, "id": row.source_document_id}}
    row, _ = QuarterProgress.objects.update_or_create(
        goal=goal,
        quarter=quarter,
        defaults={
            "programmed": entry.programmed,
            "achieved": entry.achieved,
            "observation": entry.observation.strip(),
            "women": entry.women,
            "men": entry.men,
            "status": ValueStatus.CAPTURED,
            "reason": "",
            "candidates": [],
            "readings": readings,
            "source_document": None,
            "source_lines": [],
            "captured_by": actor,
            "captured_at": now,
        },
    )
    return row
