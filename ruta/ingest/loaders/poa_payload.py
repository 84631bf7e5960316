"""The import payload: the reader's forms as the programs domain takes them.

The reader (``ruta.ingest.poa``) settles each form from its copies; the
domain (``ruta.programs.services``) takes a ``PrintedForm`` in which every
value keeps how it was read: status, reason, rule, the copies and lines it
was printed on and the alternatives, so every published figure can be traced
to its place in the document. ``poa_payload`` converts one into the other
and names the document; ``payload_json`` is what ``ruta ingest poa
--dry-run --json`` prints. Pure: no database, no files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Any, TypeVar

from ruta.ingest import poa as reader
from ruta.programs.models import ValueStatus
from ruta.programs.services import (
    Alternative,
    CodedName,
    FormPeriod,
    Place,
    PrintedForm,
    PrintedGoal,
    PrintedQuarter,
    PrintedValue,
    QuarterCandidate,
    Signatories,
)
from ruta.programs.workflow import least_certain
from ruta.sources.findings import Finding

KIND = "poa-tmm-f004"
PAYLOAD_VERSION = 1
T = TypeVar("T")


@dataclass(frozen=True)
class Payload:
    """A read TMM-F004 document: its name and hash, title, forms and findings."""

    name: str
    sha256: str
    title: str
    forms: tuple[PrintedForm, ...]
    findings: tuple[Finding, ...]
    # The PDF the text was read from: pages, those read by OCR (summary).
    pdf: dict[str, Any] = dataclass_field(default_factory=dict)


def poa_payload(
    forms: Sequence[reader.ReconciledForm],
    findings: Sequence[Finding],
    *,
    name: str,
    sha256: str,
) -> Payload:
    """Return the document's forms as the domain takes them, with its findings."""
    return Payload(
        name=name,
        sha256=sha256,
        title=title(forms),
        forms=tuple(printed_form(form) for form in forms),
        findings=tuple(findings),
    )


def title(forms: Sequence[reader.ReconciledForm]) -> str:
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


# ---------------------------------------------------------------- to the domain


def printed_form(form: reader.ReconciledForm) -> PrintedForm:
    """Return a reconciled form as the programs domain takes it."""
    persons = form.persons
    return PrintedForm(
        source=form.source_name,
        copies=form.copies,
        issuer=_printed(form.issuer),
        form_code=_printed(form.form_code),
        period=_period(form.period),
        ramo=_coded(form.ramo),
        program=_coded(form.program),
        executing_unit=_coded(form.executing_unit),
        finalidad=_coded(form.finalidad),
        funcion=_coded(form.funcion),
        subfuncion=_coded(form.subfuncion),
        ejes=tuple(_coded(entry) for entry in form.ejes),
        lines_of_action=tuple(_coded(entry) for entry in form.lines_of_action),
        persons=Signatories(
            program=_printed(persons.program),
            executing_unit=_printed(persons.executing_unit),
            ramo=_printed(persons.ramo),
        ),
        goals=tuple(_goal(goal) for goal in form.goals),
    )


def _goal(goal: reader.ReconciledGoal) -> PrintedGoal:
    return PrintedGoal(
        number=_printed(goal.number),
        description=_printed(goal.description),
        unit=_printed(goal.unit),
        annual_target=_printed(goal.annual_target),
        lines_of_action=_printed(goal.lines_of_action),
        quarters=tuple(
            PrintedQuarter(q.label, _printed(q.programmed), _printed(q.achieved))
            for q in goal.quarters
        ),
        absolute=_printed(goal.absolute),
        relative_pct=_printed(goal.relative_pct),
        observation=_printed(goal.observation),
        accumulation=_printed(goal.accumulation),
        candidates=tuple(
            QuarterCandidate(c.cells, c.absolute) for c in goal.candidates
        ),
        places=_places(goal.sources),
    )


def _printed(reading: reader.Reading[T]) -> PrintedValue[T]:
    """Return a value with how the reader read it."""
    return _read_as(reading, reading.value)


def _read_as(reading: reader.Reading[Any], value: T | None) -> PrintedValue[T]:
    """Return ``value`` with how the reader read ``reading``."""
    return PrintedValue(
        value=value,
        status=ValueStatus(reading.status.value),
        reason=reading.reason,
        rule=reading.rule,
        places=_places(reading.sources),
        candidates=tuple(_alternative(a) for a in reading.candidates),
        discarded=tuple(_alternative(a) for a in reading.discarded),
    )


def _period(reading: reader.Reading[reader.Period]) -> PrintedValue[FormPeriod]:
    period = reading.value
    value = FormPeriod(period.year, period.quarter, period.label) if period else None
    return _read_as(reading, value)


def _coded(entry: reader.CodedName) -> CodedName:
    return CodedName(code=_printed(entry.code), name=_printed(entry.name))


def _places(sources: tuple[reader.Source, ...]) -> tuple[Place, ...]:
    return tuple(Place(source.copy, source.line) for source in sources)


def _alternative(alternative: reader.Alternative) -> Alternative:
    return Alternative(
        value=_plain(alternative.value),
        places=_places(alternative.sources),
        note=alternative.note,
    )


def _plain(value: Any) -> Any:
    """Return an alternative's value as JSON holds it (a period as its parts)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, reader.Period):
        return {"year": value.year, "quarter": value.quarter, "label": value.label}
    return value


# ---------------------------------------------------------------- as JSON

_FLAT = ("ramo", "program", "executing_unit")
_CLASSIFICATION = ("finalidad", "funcion", "subfuncion")
# A goal's values before its quarters and after them, in the form's order.
_BEFORE = ("number", "description", "unit", "annual_target", "lines_of_action")
_AFTER = ("absolute", "relative_pct", "observation", "accumulation")


def payload_json(payload: Payload) -> dict[str, Any]:
    """Return the payload as ``ruta ingest poa --json`` prints it.

    The ramo, program and executing unit are their codes as the form prints
    them ("54", "511", "54101"; None when no copy prints one) with their names
    beside them, the period is its printed label, and the relative progress a
    number; the full entries with their readings stay under ``structure`` and
    ``period_detail``.
    """
    document = {
        "name": payload.name,
        "sha256": payload.sha256,
        "kind": KIND,
        "title": payload.title,
        **payload.pdf,
    }
    return {
        "version": PAYLOAD_VERSION,
        "document": document,
        "forms": [_form_json(form) for form in payload.forms],
        "findings": [finding.as_dict() for finding in payload.findings],
    }


def _form_json(form: PrintedForm) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for field in _FLAT:
        entry: CodedName = getattr(form, field)
        flat[field] = entry.code.value
        flat[f"{field}_name"] = entry.name.value
    period = _period_json(form.period)
    return {
        **flat,
        "period": period["label"],
        "source": form.source,
        "copies": list(form.copies),
        "issuer": form.issuer.value,
        "form_code": form.form_code.value,
        **{field: _coded_json(getattr(form, field)) for field in _CLASSIFICATION},
        "ejes": [_coded_json(entry) for entry in form.ejes],
        "lines_of_action": [_coded_json(entry) for entry in form.lines_of_action],
        "persons": {
            role: _person_json(person)
            for role, person in form.persons.by_role().items()
        },
        "goals": [_goal_json(goal) for goal in form.goals],
        "readings": {
            "issuer": form.issuer.how_read(),
            "form_code": form.form_code.how_read(),
            "period": form.period.how_read(),
        },
        "structure": {field: _coded_json(getattr(form, field)) for field in _FLAT},
        "period_detail": period,
    }


def _person_json(person: PrintedValue[str]) -> dict[str, Any]:
    return {
        "name": person.value,
        "status": str(person.status),
        "reading": person.how_read(),
    }


def _coded_json(entry: CodedName) -> dict[str, Any]:
    return {
        "code": entry.code.value,
        "name": entry.name.value,
        "code_status": str(entry.code.status),
        "name_status": str(entry.name.status),
        "readings": {"code": entry.code.how_read(), "name": entry.name.how_read()},
    }


def _period_json(printed: PrintedValue[FormPeriod]) -> dict[str, Any]:
    period = printed.value
    return {
        "year": period.year if period else None,
        "quarter": period.quarter if period else None,
        "label": period.label if period else None,
        "status": str(printed.status),
    }


def _goal_json(goal: PrintedGoal) -> dict[str, Any]:
    values = goal.values()
    after = {field: values[field].plain() for field in _AFTER}
    after["relative_pct"] = _number(goal.relative_pct.value)
    return {
        **{field: values[field].plain() for field in _BEFORE},
        "quarters": [_quarter_json(quarter) for quarter in goal.quarters],
        **after,
        "status": str(least_certain(value.status for _, value in _named(goal))),
        "statuses": _statuses(goal),
        "review": _review(goal),
        "readings": {field: value.how_read() for field, value in values.items()},
        "quarter_candidates": [c.as_json() for c in goal.candidates],
        "sources": [place.as_json() for place in goal.places],
    }


def _quarter_json(quarter: PrintedQuarter) -> dict[str, Any]:
    sides = quarter.sides()
    return {
        "label": quarter.label,
        **{side: value.value for side, value in sides.items()},
        "readings": {side: value.how_read() for side, value in sides.items()},
    }


def _named(goal: PrintedGoal) -> list[tuple[str, PrintedValue[Any]]]:
    """Return every value of the goal, named as a review names it ("OCT-DIC P")."""
    values = goal.values()
    cells = [
        (f"{q.label} {side}", value)
        for q in goal.quarters
        for side, value in (("P", q.programmed), ("A", q.achieved))
    ]
    return [
        *((field, values[field]) for field in _BEFORE),
        *cells,
        *((field, values[field]) for field in _AFTER),
    ]


def _statuses(goal: PrintedGoal) -> dict[str, Any]:
    values = goal.values()
    return {
        **{field: str(values[field].status) for field in _BEFORE},
        "quarters": [
            {side: str(value.status) for side, value in q.sides().items()}
            for q in goal.quarters
        ],
        **{field: str(values[field].status) for field in _AFTER},
    }


def _review(goal: PrintedGoal) -> list[dict[str, Any]]:
    """Return what the goal leaves for a person, with the candidates."""
    return [
        {
            "field": name,
            "reason": value.reason,
            "candidates": [c.value for c in value.candidates],
        }
        for name, value in _named(goal)
        # How quarters accumulate is chosen in capture, not left for review.
        if name != "accumulation" and value.status == ValueStatus.NEEDS_REVIEW
    ]


def _number(value: Decimal | None) -> int | float | None:
    """Return a printed percent (101.5) as a JSON number."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
