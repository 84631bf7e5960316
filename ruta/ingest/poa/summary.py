"""The JSON form of reconciled TMM-F004 forms and their findings.

Values are plain (counts as numbers, percents as strings, codes as printed on
the form: "54", "511", "54101"); beside them, ``statuses`` mirrors each goal's
values with their status, and ``review`` lists what is left for a person with
the candidates. ``printed_row`` gives a goal's figures as the form prints
them, which is how the regenerated form is compared with the source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from ruta.ingest.poa.model import (
    CodedName,
    Reading,
    ReconciledForm,
    ReconciledGoal,
    Status,
)
from ruta.sources.findings import Finding

SEVERITY = {Status.VERIFIED: 0, Status.RECONCILED: 1, Status.NEEDS_REVIEW: 2}


def forms_as_json(
    forms: Iterable[ReconciledForm], findings: Iterable[Finding]
) -> dict[str, Any]:
    """Return ``forms`` and ``findings`` as a JSON-serialisable dict."""
    return {
        "forms": [_form(form) for form in forms],
        "findings": [finding.as_dict() for finding in findings],
    }


def worst(readings: Iterable[Reading[Any]]) -> Status:
    """Return the least certain status among ``readings``."""
    return max(
        (r.status for r in readings), key=SEVERITY.__getitem__, default=Status.VERIFIED
    )


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _coded(entry: CodedName) -> dict[str, Any]:
    return {
        "code": entry.code.value,
        "name": entry.name.value,
        "code_status": str(entry.code.status),
        "name_status": str(entry.name.status),
    }


def _person(reading: Reading[str]) -> dict[str, Any]:
    return {"name": reading.value, "status": str(reading.status)}


def _form(form: ReconciledForm) -> dict[str, Any]:
    period = form.period.value
    return {
        "source": form.source_name,
        "copies": list(form.copies),
        "issuer": form.issuer.value,
        "form_code": form.form_code.value,
        "ramo": _coded(form.ramo),
        "program": _coded(form.program),
        "executing_unit": _coded(form.executing_unit),
        "finalidad": _coded(form.finalidad),
        "funcion": _coded(form.funcion),
        "subfuncion": _coded(form.subfuncion),
        "ejes": [_coded(eje) for eje in form.ejes],
        "lines_of_action": [_coded(line) for line in form.lines_of_action],
        "period": {
            "year": period.year if period else None,
            "quarter": period.quarter if period else None,
            "label": period.label if period else None,
            "status": str(form.period.status),
        },
        "persons": {
            "program": _person(form.persons.program),
            "executing_unit": _person(form.persons.executing_unit),
            "ramo": _person(form.persons.ramo),
        },
        "goals": [goal_as_json(goal) for goal in form.goals],
    }


def goal_as_json(goal: ReconciledGoal) -> dict[str, Any]:
    """Return one goal: plain values, their statuses, and what needs review."""
    return {
        "number": goal.number.value,
        "description": goal.description.value,
        "unit": goal.unit.value,
        "annual_target": goal.annual_target.value,
        "lines_of_action": _plain(goal.lines_of_action.value),
        "quarters": [
            {
                "label": q.label,
                "programmed": q.programmed.value,
                "achieved": q.achieved.value,
            }
            for q in goal.quarters
        ],
        "absolute": goal.absolute.value,
        "relative_pct": _plain(goal.relative_pct.value),
        "observation": goal.observation.value,
        "accumulation": goal.accumulation.value,
        "status": str(worst(goal.readings())),
        "statuses": _statuses(goal),
        "review": _review(goal),
    }


def _statuses(goal: ReconciledGoal) -> dict[str, Any]:
    return {
        "number": str(goal.number.status),
        "description": str(goal.description.status),
        "unit": str(goal.unit.status),
        "annual_target": str(goal.annual_target.status),
        "lines_of_action": str(goal.lines_of_action.status),
        "quarters": [
            {"programmed": str(q.programmed.status), "achieved": str(q.achieved.status)}
            for q in goal.quarters
        ],
        "absolute": str(goal.absolute.status),
        "relative_pct": str(goal.relative_pct.status),
        "observation": str(goal.observation.status),
        "accumulation": str(goal.accumulation.status),
    }


def _named(goal: ReconciledGoal) -> list[tuple[str, Reading[Any]]]:
    cells = [
        (f"{q.label} {side}", reading)
        for q in goal.quarters
        for side, reading in (("P", q.programmed), ("A", q.achieved))
    ]
    return [
        ("number", goal.number),
        ("description", goal.description),
        ("unit", goal.unit),
        ("annual_target", goal.annual_target),
        ("lines_of_action", goal.lines_of_action),
        *cells,
        ("absolute", goal.absolute),
        ("relative_pct", goal.relative_pct),
        ("observation", goal.observation),
    ]


def _review(goal: ReconciledGoal) -> list[dict[str, Any]]:
    return [
        {
            "field": name,
            "reason": reading.reason,
            "candidates": [_plain(c.value) for c in reading.candidates],
        }
        for name, reading in _named(goal)
        if reading.status == Status.NEEDS_REVIEW
    ]


def _cell(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def printed_row(goal: ReconciledGoal) -> tuple[str, ...]:
    """Return the goal's figures as the form prints them.

    Annual target, P and A of each quarter, absolute and relative ("1,770",
    "101%"); a blank cell stays blank.
    """
    cells: Sequence[int | None] = [
        goal.annual_target.value,
        *(v for q in goal.quarters for v in (q.programmed.value, q.achieved.value)),
        goal.absolute.value,
    ]
    relative = goal.relative_pct.value
    return (*(_cell(v) for v in cells), "" if relative is None else f"{relative}%")
