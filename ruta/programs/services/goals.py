"""Write the goals and quarters of a printed TMM-F004 form.

``form_write`` (``forms``) calls ``goals_write`` once it has the form's unit
program; the rules on what a later or an older document may change are in
that module's docstring.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from ruta.catalog.models import PlanElement, PlanElementKind, PlanFramework
from ruta.programs.models import (
    AccumulationChoice,
    Goal,
    GoalLine,
    PlanReference,
    QuarterProgress,
    UnitProgram,
    ValueStatus,
)
from ruta.programs.reasons import join_reasons
from ruta.programs.rules import QUARTER_LABELS, says_by_sex
from ruta.programs.services.printed import (
    PrintedForm,
    PrintedGoal,
    PrintedQuarter,
    Reading,
)
from ruta.programs.workflow import SETTLED_BY_PEOPLE, least_certain
from ruta.sources.findings import Finding, Say, Values, figure, finding_kind, sentence
from ruta.sources.models import Severity, SourceDocument

LINE = PlanElementKind.LINE_OF_ACTION


def readings_merge(
    old: dict[str, Reading], new: dict[str, Reading]
) -> dict[str, Reading]:
    """Return ``new`` readings, keeping those a validator settled in ``old``."""
    kept = {
        key: reading
        for key, reading in old.items()
        if reading.get("status") == ValueStatus.REVIEWED
    }
    return {**new, **kept}


class References:
    """The ejes and líneas de acción of one plan: read once, created on demand."""

    def __init__(self, plan: PlanFramework | None) -> None:
        self.plan = plan
        known = PlanReference.objects.filter(plan=plan)
        self._known = {(r.kind, r.code): r for r in known}
        elements = plan.elements.all() if plan else PlanElement.objects.none()
        self._elements = {(e.kind, e.number): e for e in elements}

    def get(self, kind: str, code: str, name: str = "") -> PlanReference:
        """Return the reference printed as ``code``, creating it if new."""
        reference = self._known.get((kind, code))
        if reference is None:
            reference = PlanReference.objects.create(
                kind=kind,
                plan=self.plan,
                code=code,
                name=name,
                element=self._elements.get((kind, code)),
            )
            self._known[kind, code] = reference
        elif name and not reference.name:
            reference.name = name
            reference.save(update_fields=["name"])
        return reference


@finding_kind(
    "POA-SUPERSEDED",
    summary=sentence(
        "Este documento reemplaza valores que otro documento había reportado."
    ),
)
def superseded(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s, %(quarter)s: %(earlier)s reportó %(programmed_before)s "
            "programado y %(achieved_before)s alcanzado; este documento reporta "
            "%(programmed)s y %(achieved)s, que los reemplazan."
        )
    ) % {
        "goal": values["goal"],
        "quarter": values["quarter"],
        "earlier": values["earlier"],
        "programmed_before": figure(values["programmed_before"], say),
        "achieved_before": figure(values["achieved_before"], say),
        "programmed": figure(values["programmed"], say),
        "achieved": figure(values["achieved"], say),
    }


@finding_kind(
    "POA-GOAL-NOT-REPORTED",
    summary=sentence("Una meta del reporte anterior no aparece en este formato."),
)
def goal_not_reported(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La meta %(goal)s no está en este formato para %(quarter)s; sus valores "
            "quedan como los reportó %(earlier)s."
        )
    ) % {
        "goal": values["goal"],
        "quarter": values["quarter"],
        "earlier": values["earlier"],
    }


class Superseded:
    """What a form replaces of another document's report of the same quarter."""

    def __init__(
        self, unit_program: UnitProgram, document: SourceDocument, quarter: int
    ) -> None:
        self.unit_program = unit_program
        self.document = document
        self.quarter = quarter
        self.where = f"{document.name}, form {unit_program.executing_unit}"
        self.changed: list[Finding] = []

    def note(self, goal: Goal, row: QuarterProgress, printed: PrintedQuarter) -> None:
        """Record ``row``'s values before this document's ``printed`` replace them."""
        if row.source_document_id in (None, self.document.pk):
            return
        before = (row.programmed, row.achieved)
        after = (printed.programmed.value, printed.achieved.value)
        if before == after:
            return
        earlier = row.source_document
        if earlier is None:
            return
        label = QUARTER_LABELS[row.quarter - 1]
        self.changed.append(
            superseded.found(
                where=f"{self.where}, goal {goal.number}",
                values={
                    "goal": goal.number,
                    "earlier": earlier.name,
                    "quarter": label,
                    "programmed_before": before[0],
                    "achieved_before": before[1],
                    "programmed": after[0],
                    "achieved": after[1],
                },
                severity=Severity.INFO,
            )
        )

    def findings(self, form: PrintedForm) -> list[Finding]:
        """Return the changed values and the goals only the earlier report has."""
        printed = {goal.number.value for goal in form.goals}
        missing = [
            goal_not_reported.found(
                where=f"{self.where}, goal {row.goal.number}",
                values={
                    "goal": row.goal.number,
                    "quarter": QUARTER_LABELS[self.quarter - 1],
                    "earlier": row.source_document.name if row.source_document else "",
                },
                severity=Severity.WARNING,
            )
            for row in QuarterProgress.objects.filter(
                goal__unit_program=self.unit_program, quarter=self.quarter
            )
            .exclude(source_document=self.document)
            .exclude(source_document=None)
            .select_related("goal", "source_document")
            .order_by("goal__number")
            if row.goal.number not in printed
        ]
        return [*self.changed, *missing]


def goals_write(
    unit_program: UnitProgram,
    form: PrintedForm,
    document: SourceDocument,
    quarter: int,
    references: References,
    older: bool,
    replaced: Superseded,
) -> None:
    """Write the form's goals; an ``older`` form only adds what is missing."""
    names = form.line_names()
    existing = {
        goal.number: goal
        for goal in unit_program.goals.prefetch_related("quarters", "goalline_set")
    }
    for printed in form.goals:
        number = printed.number.value
        if number is None:
            raise ValueError("a goal is written only with its number")
        goal = existing.get(number)
        readings = readings_merge(goal.readings if goal else {}, printed.readings())
        note = readings["observation"]["value"] or ""
        if goal is not None and older:
            _quarters_write(goal, printed, document, quarter, note, older=True)
            continue
        fields = _goal_fields(readings, printed, document)
        goal = _goal_save(goal, unit_program, number, fields)
        codes = readings["lines_of_action"]["value"] or []
        goal_lines_set(goal, [references.get(LINE, c, names.get(c, "")) for c in codes])
        _quarters_write(
            goal, printed, document, quarter, note, older=older, replaced=replaced
        )


def _goal_save(
    goal: Goal | None, unit_program: UnitProgram, number: int, fields: dict[str, Any]
) -> Goal:
    """Create goal ``number`` with ``fields``, or set them on the existing one."""
    if goal is None:
        return Goal.objects.create(unit_program=unit_program, number=number, **fields)
    for attribute, value in fields.items():
        setattr(goal, attribute, value)
    goal.save()
    return goal


def _goal_fields(
    readings: dict[str, Reading], printed: PrintedGoal, document: SourceDocument
) -> dict[str, Any]:
    return {
        "description": readings["description"]["value"] or "",
        "unit_of_measure": readings["unit"]["value"] or "",
        "annual_target": readings["annual_target"]["value"],
        "accumulation": readings["accumulation"]["value"] or AccumulationChoice.SUM,
        # The goal's own words say whether it registers its population by sex
        # (goal 502); the form prints no figures by sex, so none are read.
        "by_sex": says_by_sex(readings["description"]["value"] or ""),
        "status": least_certain(r["status"] for r in readings.values()),
        "readings": readings,
        "quarter_candidates": [c.as_json() for c in printed.candidates],
        "source_document": document,
        "source_lines": [place.as_json() for place in printed.places],
    }


def goal_lines_set(goal: Goal, wanted: list[PlanReference]) -> None:
    """Make the goal's líneas de acción exactly ``wanted``."""
    have = {line.reference_id for line in goal.goalline_set.all()}
    keep = {reference.pk for reference in wanted}
    if have - keep:
        GoalLine.objects.filter(goal=goal, reference_id__in=have - keep).delete()
    missing = keep - have
    GoalLine.objects.bulk_create(GoalLine(goal=goal, reference_id=pk) for pk in missing)


def _quarters_write(
    goal: Goal,
    printed: PrintedGoal,
    document: SourceDocument,
    quarter: int,
    note: str,
    *,
    older: bool,
    replaced: Superseded | None = None,
) -> None:
    """Write the quarters the form may change (see the module's docstring)."""
    rows = {row.quarter: row for row in goal.quarters.all()}
    new: list[QuarterProgress] = []
    for number, cells in enumerate(printed.quarters, start=1):
        row = rows.get(number)
        if row is not None and (older or number > quarter):
            continue  # a later report's value, or a later quarter already planned
        if row is not None and row.status in SETTLED_BY_PEOPLE:
            row.readings = {**row.readings, "document": cells.readings()}
            row.save(update_fields=["readings"])
            continue
        if row is not None and replaced is not None:
            replaced.note(goal, row, cells)
        row = row or QuarterProgress(goal=goal, quarter=number)
        _quarter_fill(row, cells, printed, document)
        if number == quarter:
            row.observation = note
        if row.pk is None:
            new.append(row)
        else:
            row.save()
    QuarterProgress.objects.bulk_create(new)


def _quarter_fill(
    row: QuarterProgress,
    cells: PrintedQuarter,
    printed: PrintedGoal,
    document: SourceDocument,
) -> None:
    """Set a quarter's values from the form's readings of its P and A."""
    sides = cells.sides().values()
    row.programmed = cells.programmed.value
    row.achieved = cells.achieved.value
    row.status = least_certain(side.status for side in sides)
    row.reason = join_reasons([side.reason for side in sides])
    row.candidates = quarter_candidates(cells, printed, row.quarter)
    row.readings = cells.readings()
    row.source_document = document
    places = {place for side in sides for place in side.places}
    row.source_lines = [place.as_json() for place in sorted(places)]


def quarter_candidates(
    cells: PrintedQuarter, printed: PrintedGoal, number: int
) -> list[dict[str, int | None]]:
    """Return the (P, A) pairs the copies allow for a quarter left for review.

    Whole readings of the goal's cells come first: they fit the form's
    arithmetic together. Without them, each side's own alternatives.
    """
    sides = cells.sides().values()
    if not any(side.status == ValueStatus.NEEDS_REVIEW for side in sides):
        return []
    pairs = [
        (c.cells[2 * number - 2], c.cells[2 * number - 1]) for c in printed.candidates
    ]
    if not pairs:
        options: list[list[Any]] = [
            [c.value for c in side.candidates] or [side.value] for side in sides
        ]
        pairs = [(p, a) for p, a in product(*options)]
    unique = list(dict.fromkeys(pairs))
    return [{"programmed": p, "achieved": a} for p, a in unique]
