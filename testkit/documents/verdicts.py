"""Judge reconciled TMM-F004 forms against the forms they were rendered from.

A value is rightly read when it was settled (verified or reconciled) to the
rendered value, or left for review with the rendered value among the
candidates (a list entry too few copies print is offered as itself); a code
no form prints (a unit's code "") when none is claimed.
Forms are told apart by their unit's code, or by its name when it has none.
``misreadings`` lists every value that is not; ``wrongly_verified`` only
those marked verified, the one thing a reader must never do.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ruta.demo.documents.tmm_f004 import FORM_CODE, Coded, Form, Goal
from ruta.ingest.poa import CodedName, Reading, ReconciledForm, ReconciledGoal, Status

SINGLE = ("ramo", "program", "finalidad", "funcion", "subfuncion")


@dataclass(frozen=True)
class Misreading:
    """A value read otherwise than rendered: where, the reading, the truth."""

    what: str
    reading: Reading[Any]
    truth: Any

    def __str__(self) -> str:
        shown = [c.value for c in self.reading.candidates]
        return (
            f"{self.what}: {self.reading.status} {self.reading.value!r} "
            f"(candidates {shown!r}), rendered {self.truth!r}; "
            f"{self.reading.rule}: {self.reading.reason}"
        )


def offered(reading: Reading[Any]) -> list[Any]:
    """Return the values a reviewer is offered for a reading left for review."""
    return [candidate.value for candidate in reading.candidates]


def _judge(what: str, reading: Reading[Any], truth: Any) -> Iterator[Misreading]:
    if reading.status == Status.NEEDS_REVIEW:
        if truth not in offered(reading):
            yield Misreading(what, reading, truth)
    elif reading.value != truth:
        yield Misreading(what, reading, truth)


def _coded(what: str, entry: CodedName, truth: Coded) -> Iterator[Misreading]:
    if truth.code:
        yield from _judge(f"{what} code", entry.code, truth.code)
    elif entry.code.value is not None:
        # No form prints this code: the reader must not claim one.
        yield Misreading(f"{what} code", entry.code, None)
    yield from _judge(f"{what} name", entry.name, truth.name)


def _listed(
    what: str, entries: Sequence[CodedName], truths: Sequence[Coded]
) -> Iterator[Misreading]:
    """Judge a list: each rendered entry read, and no other entry settled."""
    read = {entry.code.value: entry for entry in entries}
    for truth in truths:
        entry = read.get(truth.code)
        if entry is None:
            missing = Reading(None, Status.NEEDS_REVIEW, "not listed")
            yield Misreading(f"{what} {truth.code}", missing, truth.code)
        elif entry.code.status == Status.NEEDS_REVIEW:
            # Listed by too few copies to settle: the entry is what is offered.
            yield from _judge(f"{what} {truth.code} name", entry.name, truth.name)
        else:
            yield from _coded(f"{what} {truth.code}", entry, truth)
    rendered = {truth.code for truth in truths}
    for code, entry in read.items():
        if code not in rendered and entry.code.status != Status.NEEDS_REVIEW:
            yield Misreading(f"{what} {code}", entry.code, None)


def _goal(where: str, read: ReconciledGoal, truth: Goal) -> Iterator[Misreading]:
    what = f"{where} goal {truth.number}"
    yield from _judge(f"{what} number", read.number, truth.number)
    yield from _judge(f"{what} description", read.description, truth.description)
    yield from _judge(f"{what} unit", read.unit, truth.unit)
    yield from _judge(f"{what} target", read.annual_target, truth.target)
    yield from _judge(f"{what} lines", read.lines_of_action, truth.lines)
    for index, quarter in enumerate(read.quarters):
        programmed, achieved = truth.quarters[index]
        yield from _judge(f"{what} P{index + 1}", quarter.programmed, programmed)
        yield from _judge(f"{what} A{index + 1}", quarter.achieved, achieved)
    yield from _judge(f"{what} absolute", read.absolute, truth.absolute)
    yield from _judge(f"{what} relative", read.relative_pct, truth.relative)
    yield from _judge(f"{what} observation", read.observation, truth.observation)


def _unit(form: Form | ReconciledForm) -> str:
    """Return the key a form is told by: its unit's code, else its unit's name."""
    if isinstance(form, Form):
        return form.unit.code or form.unit.name
    unit = form.executing_unit
    return unit.code.value or unit.name.value or ""


def _form(read: ReconciledForm, truth: Form) -> Iterator[Misreading]:
    where = f"form {_unit(truth)}"
    period = read.period.value
    printed = Reading(
        (period.year, period.quarter) if period else None,
        read.period.status,
        read.period.reason,
        read.period.rule,
    )
    yield from _judge(f"{where} period", printed, (truth.year, truth.quarter))
    yield from _judge(f"{where} issuer", read.issuer, truth.issuer)
    yield from _judge(f"{where} form code", read.form_code, FORM_CODE)
    yield from _coded(f"{where} unit", read.executing_unit, truth.unit)
    for name in SINGLE:
        yield from _coded(f"{where} {name}", getattr(read, name), getattr(truth, name))
    yield from _listed(f"{where} eje", read.ejes, truth.ejes)
    yield from _listed(f"{where} line", read.lines_of_action, truth.lines)
    persons, signed = read.persons, truth.signatures
    yield from _judge(f"{where} program person", persons.program, signed.program)
    yield from _judge(f"{where} unit person", persons.executing_unit, signed.unit)
    yield from _judge(f"{where} ramo person", persons.ramo, signed.ramo)
    goals = {goal.number.value: goal for goal in read.goals}
    for goal in truth.goals:
        if goal.number in goals:
            yield from _goal(where, goals[goal.number], goal)
        else:
            lost = Reading(None, Status.NEEDS_REVIEW, "no goal with this number")
            yield Misreading(f"{where} goal {goal.number}", lost, goal.number)
    rendered = {goal.number for goal in truth.goals}
    for number, goal in goals.items():
        if number not in rendered and goal.number.status != Status.NEEDS_REVIEW:
            yield Misreading(f"{where} goal {number}", goal.number, None)


def misreadings(
    forms: Sequence[Form], read: Sequence[ReconciledForm]
) -> list[Misreading]:
    """Return every rendered value the reconciled forms do not rightly give."""
    by_unit = {_unit(form): form for form in read}
    found: list[Misreading] = []
    for truth in forms:
        form = by_unit.get(_unit(truth))
        if form is None:
            lost = Reading(None, Status.NEEDS_REVIEW, "no form for this unit")
            found.append(Misreading(f"form {_unit(truth)}", lost, _unit(truth)))
        else:
            found.extend(_form(form, truth))
    rendered = {_unit(truth) for truth in forms}
    for code, form in by_unit.items():
        if code not in rendered:
            found.append(Misreading(f"form {code}", form.executing_unit.code, None))
    return found


def wrongly_verified(found: Sequence[Misreading]) -> list[Misreading]:
    """Return the misreadings marked verified."""
    return [m for m in found if m.reading.status == Status.VERIFIED]


def readings(form: ReconciledForm) -> list[Reading[Any]]:
    """Return every reading of a form: header, lists, signatures and goals."""
    coded = [form.ramo, form.program, form.executing_unit, form.finalidad]
    coded += [form.funcion, form.subfuncion, *form.ejes, *form.lines_of_action]
    found: list[Reading[Any]] = [form.issuer, form.form_code, form.period]
    found += [reading for entry in coded for reading in (entry.code, entry.name)]
    persons = form.persons
    found += [persons.program, persons.executing_unit, persons.ramo]
    return found + [reading for goal in form.goals for reading in goal.readings()]
