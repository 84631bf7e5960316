"""Arithmetic and completeness checks of TMM-F004 goals.

``check_goal`` works on plain numbers so the capture form can run the same
rules while staff type a quarter; ``check_form`` and ``check_document`` run
them on reconciled forms and add what reading and reconciling found.

The form prints the relative advance as a whole percent rounded half up:
1,770 ÷ 1,751 = 101.09 → "101%", 9 ÷ 8 = 112.5 → "113%", 170 ÷ 120 = 141.67 →
"142%", 15 ÷ 17 = 88.24 → "88%".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from ruta.ingest.findings import Finding
from ruta.ingest.poa.model import INFO, QUARTER_LABELS, WARNING, Status
from ruta.ingest.poa.voting import fold

if TYPE_CHECKING:
    from ruta.ingest.poa.model import FormCopy, Reading, ReconciledForm, ReconciledGoal

HUNDRED = Decimal(100)

# The codes of the goal rules (``check_goal``): stable, for messages and pages.
ACHIEVED_SUM = "POA-ACHIEVED-SUM"
TARGET_INVALID = "POA-TARGET-INVALID"
RELATIVE = "POA-RELATIVE"
ACHIEVED_UNPROGRAMMED = "POA-ACHIEVED-UNPROGRAMMED"
PROGRAMMED_SUM = "POA-PROGRAMMED-SUM"
NO_OBSERVATION = "POA-NO-OBSERVATION"
NEEDS_REVIEW = "POA-NEEDS-REVIEW"
GOAL_RULES = (
    ACHIEVED_SUM,
    TARGET_INVALID,
    RELATIVE,
    ACHIEVED_UNPROGRAMMED,
    PROGRAMMED_SUM,
    NO_OBSERVATION,
)

Quarter = tuple[int | None, int | None]  # (programmed, achieved); None = blank


def relative_percent(absolute: int | Decimal, target: int | Decimal) -> Decimal:
    """Return absolute ÷ target as the form prints it: whole percent, half up."""
    if not target:
        raise ValueError("the annual target is zero; no relative advance")
    ratio = Decimal(absolute) * HUNDRED / Decimal(target)
    return ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def check_goal(
    number: int,
    annual_target: int | None,
    quarters: Sequence[Quarter],
    absolute: int | None,
    relative_pct: Decimal | None,
    observation: str = "",
    *,
    where: str = "",
    through: int = 4,
) -> list[Finding]:
    """Return the findings of one goal's figures (quarters entered so far).

    ``through`` is the last quarter the form reports: before the year ends a
    goal deviates when its absolute advance differs from what was programmed
    so far, not from the annual target.
    """
    place = f"{where}, goal {number}" if where else f"goal {number}"
    findings = [
        *_achieved_sum(number, quarters, absolute, place),
        *_relative(number, annual_target, absolute, relative_pct, place),
        *_unprogrammed(number, quarters, place),
        *_programmed_sum(number, annual_target, quarters, place),
    ]
    if observation.strip():
        return findings
    if through < len(QUARTER_LABELS):
        findings += _midyear_gap(number, quarters[:through], absolute, place)
        return findings
    pct = _shown_percent(annual_target, absolute, relative_pct)
    if pct is not None and pct != HUNDRED:
        findings.append(_no_observation(number, pct, place))
    return findings


def _midyear_gap(
    number: int, quarters: Sequence[Quarter], absolute: int | None, place: str
) -> list[Finding]:
    """Return a finding if the advance so far differs from what was programmed."""
    programmed = sum(p or 0 for p, _ in quarters)
    if absolute is None or absolute == programmed:
        return []
    side = "over" if absolute > programmed else "under"
    label = QUARTER_LABELS[len(quarters) - 1] if quarters else ""
    message = (
        f"goal {number}: {absolute} achieved through {label} is {side} the "
        f"{programmed} programmed and there is no observation"
    )
    return [
        _finding(
            NO_OBSERVATION,
            message,
            place,
            achieved=absolute,
            programmed=programmed,
            through=label,
        )
    ]


def _finding(
    code: str, message: str, place: str, severity: str = WARNING, **values: Any
) -> Finding:
    return Finding(
        code=code, message=message, where=place, values=values, severity=severity
    )


def _achieved_sum(
    number: int, quarters: Sequence[Quarter], absolute: int | None, place: str
) -> list[Finding]:
    achieved = sum(a or 0 for _, a in quarters)
    if absolute is None or achieved == absolute:
        return []
    message = (
        f"goal {number}: Σ achieved is {achieved} but the absolute advance is "
        f"{absolute}"
    )
    return [
        _finding(ACHIEVED_SUM, message, place, achieved=achieved, absolute=absolute)
    ]


def _relative(
    number: int,
    target: int | None,
    absolute: int | None,
    relative_pct: Decimal | None,
    place: str,
) -> list[Finding]:
    if not target or target < 0:
        message = f"goal {number}: the annual target is {target}; no relative advance"
        return [_finding(TARGET_INVALID, message, place, target=target)]
    if absolute is None or relative_pct is None:
        return []
    expected = relative_percent(absolute, target)
    if expected == relative_pct:
        return []
    message = (
        f"goal {number}: relative advance printed {relative_pct}% but "
        f"{absolute} ÷ {target} gives {expected}%"
    )
    return [_finding(RELATIVE, message, place, printed=relative_pct, expected=expected)]


def _unprogrammed(
    number: int, quarters: Sequence[Quarter], place: str
) -> list[Finding]:
    findings = []
    for name, (programmed, achieved) in zip(QUARTER_LABELS, quarters, strict=False):
        if achieved and not programmed:
            message = (
                f"goal {number}: {achieved} achieved in {name} with nothing programmed"
            )
            findings.append(
                _finding(
                    ACHIEVED_UNPROGRAMMED,
                    message,
                    place,
                    quarter=name,
                    achieved=achieved,
                )
            )
    return findings


def _programmed_sum(
    number: int, target: int | None, quarters: Sequence[Quarter], place: str
) -> list[Finding]:
    if target is None or len(quarters) < len(QUARTER_LABELS):
        return []
    programmed = sum(p or 0 for p, _ in quarters)
    if programmed == target:
        return []
    message = (
        f"goal {number}: Σ programmed is {programmed} but the annual target is {target}"
    )
    return [
        _finding(
            PROGRAMMED_SUM,
            message,
            place,
            INFO,
            programmed=programmed,
            target=target,
        )
    ]


def _shown_percent(
    target: int | None, absolute: int | None, relative_pct: Decimal | None
) -> Decimal | None:
    if relative_pct is not None:
        return relative_pct
    if absolute is None or not target or target < 0:
        return None
    return relative_percent(absolute, target)


def _no_observation(number: int, pct: Decimal, place: str) -> Finding:
    side = "over" if pct > HUNDRED else "under"
    message = f"goal {number}: {pct}% is {side} the goal and there is no observation"
    return _finding(NO_OBSERVATION, message, place, relative=pct)


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


def check_form(form: ReconciledForm) -> list[Finding]:
    """Return the arithmetic findings and the values left for review of a form."""
    where = f"{form.source_name}, form {form.label()}"
    findings = _header_review(form, where)
    period = form.period.value
    through = period.quarter if period and period.quarter else len(QUARTER_LABELS)
    for goal in form.goals:
        findings += _goal_findings(goal, where, through)
        findings += _review_findings(goal, where)
    return findings


def _goal_findings(goal: ReconciledGoal, where: str, through: int = 4) -> list[Finding]:
    cells = [r for q in goal.quarters for r in (q.programmed, q.achieved)]
    unresolved = any(r.value is None and r.status == Status.NEEDS_REVIEW for r in cells)
    quarters = [(q.programmed.value, q.achieved.value) for q in goal.quarters]
    number = goal.number.value or 0
    if unresolved or goal.absolute.value is None:
        pct = goal.relative_pct.value
        final = through == len(QUARTER_LABELS)
        if (
            final
            and pct is not None
            and pct != HUNDRED
            and not _observation(goal).strip()
        ):
            return [_no_observation(number, pct, f"{where}, goal {number}")]
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
        )
        for name, reading in named
        if reading.status == Status.NEEDS_REVIEW
    ]


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
        )
        for name, reading in _header_readings(form)
        if reading.status == Status.NEEDS_REVIEW
    ]


def check_document(
    copies: Sequence[FormCopy], forms: Sequence[ReconciledForm]
) -> list[Finding]:
    """Return every finding of a document: reading, reconciling and arithmetic."""
    findings = [finding for copy in copies for finding in copy.findings]
    findings += [finding for copy in copies for finding in check_copy(copy)]
    for form in forms:
        findings += list(form.notes)
        findings += check_form(form)
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
            _finding("POA-LISTED-NAME", message, where, listed=code, names=len(names))
        )
    return findings
