"""The import payload: ``forms_as_json`` plus how every value was read.

``forms_as_json`` gives each value and its status; the database also keeps
the reason, the rule, the copies and lines it was read from and the
alternatives, so every published figure can be traced to its place in the
document. This module adds those beside the values (``readings``) and names
the document. Pure: no database, no files. The same payload is what
``ruta ingest poa --dry-run --json`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ruta.ingest.poa import (
    Alternative,
    CodedName,
    Period,
    Reading,
    ReconciledForm,
    ReconciledGoal,
    forms_as_json,
)
from ruta.sources.findings import Finding

KIND = "poa-tmm-f004"
PAYLOAD_VERSION = 1
GOAL_FIELDS = (
    "number",
    "description",
    "unit",
    "annual_target",
    "lines_of_action",
    "absolute",
    "relative_pct",
    "observation",
    "accumulation",
)

Payload = dict[str, Any]


def poa_payload(
    forms: Sequence[ReconciledForm],
    findings: Sequence[Finding],
    *,
    name: str,
    sha256: str,
) -> Payload:
    """Return the forms, their findings and every value's reading, as JSON."""
    data = forms_as_json(forms, findings)
    for form_json, form in zip(data["forms"], forms, strict=True):
        _add_form_readings(form_json, form)
    document = {"name": name, "sha256": sha256, "kind": KIND, "title": title(forms)}
    return {"version": PAYLOAD_VERSION, "document": document, **data}


def title(forms: Sequence[ReconciledForm]) -> str:
    """Return what the document is, in the forms' own words.

    "TMM-F004 Avance físico programático, OCTUBRE-DICIEMBRE 2023, ramo 54
    BIENESTAR SOCIAL MUNICIPAL (BISOM)".
    """
    if not forms:
        return ""
    form = forms[0]
    period = form.period.value.label if form.period.value else ""
    ramo = " ".join(v for v in (form.ramo.code.value, form.ramo.name.value) if v)
    parts = [f"{form.form_code.value or 'TMM-F004'} Avance físico programático", period]
    parts.append(f"ramo {ramo}" if ramo else "")
    return ", ".join(part for part in parts if part)


def reading_json(reading: Reading[Any]) -> dict[str, Any]:
    """Return a reading's status, reason, rule, places and alternatives."""
    return {
        "status": str(reading.status),
        "reason": reading.reason,
        "rule": reading.rule,
        "sources": [[s.copy, s.line] for s in reading.sources],
        "candidates": [_alternative(a) for a in reading.candidates],
        "discarded": [_alternative(a) for a in reading.discarded],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Period):
        return {"year": value.year, "quarter": value.quarter, "label": value.label}
    return value


def _alternative(alternative: Alternative) -> dict[str, Any]:
    return {
        "value": _plain(alternative.value),
        "sources": [[s.copy, s.line] for s in alternative.sources],
        "note": alternative.note,
    }


def _coded(entry_json: dict[str, Any], entry: CodedName) -> None:
    entry_json["readings"] = {
        "code": reading_json(entry.code),
        "name": reading_json(entry.name),
    }


def _add_form_readings(form_json: dict[str, Any], form: ReconciledForm) -> None:
    form_json["readings"] = {
        "issuer": reading_json(form.issuer),
        "form_code": reading_json(form.form_code),
        "period": reading_json(form.period),
    }
    for field in ("ramo", "program", "executing_unit"):
        _coded(form_json[field], getattr(form, field))
    for field in ("finalidad", "funcion", "subfuncion"):
        _coded(form_json[field], getattr(form, field))
    for entry_json, entry in zip(form_json["ejes"], form.ejes, strict=True):
        _coded(entry_json, entry)
    for entry_json, entry in zip(
        form_json["lines_of_action"], form.lines_of_action, strict=True
    ):
        _coded(entry_json, entry)
    for role in ("program", "executing_unit", "ramo"):
        reading = getattr(form.persons, role)
        form_json["persons"][role]["reading"] = reading_json(reading)
    for goal_json, goal in zip(form_json["goals"], form.goals, strict=True):
        _add_goal_readings(goal_json, goal)


def _add_goal_readings(goal_json: dict[str, Any], goal: ReconciledGoal) -> None:
    goal_json["readings"] = {
        field: reading_json(getattr(goal, field)) for field in GOAL_FIELDS
    }
    for quarter_json, quarter in zip(goal_json["quarters"], goal.quarters, strict=True):
        quarter_json["readings"] = {
            "programmed": reading_json(quarter.programmed),
            "achieved": reading_json(quarter.achieved),
        }
    goal_json["quarter_candidates"] = [
        {"cells": list(c.cells), "absolute": c.absolute} for c in goal.candidates
    ]
    goal_json["sources"] = [[s.copy, s.line] for s in goal.sources]


_FLAT = ("ramo", "program", "executing_unit")


def printed_json(payload: Payload) -> Payload:
    """Return the payload as ``ruta ingest poa --json`` prints it.

    The ramo, program and executing unit are their codes as the form prints
    them ("54", "511", "54101"; None when no copy prints one) with their names
    beside them, the period is its printed label, and the relative progress a
    number; the full entries with their readings stay under ``structure`` and
    ``period_detail``.
    """
    return {**payload, "forms": [_printed_form(form) for form in payload["forms"]]}


def _printed_form(form: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for field in _FLAT:
        flat[field] = form[field]["code"]
        flat[f"{field}_name"] = form[field]["name"]
    flat["period"] = form["period"]["label"]
    rest = {key: value for key, value in form.items() if key not in flat}
    goals = [
        {**goal, "relative_pct": _number(goal["relative_pct"])}
        for goal in form["goals"]
    ]
    return {
        **flat,
        **rest,
        "goals": goals,
        "structure": {field: form[field] for field in _FLAT},
        "period_detail": form["period"],
    }


def _number(text: str | None) -> int | float | None:
    """Return a printed percent ("275", "101.5") as a JSON number."""
    if text is None:
        return None
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)
