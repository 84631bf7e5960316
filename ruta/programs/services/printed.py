"""A TMM-F004 form as a document prints it: what ``form_write`` accepts.

Loaders build these from their readers (the programs app knows no reader).
Each value comes with how it was read: its status, the reason and the rule
that settled it, the copies and lines it was printed on, the candidates left
for review and the readings set aside. ``reading()`` gives what is stored
beside a value (``readings`` of the unit program, goal and quarter), so
every stored figure can be traced to its place in the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from ruta.programs.models import ValueStatus

T = TypeVar("T")

# A value as JSON holds it.
Plain = str | int | float | bool | list[Any] | dict[str, Any] | None
Reading = dict[str, Any]  # one stored reading: the value and how it was read

CODED = ("ramo", "program", "executing_unit", "finalidad", "funcion", "subfuncion")
LISTED = ("ejes", "lines_of_action")
ROLES = ("program", "executing_unit", "ramo")  # who signs, in the form's order


def plain(value: Any) -> Plain:
    """Return ``value`` as JSON stores it: decimals as text, tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


@dataclass(frozen=True, order=True)
class Place:
    """Where a value was printed: the copy of the form and the document's line."""

    copy: int
    line: int

    def as_json(self) -> list[int]:
        """Return the place as stored: ``[copy, line]``."""
        return [self.copy, self.line]


@dataclass(frozen=True)
class Alternative:
    """Another reading the copies allow: a candidate for review, or set aside."""

    value: Plain
    places: tuple[Place, ...] = ()
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        """Return the alternative as stored in a reading."""
        return {
            "value": self.value,
            "sources": [place.as_json() for place in self.places],
            "note": self.note,
        }


@dataclass(frozen=True)
class PrintedValue(Generic[T]):
    """One value of the form and how it was read from the document's copies."""

    value: T | None
    status: ValueStatus
    reason: str = ""
    rule: str = ""  # stable name of the rule that settled it
    places: tuple[Place, ...] = ()
    candidates: tuple[Alternative, ...] = ()
    discarded: tuple[Alternative, ...] = ()

    def plain(self) -> Plain:
        """Return the value as JSON stores it."""
        return plain(self.value)

    def how_read(self) -> Reading:
        """Return the status, reason, rule, places and alternatives, as stored."""
        return {
            "status": str(self.status),
            "reason": self.reason,
            "rule": self.rule,
            "sources": [place.as_json() for place in self.places],
            "candidates": [c.as_json() for c in self.candidates],
            "discarded": [d.as_json() for d in self.discarded],
        }

    def reading(self) -> Reading:
        """Return the stored reading: the value beside how it was read."""
        return {"value": self.plain(), **self.how_read()}


@dataclass(frozen=True)
class CodedName:
    """A header entry printed as a code and a name ("54101 DIRECCIÓN")."""

    code: PrintedValue[str]
    name: PrintedValue[str]


@dataclass(frozen=True)
class FormPeriod:
    """The quarter a form reports, and how it prints it ("OCTUBRE-DICIEMBRE 2023")."""

    year: int
    quarter: int
    label: str


@dataclass(frozen=True)
class Signatories:
    """The names signing the form: heads of the program, the unit and the ramo."""

    program: PrintedValue[str]
    executing_unit: PrintedValue[str]
    ramo: PrintedValue[str]

    def by_role(self) -> dict[str, PrintedValue[str]]:
        """Return each signatory keyed by role, in the form's order."""
        return {role: getattr(self, role) for role in ROLES}


@dataclass(frozen=True)
class PrintedQuarter:
    """What a goal programmed (P) and achieved (A) in one quarter."""

    label: str  # "ENE-MAR"
    programmed: PrintedValue[int]
    achieved: PrintedValue[int]

    def sides(self) -> dict[str, PrintedValue[int]]:
        """Return P and A keyed as stored."""
        return {"programmed": self.programmed, "achieved": self.achieved}

    def readings(self) -> dict[str, Reading]:
        """Return the stored readings of P and A."""
        return {side: value.reading() for side, value in self.sides().items()}


@dataclass(frozen=True)
class QuarterCandidate:
    """A whole reading of a goal's quarter cells that fits the form's arithmetic."""

    cells: tuple[int | None, ...]  # P1, A1 … P4, A4
    absolute: int

    def as_json(self) -> dict[str, Any]:
        """Return the candidate as stored on the goal."""
        return {"cells": list(self.cells), "absolute": self.absolute}


@dataclass(frozen=True)
class PrintedGoal:
    """One "meta y acción" row of the form, with its quarters."""

    number: PrintedValue[int]
    description: PrintedValue[str]
    unit: PrintedValue[str]
    annual_target: PrintedValue[int]
    lines_of_action: PrintedValue[tuple[str, ...]]
    quarters: tuple[PrintedQuarter, ...]
    absolute: PrintedValue[int]
    relative_pct: PrintedValue[Decimal]
    observation: PrintedValue[str]
    accumulation: PrintedValue[str]  # a ``ruta.programs.rules.Accumulation``
    candidates: tuple[QuarterCandidate, ...] = ()
    places: tuple[Place, ...] = ()  # the row on each copy

    def values(self) -> dict[str, PrintedValue[Any]]:
        """Return the goal's own values (not its quarters) keyed as stored."""
        return {
            "number": self.number,
            "description": self.description,
            "unit": self.unit,
            "annual_target": self.annual_target,
            "lines_of_action": self.lines_of_action,
            "absolute": self.absolute,
            "relative_pct": self.relative_pct,
            "observation": self.observation,
            "accumulation": self.accumulation,
        }

    def readings(self) -> dict[str, Reading]:
        """Return the stored readings of the goal's own values."""
        return {field: value.reading() for field, value in self.values().items()}


@dataclass(frozen=True)
class PrintedForm:
    """One executing unit's TMM-F004 form, settled from the document's copies."""

    source: str  # the document's name
    copies: tuple[int, ...]
    issuer: PrintedValue[str]  # the government the title names
    form_code: PrintedValue[str]
    period: PrintedValue[FormPeriod]
    ramo: CodedName
    program: CodedName
    executing_unit: CodedName
    finalidad: CodedName
    funcion: CodedName
    subfuncion: CodedName
    ejes: tuple[CodedName, ...]
    lines_of_action: tuple[CodedName, ...]
    persons: Signatories
    goals: tuple[PrintedGoal, ...]

    def readings(self) -> dict[str, Reading]:
        """Return every header value's stored reading, keyed by field.

        Coded entries are keyed ``ramo.code``, listed ones ``ejes.0.name``,
        signatories ``persons.ramo``; the period is stored as printed.
        """
        period = self.period.value
        readings = {
            "issuer": self.issuer.reading(),
            "form_code": self.form_code.reading(),
            "period": {
                "value": period.label if period else None,
                **self.period.how_read(),
            },
        }
        for key, value in self._header_values():
            readings[key] = value.reading()
        return readings

    def line_names(self) -> dict[str, str]:
        """Return the name the header prints for each coded línea de acción."""
        return {
            entry.code.value: entry.name.value or ""
            for entry in self.lines_of_action
            if entry.code.value
        }

    def _header_values(self) -> Iterator[tuple[str, PrintedValue[str]]]:
        for field in CODED:
            entry: CodedName = getattr(self, field)
            yield f"{field}.code", entry.code
            yield f"{field}.name", entry.name
        for listed in LISTED:
            for index, entry in enumerate(getattr(self, listed)):
                yield f"{listed}.{index}.code", entry.code
                yield f"{listed}.{index}.name", entry.name
        for role, person in self.persons.by_role().items():
            yield f"persons.{role}", person
