"""Reads for the program pages, the TMM-F004 output and the downloads.

Accumulated figures are derived here and nowhere else: the absolute advance
is Σ achieved of the published quarters, the relative is absolute ÷ annual
target rounded as the form rounds (whole percent, half up). While a
published quarter waits for review or approval neither is known; what the
imported form itself prints for that quarter is shown instead, marked as
printed, and where the derived figure and the printed one differ both are
shown. A quarter is published once it is reported (imported, or captured
and approved). A captured value no one has approved yet is shown only to
``staff`` (the unit's capture staff and validators), whatever quarter it is
in: an import may report a quarter whose capture still waits for approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ruta.accounts.permissions import Action, can
from ruta.programs.models import (
    Goal,
    GoalFlag,
    PlanReference,
    QuarterProgress,
    UnitProgram,
    ValueStatus,
    quarter_label,
)
from ruta.programs.reasons import review_reasons, review_rules
from ruta.programs.rules import (
    NEEDS_REVIEW,
    PERIOD_NAMES,
    Accumulation,
    accumulate,
    relative_percent,
)
from ruta.programs.workflow import UNAPPROVED, least_certain
from ruta.sources.models import DocumentFinding

OVER, UNDER, MET = GoalFlag.OVER.value, GoalFlag.UNDER.value, GoalFlag.MET.value


@dataclass(frozen=True)
class QuarterView:
    """One quarter of a goal as published through a given quarter."""

    quarter: int
    label: str
    programmed: int | None
    achieved: int | None
    status: str
    flag: str | None
    observation: str
    reason: str
    row: QuarterProgress | None

    @property
    def needs_review(self) -> bool:
        return self.status == ValueStatus.NEEDS_REVIEW

    @property
    def awaits_approval(self) -> bool:
        """Return whether the quarter holds a capture no one has approved yet."""
        return self.status in UNAPPROVED

    @property
    def review_reasons(self) -> tuple[str, ...]:
        """Return why the values wait for review, in the page's language."""
        if not self.needs_review or self.row is None:
            return ()
        return review_reasons(review_rules(self.row.readings))

    @property
    def women(self) -> int | None:
        """Return the women served, shown as what the quarter achieved is."""
        return (
            self.row.women
            if self.row is not None and self.achieved is not None
            else None
        )

    @property
    def men(self) -> int | None:
        """Return the men served, shown as what the quarter achieved is."""
        return (
            self.row.men if self.row is not None and self.achieved is not None else None
        )

    @property
    def programmed_pending(self) -> bool:
        """Return whether the programmed value itself waits for review."""
        return self._pending("programmed")

    @property
    def achieved_pending(self) -> bool:
        """Return whether the achieved value itself waits for review."""
        return self._pending("achieved")

    def _pending(self, side: str) -> bool:
        if not self.needs_review or self.row is None:
            return False
        reading = self.row.readings.get(side)
        return reading is None or reading["status"] == ValueStatus.NEEDS_REVIEW

    @property
    def status_label(self) -> str:
        return str(ValueStatus(self.status).label) if self.status else ""

    @property
    def flag_label(self) -> str:
        return str(GoalFlag(self.flag).label) if self.flag else ""


@dataclass(frozen=True)
class GoalView:
    """A goal with its quarters and the derived accumulated figures."""

    goal: Goal
    lines: tuple[str, ...]
    quarters: tuple[QuarterView, ...]
    absolute: int | None  # None while a published quarter waits (review, approval)
    relative: Decimal | None
    flag: str | None
    observation: str
    status: str
    awaits_approval: bool = False  # a reported quarter's capture is not approved
    printed_absolute: int | None = None  # as the imported form prints it
    printed_relative: Decimal | None = None

    @property
    def printed_bar(self) -> int:
        """Return the printed relative advance capped at 100, for a progress bar."""
        return min(int(self.printed_relative or 0), 100)

    @property
    def shows_printed(self) -> bool:
        """Return whether the figures shown are the form's (quarters pending)."""
        printed = (self.printed_absolute, self.printed_relative)
        return self.absolute is None and printed != (None, None)

    @property
    def differs_from_printed(self) -> bool:
        """Return whether Σ achieved contradicts the absolute the form prints."""
        return (
            self.absolute is not None
            and self.printed_absolute is not None
            and self.absolute != self.printed_absolute
        )

    @property
    def lines_pending(self) -> bool:
        """Return whether the goal's líneas de acción wait for review."""
        reading = self.goal.readings.get("lines_of_action", {})
        return reading.get("status") == ValueStatus.NEEDS_REVIEW

    @property
    def bar(self) -> int:
        """Return the relative advance capped at 100, for a progress bar."""
        return min(int(self.relative), 100) if self.relative is not None else 0

    @property
    def needs_review(self) -> bool:
        return self.status == ValueStatus.NEEDS_REVIEW

    @property
    def status_label(self) -> str:
        return str(ValueStatus(self.status).label)

    @property
    def flag_label(self) -> str:
        return str(GoalFlag(self.flag).label) if self.flag else ""


@dataclass(frozen=True)
class UnitSummary:
    """How one unit's goals stand.

    Met, over, under and ``unknown`` (no advance to compare yet) split the
    goals; ``review`` counts, across them, the goals with values to decide.
    """

    unit_program: UnitProgram
    goals: int
    met: int
    over: int
    under: int
    review: int

    @property
    def unknown(self) -> int:
        """Return the goals with no advance to compare with their target yet."""
        return self.goals - self.met - self.over - self.under

    @property
    def on_track(self) -> int:
        """Return the goals at or above what was programmed (the green light)."""
        return self.met + self.over


def is_unit_staff(user: object, unit_program: UnitProgram) -> bool:
    """Return whether ``user`` is ``staff`` of the unit: may capture or validate.

    Staff see captured values awaiting approval, on the pages and in the
    audit history alike.
    """
    return can(user, Action.VALIDATE, unit_program) or can(
        user, Action.CAPTURE, unit_program
    )


def unit_programs(*, every_plan: bool = False) -> QuerySet[UnitProgram]:
    """Return the unit programs with their structure and goals prefetched.

    Only the approved years, which the public sees, unless ``every_plan``:
    a year in preparation is its unit's staff's (``plans.plan_visible``).
    """
    goals = Goal.objects.order_by("number").prefetch_related(
        Prefetch(
            "quarters",
            queryset=QuarterProgress.objects.select_related("source_document").order_by(
                "quarter"
            ),
        ),
        Prefetch("lines_of_action", queryset=PlanReference.objects.order_by("code")),
    )
    # A municipality's instance shows its own units' programs only.
    programs = UnitProgram.objects.with_structure().here()
    if not every_plan:
        programs = programs.approved()
    return (
        programs.prefetch_related(Prefetch("goals", queryset=goals))
        .annotate(uncoded=Q(executing_unit__code=""))
        .order_by(
            "-program__fiscal_year",
            "program__ramo__code",
            "program__code",
            "uncoded",  # units that print no code after the coded ones
            "executing_unit__code",
            "executing_unit__name",
        )
    )


def poa_years() -> list[int]:
    """Return the years with a public unit program, newest first."""
    years = unit_programs().order_by().values_list("program__fiscal_year_id", flat=True)
    return sorted(set(years), reverse=True)


def year_summaries(year: int) -> list[UnitSummary]:
    """Return how each unit's goals of ``year`` stand (``unit_summaries``)."""
    return unit_summaries(unit_programs().filter(program__fiscal_year_id=year))


def unit_program_get(pk: int) -> UnitProgram:
    """Return one unit program with everything its pages show, of any plan status."""
    return unit_programs(every_plan=True).get(pk=pk)


def goal_views(
    unit_program: UnitProgram, through: int | None = None, *, staff: bool = False
) -> list[GoalView]:
    """Return the unit's goals as published through quarter ``through``.

    ``through`` defaults to the last reported quarter. Captured values no one
    has approved are shown only when ``staff`` is set.
    """
    if through is None:
        through = unit_program.reported_quarter or 0
    printed = printed_quarter(unit_program)
    return [
        goal_view(goal, through, staff=staff, printed_quarter=printed)
        for goal in unit_program.goals.all()
    ]


def published_quarters(
    unit_program: UnitProgram,
) -> Iterator[tuple[GoalView, QuarterView]]:
    """Yield each goal's quarters that are published: kept, up to the reported one.

    A quarter after the one the unit reports, or one with no row, is not
    published (a captured quarter awaiting approval is not reported yet).
    """
    reported = unit_program.reported_quarter or 0
    for view in goal_views(unit_program):
        for quarter in view.quarters:
            if quarter.row is not None and quarter.quarter <= reported:
                yield view, quarter


def printed_quarter(unit_program: UnitProgram) -> int | None:
    """Return the quarter the unit's imported form reports (its FECHA), if any."""
    label = (unit_program.readings.get("period") or {}).get("value") or ""
    return next(
        (n for n, name in enumerate(PERIOD_NAMES, start=1) if label.startswith(name)),
        None,
    )


def goal_view(
    goal: Goal,
    through: int,
    *,
    staff: bool = False,
    printed_quarter: int | None = None,
) -> GoalView:
    """Return one goal's quarters and accumulated figures through ``through``.

    ``printed_quarter`` is the quarter of the form the goal was read from:
    the accumulated figures that form prints belong to that quarter only.
    """
    rows = {row.quarter: row for row in goal.quarters.all()}
    quarters = tuple(_quarter(rows.get(q), q, through, staff) for q in range(1, 5))
    published = [q for q in quarters if q.quarter <= through]
    absolute = None
    if not any(q.needs_review or q.awaits_approval for q in published):
        kind = Accumulation(goal.accumulation)
        absolute = accumulate([q.achieved for q in published], kind)
    target = goal.annual_target
    relative = (
        relative_percent(absolute, target) if target and absolute is not None else None
    )
    statuses = [goal.status, *(q.status for q in quarters if q.status)]
    printed_absolute, printed_relative = (
        _printed(goal, rows.get(through))
        if through and through == printed_quarter
        else (None, None)
    )
    return GoalView(
        goal=goal,
        lines=tuple(line.code for line in goal.lines_of_action.all()),
        quarters=quarters,
        absolute=absolute,
        relative=relative,
        flag=_goal_flag(goal, quarters, absolute, through),
        observation=quarters[through - 1].observation if through else "",
        status=least_certain(statuses),
        awaits_approval=any(q.awaits_approval for q in published),
        printed_absolute=printed_absolute,
        printed_relative=printed_relative,
    )


def _printed(
    goal: Goal, last: QuarterProgress | None
) -> tuple[int | None, Decimal | None]:
    """Return the accumulated figures the goal's form prints, when they apply.

    They are the form's for the quarter that form reports, so they apply
    only when the view's last quarter came from the goal's own document, and
    only once read (verified, reconciled) or decided by a validator.
    """
    if last is None or last.source_document_id != goal.source_document_id:
        return None, None
    absolute = _settled(goal.readings.get("absolute"))
    relative = _settled(goal.readings.get("relative_pct"))
    return (
        None if absolute is None else int(absolute),
        None if relative is None else Decimal(str(relative)),
    )


def _settled(reading: dict | None) -> Any:
    """Return a reading's value unless it still waits for review."""
    if not reading or reading.get("status") == ValueStatus.NEEDS_REVIEW:
        return None
    return reading.get("value")


def _quarter(
    row: QuarterProgress | None, quarter: int, through: int, staff: bool
) -> QuarterView:
    label = quarter_label(quarter)
    reported = quarter <= through
    if row is None or (row.status in UNAPPROVED and not (staff or reported)):
        return QuarterView(quarter, label, None, None, "", None, "", "", None)
    if row.status in UNAPPROVED and not staff:
        # reported by an import while its capture waits: say so, show nothing
        return QuarterView(quarter, label, None, None, row.status, None, "", "", None)
    shown = reported or row.status in UNAPPROVED
    achieved = row.achieved if shown else None
    return QuarterView(
        quarter=quarter,
        label=label,
        programmed=row.programmed,
        achieved=achieved,
        status=row.status,
        flag=compare(achieved, row.programmed) if reported else None,
        observation=row.observation if shown else "",
        reason=row.reason,
        row=row,
    )


def compare(achieved: int | None, expected: int | None) -> str | None:
    """Return over, under or met; None when there is nothing to compare."""
    if achieved is None and not expected:
        return None
    achieved = achieved or 0
    if achieved == (expected or 0):
        return MET
    return OVER if achieved > (expected or 0) else UNDER


def _goal_flag(
    goal: Goal, quarters: Sequence[QuarterView], absolute: int | None, through: int
) -> str | None:
    """Compare with the annual target once the year is reported, else with P so far."""
    if through == 0 or absolute is None:
        return None
    if through == 4:
        expected = goal.annual_target
    else:
        expected = accumulate(
            [q.programmed for q in quarters if q.quarter <= through],
            Accumulation(goal.accumulation),
        )
    return compare(absolute, expected) if expected else None


def unit_summaries(
    programs: Iterable[UnitProgram], through: int | None = None
) -> list[UnitSummary]:
    """Return each unit program's goals met, over, under and needing review,
    through quarter ``through`` (never past the one it reports) or the last
    reported one."""
    summaries = []
    for unit_program in programs:
        reported = unit_program.reported_quarter or 0
        views = goal_views(
            unit_program, None if through is None else min(through, reported)
        )
        summaries.append(
            UnitSummary(
                unit_program=unit_program,
                goals=len(views),
                met=sum(v.flag == MET for v in views),
                over=sum(v.flag == OVER for v in views),
                under=sum(v.flag == UNDER for v in views),
                review=sum(v.needs_review for v in views),
            )
        )
    return summaries


def period_label(unit_program: UnitProgram, quarter: int) -> str:
    """Return the form's period: "OCTUBRE-DICIEMBRE 2023"."""
    return f"{PERIOD_NAMES[quarter - 1]} {unit_program.program.fiscal_year_id}"


def form_findings(unit_program: UnitProgram) -> list[DocumentFinding]:
    """Return the findings of the unit's imported form, but the review items.

    The reader names each finding's form ("…, form 54101 DIRECCIÓN, goal
    103"); values left for review are shown where they stand instead.
    """
    document = unit_program.source_document
    if document is None:
        return []
    unit = unit_program.executing_unit
    label = " ".join(part for part in (unit.code, unit.name) if part)
    found = document.findings.exclude(code=NEEDS_REVIEW).order_by("pk")
    return [finding for finding in found if _names_form(finding.where, label)]


def _names_form(where: str, label: str) -> bool:
    """Return whether a finding's place names the form ``label`` (or lists it)."""
    if f", form {label}," in f"{where},":
        return True
    listed = where.partition(", forms ")[2]
    return label in listed.split(", ")
