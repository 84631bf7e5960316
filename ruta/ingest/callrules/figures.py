"""Where the rules print each figure the platform enforces, and reading it.

``SPECS`` names, for every figure of ``ruta.grants.rules.figures.ENFORCED``
(a test keeps the two lists the same), the place of the layout that prints
it, what kind of quantity it is and, when the place prints more than one,
a word of the clause that prints it. A place printing no such quantity, or
two different ones, gives no figure: the check says so rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ruta.ingest.callrules import quantities as q
from ruta.ingest.callrules.layout import Layout, Passage, folded

Finder = Callable[[str, q.Printed], list[q.Quantity]]
_CLAUSE_END = re.compile(r"[.;:](?:\s|$)")


@dataclass(frozen=True)
class Spec:
    """Where a figure is printed and how it is read."""

    section: str  # as the platform names it (``ENFORCED``)
    name: str
    place: str  # as the layout names it
    find: Finder
    cue: str = ""  # a folded word of the clause that prints it
    column: str = ""  # a table's column, by the start of its folded header


@dataclass(frozen=True)
class RuleFigure:
    """A figure of the rules as printed: its section, value, unit and line."""

    section: str
    name: str
    value: Decimal
    unit: str
    line: int
    printed: str  # the words that print it ("15 días naturales")
    clause: str  # the clause that holds them

    @property
    def key(self) -> tuple[str, str]:
        return self.section, self.name


@dataclass(frozen=True)
class Unread:
    """A figure the rules do not print plainly: none, or several values."""

    spec: Spec
    line: int | None  # where its place starts, when the text has it
    values: tuple[RuleFigure, ...] = ()


def _table_row(row: int, term: str, refund: bool = True) -> tuple[Spec, ...]:
    place = f"5 tabla {row}"
    specs: tuple[Spec, ...] = (Spec(place, "term_days", place, q.days, column=term),)
    if refund:
        specs += (Spec(place, "refund_days", place, q.days, column="resolucion"),)
    return specs


_REPORTS = q.periods_after("informe")

SPECS: tuple[Spec, ...] = (
    Spec("3.4 req. 3", "cofunding_share", "3.4 tabla 3", q.percents, column="criterio"),
    Spec("3.4.1-2", "cofunding_share", "3.4.1-2", q.percents, cue="aport"),
    Spec("3.4.1-2", "administrative_cap", "3.4.1-2", q.percents, cue="administrativ"),
    Spec("3.7.2-8", "agreement_days", "3.7.2-8", q.days),
    Spec("3.7.2-15", "report_days", "3.7.2-15", q.days),
    Spec("3.7.2-16", "invoice_days", "3.7.2-16", q.days),
    Spec("3.7.2-17", "complement_days", "3.7.2-17", q.days),
    Spec("4.3.3", "reassignment_days", "4.3-3", q.days),
    Spec("4.6", "report_days", "4.6", q.days),
    Spec("4.7", "refund_days", "4.7", q.days),
    Spec("5", "report_days", "5", q.days, cue="cierre"),
    Spec("5", "refund_days", "5", q.days, cue="ejercicio fiscal"),
    Spec("5 A", "report_period", "5 A", _REPORTS),
    Spec("5 A.1", "extension_days", "5 A.1", q.days),
    Spec("5 B.2", "answer_days", "5 B.2", q.days),
    Spec("5 B.4", "answer_days", "5 B.4", q.days),
    Spec("5 cancelación 10", "cancel_days", "5 cancelación 10", q.days),
    Spec("5 tabla 1", "term_days", "5 tabla 1", q.days, column="criterio"),
    Spec("5 tabla 1", "refund_month", "5 tabla 1", q.months, column="resolucion"),
    *_table_row(2, "plazo"),
    *_table_row(3, "plazo"),
    *_table_row(4, "plazo"),
    *_table_row(5, "plazo"),
    Spec("5 tabla 7", "extension_days", "5 tabla 7", q.days, column="criterio"),
    *_table_row(8, "plazo", refund=False),
    *_table_row(9, "plazo"),
)


def figure_read(layout: Layout, spec: Spec) -> RuleFigure | Unread:
    """Return the figure ``spec`` names as ``layout`` prints it, or why not."""
    found = [
        figure
        for passage, default in _passages(layout, spec)
        for figure in _figures(passage, spec, default)
    ]
    values = {(figure.value, figure.unit) for figure in found}
    if len(values) == 1:
        return found[0]
    return Unread(spec, layout.place_line(spec.place), tuple(found))


def _passages(layout: Layout, spec: Spec) -> list[tuple[Passage, q.Printed]]:
    """Return the passages of the spec's place, each with its unit of bare days."""
    if not spec.column:
        return [
            (passage, q.Printed.DAYS) for passage in layout.texts.get(spec.place, [])
        ]
    cells = layout.cells.get(spec.place, {})
    return [
        (passage, _column_unit(header))
        for header, passage in cells.items()
        if header.startswith(spec.column)
    ]


def _column_unit(header: str) -> q.Printed:
    """Return the unit of a column's bare days, by its header ("(días naturales)")."""
    if "dias naturales" in header:
        return q.Printed.NATURAL_DAYS
    if "dias habiles" in header:
        return q.Printed.BUSINESS_DAYS
    return q.Printed.DAYS


def _figures(passage: Passage, spec: Spec, default: q.Printed) -> list[RuleFigure]:
    text = passage.text()
    flat = folded(text)
    figures = []
    for quantity in spec.find(flat, default):
        start, end = _clause(flat, quantity.start)
        if spec.cue and spec.cue not in flat[start:end]:
            continue
        figures.append(
            RuleFigure(
                section=spec.section,
                name=spec.name,
                value=quantity.value,
                unit=quantity.unit.value,
                line=passage.line_at(quantity.start),
                printed=text[quantity.start : quantity.end],
                clause=text[start:end].strip(),
            )
        )
    return figures


def _clause(flat: str, at: int) -> tuple[int, int]:
    """Return the bounds of the clause holding character ``at`` (to . ; or :)."""
    start = 0
    for match in _CLAUSE_END.finditer(flat):
        if match.start() >= at:
            return start, match.start() + 1
        start = match.end()
    return start, len(flat)
