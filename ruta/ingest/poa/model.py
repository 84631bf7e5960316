"""The TMM-F004 forms as read (copies) and as reconciled (one form per unit).

A scanned form appears two to four times in a document, each copy with its
own errors. ``FormCopy`` keeps one copy exactly as read, with line numbers;
``ReconciledForm`` is the single form the copies support, where every value is
a ``Reading`` saying how sure the reader is and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from ruta.programs.rules import INFO, PERIOD_NAMES, QUARTER_LABELS, WARNING
from ruta.sources.findings import Finding, sentence

__all__ = ["INFO", "PERIOD_NAMES", "QUARTER_LABELS", "WARNING"]  # and the types below

T = TypeVar("T")

QUARTER_SLOTS = 8  # P and A for each of the four quarters

# Header fields in the order the form prints them.
RAMO = "ramo"
PROGRAM = "program"
EXECUTING_UNIT = "executing_unit"
FINALIDAD = "finalidad"
FUNCION = "funcion"
SUBFUNCION = "subfuncion"
EJE = "eje"
LINE = "line"
SINGLE_FIELDS = (RAMO, PROGRAM, EXECUTING_UNIT, FINALIDAD, FUNCION, SUBFUNCION)
FIELD_ORDER = (*SINGLE_FIELDS, EJE, LINE)
# The header fields as findings name them.
FIELD_WORDS = {
    RAMO: sentence("ramo"),
    PROGRAM: sentence("programa"),
    EXECUTING_UNIT: sentence("unidad ejecutora"),
    FINALIDAD: sentence("finalidad"),
    FUNCION: sentence("función"),
    SUBFUNCION: sentence("subfunción"),
    EJE: sentence("eje de gobierno"),
    LINE: sentence("línea de acción"),
}

ERROR = "error"  # beside the rules' INFO and WARNING

# Roles of the persons who sign the form.
ROLE_PROGRAM = "program"
ROLE_UNIT = "executing_unit"
ROLE_RAMO = "ramo"


class Status(StrEnum):
    """How a value was established from the copies."""

    VERIFIED = "verified"  # copies agree and the arithmetic holds
    RECONCILED = "reconciled"  # one reading forced by majority or arithmetic
    NEEDS_REVIEW = "needs_review"  # several readings fit, or none does


# The rules (``Reading.rule``) that leave a value for review: stable codes that
# pages explain in their own language.
REVIEW_RULES = (
    "several_fit",  # several readings fit the arithmetic, none better
    "arithmetic_fails",  # no reading fits the arithmetic
    "no_majority",  # the copies disagree and none has a majority
    "not_printed",  # no copy prints the value
    "unchecked",  # depends on a value itself left for review
)


# ---------------------------------------------------------------- as read


@dataclass(frozen=True)
class HeaderItem:
    """One header value of a copy: a code as printed (or None) and a name."""

    field: str
    code: str | None
    name: str
    line: int
    label: str | None  # the label printed beside it, if any
    by_label: bool = False  # the printed label names this very field


@dataclass(frozen=True)
class PrintedPeriod:
    text: str
    year: int | None
    quarter: int | None
    line: int


@dataclass(frozen=True)
class PersonLine:
    role: str
    name: str
    line: int


@dataclass(frozen=True)
class TableLayout:
    """Where a copy's table puts the quarter cells.

    ``width`` is the usual number of cells between the annual target and the
    absolute; ``positions`` are the indexes of P1, A1 … P4, A4 among them. The
    other cells (a fifth P/A pair, a repeated A column) have no stated meaning
    on the form and are never used as figures.
    """

    width: int
    positions: tuple[int, ...]
    has_absolute: bool
    roles: str = ""  # the P/A sub-header as printed, e.g. "PAAPAAPAAPAA"

    def template(self) -> tuple[int, ...]:
        """Return, per cell, the quarter slot it holds or -1 for other cells."""
        slots = [-1] * max(self.width, QUARTER_SLOTS)
        for slot, position in enumerate(self.positions):
            slots[position] = slot
        return tuple(slots)


@dataclass(frozen=True)
class GoalRow:
    """One goal row of a copy, as printed."""

    number: int
    line: int
    raw: str
    codes: tuple[str, ...] | None  # None when the row has no codes cell at all
    codes_artifact: bool  # the codes cell repeats a numbered run (scan artifact)
    description: str
    unit: str
    target: int
    figures: tuple[int | None, ...]  # every cell between target and relative
    relative: Decimal | None
    observation: str
    quarter_cells: tuple[int | None, ...] = ()
    absolute: int | None = None


@dataclass(frozen=True)
class FormCopy:
    """One printed copy of a form (a page block of the document)."""

    index: int
    source_name: str
    first_line: int
    last_line: int
    form_code: str | None
    period: PrintedPeriod | None
    items: tuple[HeaderItem, ...]
    layout: TableLayout
    rows: tuple[GoalRow, ...]
    persons: tuple[PersonLine, ...]
    findings: tuple[Finding, ...] = ()
    issuer: str | None = None  # the title's government line

    def field_items(self, name: str) -> tuple[HeaderItem, ...]:
        """Return the header items read for field ``name``."""
        return tuple(item for item in self.items if item.field == name)

    def unit_code(self) -> str | None:
        """Return the executing unit's code as printed, if any."""
        for item in self.field_items(EXECUTING_UNIT):
            if item.code:
                return item.code
        return None

    def unit_name(self) -> str:
        """Return the executing unit's name, preferring the labelled line."""
        items = sorted(self.field_items(EXECUTING_UNIT), key=lambda i: not i.by_label)
        return items[0].name if items else ""

    def describe(self) -> str:
        """Return "copy N (lines a–b)" for messages."""
        return f"copy {self.index} (lines {self.first_line}-{self.last_line})"


# ---------------------------------------------------------------- reconciled


@dataclass(frozen=True)
class Source:
    """Where a reading was printed: the copy and its line."""

    copy: int
    line: int

    def __str__(self) -> str:
        return f"copy {self.copy} line {self.line}"


@dataclass(frozen=True)
class Alternative:
    """A reading that was not taken, or a candidate left for review."""

    value: Any
    sources: tuple[Source, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Reading(Generic[T]):
    """A value with its status, the reason, and where it comes from."""

    value: T | None
    status: Status
    reason: str
    rule: str = ""  # stable name of the rule that settled it
    sources: tuple[Source, ...] = ()
    discarded: tuple[Alternative, ...] = ()
    candidates: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class CodedName:
    """A header entry: code and name, each with its own reading."""

    code: Reading[str]
    name: Reading[str]


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int
    label: str


@dataclass(frozen=True)
class QuarterReading:
    label: str
    programmed: Reading[int]
    achieved: Reading[int]


@dataclass(frozen=True)
class QuarterCandidate:
    """A whole reading of the quarter cells that fits the arithmetic."""

    cells: tuple[int | None, ...]
    absolute: int
    cost: float


@dataclass(frozen=True)
class ReconciledGoal:
    number: Reading[int]
    description: Reading[str]
    unit: Reading[str]
    annual_target: Reading[int]
    lines_of_action: Reading[tuple[str, ...]]
    quarters: tuple[QuarterReading, ...]
    absolute: Reading[int]
    relative_pct: Reading[Decimal]
    observation: Reading[str]
    accumulation: Reading[str]  # a ``ruta.programs.rules.Accumulation`` value
    candidates: tuple[QuarterCandidate, ...] = ()
    sources: tuple[Source, ...] = ()

    def readings(self) -> tuple[Reading[Any], ...]:
        """Return every value of the goal, quarters included."""
        cells = [r for q in self.quarters for r in (q.programmed, q.achieved)]
        return (
            self.number,
            self.description,
            self.unit,
            self.annual_target,
            self.lines_of_action,
            *cells,
            self.absolute,
            self.relative_pct,
            self.observation,
            self.accumulation,
        )


@dataclass(frozen=True)
class Persons:
    program: Reading[str]
    executing_unit: Reading[str]
    ramo: Reading[str]


@dataclass(frozen=True)
class ReconciledForm:
    source_name: str
    copies: tuple[int, ...]
    issuer: Reading[str]  # the government the title names
    form_code: Reading[str]
    period: Reading[Period]
    ramo: CodedName
    program: CodedName
    executing_unit: CodedName
    finalidad: CodedName
    funcion: CodedName
    subfuncion: CodedName
    ejes: tuple[CodedName, ...]
    lines_of_action: tuple[CodedName, ...]
    persons: Persons
    goals: tuple[ReconciledGoal, ...]
    notes: tuple[Finding, ...] = field(default=())

    def goal(self, number: int) -> ReconciledGoal:
        """Return the goal numbered ``number``; raise KeyError if absent."""
        for goal in self.goals:
            if goal.number.value == number:
                return goal
        raise KeyError(number)

    def label(self) -> str:
        """Return "54101 DIRECCIÓN" (or the name alone) for messages."""
        code, name = self.executing_unit.code.value, self.executing_unit.name.value
        return " ".join(part for part in (code, name) if part)
