"""Arithmetic and completeness checks of the TMM-F004 forms a document prints.

The goal rules themselves are the domain's (``ruta.programs.rules``): the
capture page runs the same ``check_goal`` while staff type a quarter.
``check_form`` and ``check_document`` run them on reconciled forms and add
what reading and reconciling found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ruta.ingest.poa.model import Status
from ruta.ingest.poa.voting import fold
from ruta.programs.rules import (
    ACHIEVED_SUM,
    ACHIEVED_UNPROGRAMMED,
    GOAL_RULES,
    HUNDRED,
    INFO,
    NEEDS_REVIEW,
    NO_OBSERVATION,
    PROGRAMMED_SUM,
    QUARTER_LABELS,
    RELATIVE,
    TARGET_INVALID,
    Accumulation,
    check_goal,
    no_observation,
    relative_percent,
)
from ruta.programs.rules import finding as _finding
from ruta.sources.findings import Finding

if TYPE_CHECKING:
    from ruta.ingest.poa.model import FormCopy, Reading, ReconciledForm, ReconciledGoal

__all__ = [
    "ACHIEVED_SUM",
    "ACHIEVED_UNPROGRAMMED",
    "GOAL_RULES",
    "NEEDS_REVIEW",
    "NO_OBSERVATION",
    "PROGRAMMED_SUM",
    "RELATIVE",
    "TARGET_INVALID",
    "check_copy",
    "check_document",
    "check_form",
    "check_goal",
    "relative_percent",
]


# ---------------------------------------------------------------- forms


def check_copy(copy: FormCopy) -> list[Finding]:
    """Return a finding for each goal number a copy prints more than once."""
    counts = Counter(row.number for row in copy.rows)
    findings = []
    for number, times in sorted(counts.items()):
        if times > 1:
            lines = [row.line for row in copy.rows if row.number == number]
            message = (
                f"goal number {number} is printed {times} times in one copy; "
                "rows are matched to goals by their description"
            )
            printed = ", ".join(map(str, lines))
            where = f"{copy.source_name}, {copy.describe()}, lines {printed}"
            findings.append(
                _finding("POA-GOAL-REPEATED", message, where, goal=number, times=times)
            )
    return findings


def check_form(
    form: ReconciledForm, *, observation_policy: bool = True
) -> list[Finding]:
    """Return the arithmetic findings and the values left for review of a form."""
    where = f"{form.source_name}, form {form.label()}"
    findings = _header_review(form, where)
    period = form.period.value
    through = period.quarter if period and period.quarter else len(QUARTER_LABELS)
    for goal in form.goals:
        findings += _goal_findings(goal, where, through, observation_policy)
        findings += _review_findings(goal, where)
    return findings


def _goal_findings(
    goal: ReconciledGoal, where: str, through: int = 4, policy: bool = True
) -> list[Finding]:
    cells = [r for q in goal.quarters for r in (q.programmed, q.achieved)]
    unresolved = any(r.value is None and r.status == Status.NEEDS_REVIEW for r in cells)
    quarters = [(q.programmed.value, q.achieved.value) for q in goal.quarters]
    number = goal.number.value or 0
    if unresolved or goal.absolute.value is None:
        pct = goal.relative_pct.value
        final = through == len(QUARTER_LABELS)
        if (
            final
            and policy
            and pct is not None
            and pct != HUNDRED
            and not _observation(goal).strip()
        ):
            return [no_observation(number, pct, f"{where}, goal {number}")]
        return []
    return check_goal(
        number,
        goal.annual_target.value,
        quarters,
        goal.absolute.value,
        goal.relative_pct.value,
        _observation(goal),
        where=where,
        through=through,
        accumulation=Accumulation(goal.accumulation.value or Accumulation.SUM),
        observation_policy=policy,
    )


def _observation(goal: ReconciledGoal) -> str:
    """Return the goal's observation, or a candidate when left for review.

    An observation the copies print differently is left for review with its
    readings; the goal still has one, so it is not reported as missing.
    """
    if goal.observation.value is not None:
        return goal.observation.value
    return next((c.value for c in goal.observation.candidates if c.value), "")


def _review_findings(goal: ReconciledGoal, where: str) -> list[Finding]:
    number = goal.number.value
    named: list[tuple[str, Reading[Any]]] = [
        ("number", goal.number),
        ("description", goal.description),
        ("unit", goal.unit),
        ("annual target", goal.annual_target),
        ("lines of action", goal.lines_of_action),
        ("absolute", goal.absolute),
        ("relative", goal.relative_pct),
        ("observation", goal.observation),
        ("accumulation", goal.accumulation),
    ]
    for quarter in goal.quarters:
        named += [
            (f"{quarter.label} P", quarter.programmed),
            (f"{quarter.label} A", quarter.achieved),
        ]
    return [
        _finding(
            NEEDS_REVIEW,
            f"goal {number}: {name} left for review: {reading.reason}",
            f"{where}, goal {number}",
            INFO,
            field=name,
            candidates=[c.value for c in reading.candidates],
            readings=_readings(reading),
            goal=number,
        )
        for name, reading in named
        if reading.status == Status.NEEDS_REVIEW
    ]


def _readings(reading: Reading[Any]) -> str:
    """Return the candidate readings as pages show them: "1 | —" ("—" is blank)."""
    return " | ".join(_shown(candidate.value) for candidate in reading.candidates)


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value)) or "—"
    return str(value)


def _header_readings(form: ReconciledForm) -> list[tuple[str, Reading[Any]]]:
    named: list[tuple[str, Reading[Any]]] = [
        ("form code", form.form_code),
        ("period", form.period),
        ("person responsible for the programa", form.persons.program),
        ("person responsible for the unidad ejecutora", form.persons.executing_unit),
        ("person responsible for the ramo", form.persons.ramo),
    ]
    coded = (
        ("ramo", form.ramo),
        ("programa", form.program),
        ("unidad ejecutora", form.executing_unit),
        ("finalidad", form.finalidad),
        ("función", form.funcion),
        ("subfunción", form.subfuncion),
    )
    for label, entry in coded:
        named += [(f"{label} code", entry.code), (f"{label} name", entry.name)]
    listed = [("eje", e) for e in form.ejes]
    listed += [("línea de acción", line) for line in form.lines_of_action]
    for label, entry in listed:
        named += [(f"{label} {entry.code.value}", entry.code)]
        named += [(f"{label} {entry.code.value} name", entry.name)]
    return named


def _header_review(form: ReconciledForm, where: str) -> list[Finding]:
    return [
        _finding(
            NEEDS_REVIEW,
            f"{name} left for review: {reading.reason}",
            where,
            INFO,
            field=name,
            candidates=[c.value for c in reading.candidates],
            readings=_readings(reading),
        )
        for name, reading in _header_readings(form)
        if reading.status == Status.NEEDS_REVIEW
    ]


def check_document(
    copies: Sequence[FormCopy],
    forms: Sequence[ReconciledForm],
    *,
    observation_policy: bool = True,
) -> list[Finding]:
    """Return every finding of a document: reading, reconciling and arithmetic.

    ``observation_policy`` adds the platform's informational findings of
    goals off their programme with no observation (``ruta.programs.rules``).
    """
    findings = [finding for copy in copies for finding in copy.findings]
    findings += [finding for copy in copies for finding in check_copy(copy)]
    for form in forms:
        findings += list(form.notes)
        findings += check_form(form, observation_policy=observation_policy)
    findings += check_listed_names(forms)
    return findings


def check_listed_names(forms: Sequence[ReconciledForm]) -> list[Finding]:
    """Return the ejes and líneas one code names differently on different forms.

    One plan gives each code one name; forms of the same document that print
    other words for it (each form's copies agreeing) contradict each other.
    Accents and case are not compared (scans lose them), nor names left for
    review.
    """
    printed: dict[tuple[str, str], dict[str, list[str]]] = {}
    spelled: dict[str, str] = {}
    for form in forms:
        for kind, entries in (
            ("eje", form.ejes),
            ("línea de acción", form.lines_of_action),
        ):
            for entry in entries:
                code, name = entry.code.value, entry.name.value
                if code and name and entry.name.status != Status.NEEDS_REVIEW:
                    names = printed.setdefault((kind, code), {})
                    spelled.setdefault(fold(name), name)
                    names.setdefault(fold(name), []).append(form.label())
    findings = []
    for (kind, code), names in sorted(printed.items()):
        if len(names) < 2:
            continue
        told = "; ".join(
            f"{spelled[key]!r} on {', '.join(labels)}" for key, labels in names.items()
        )
        message = f"{kind} {code} is named differently on the forms: {told}"
        where = f"{forms[0].source_name}, forms " + ", ".join(
            dict.fromkeys(label for labels in names.values() for label in labels)
        )
        findings.append(
            _finding(
                "POA-LISTED-NAME",
                message,
                where,
                listed=code,
                names=len(names),
                kind=kind,
                spellings=" | ".join(spelled[key] for key in names),
            )
        )
    return findings
