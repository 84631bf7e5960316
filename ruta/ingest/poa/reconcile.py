"""Grouping a document's copies into forms and reconciling each form.

Copies of one form share an executing unit: its code when printed, else its
name (accent- and spelling-tolerant), else the goal numbers they print. Each
header value, signature and goal is then settled from the copies, with the
rest of the document as a witness for spellings and for codes a form's
copies all lost (the same ramo or finalidad printed with its code elsewhere).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from ruta.ingest.poa.fields import (
    DocumentContext,
    coded_name,
    document_context,
    listed,
)
from ruta.ingest.poa.goals import reconcile_goals
from ruta.ingest.poa.model import (
    EJE,
    EXECUTING_UNIT,
    FINALIDAD,
    FUNCION,
    LINE,
    PERIOD_NAMES,
    PROGRAM,
    RAMO,
    ROLE_PROGRAM,
    ROLE_RAMO,
    ROLE_UNIT,
    SINGLE_FIELDS,
    SUBFUNCION,
    CodedName,
    FormCopy,
    Period,
    Persons,
    Reading,
    ReconciledForm,
    Source,
    Status,
)
from ruta.ingest.poa.voting import Printed, similarity, vote_exact, vote_name
from ruta.sources.findings import Finding

SAME_UNIT = 0.85  # unit-name likeness that makes two copies one form
SAME_GOALS = 0.5  # share of goal numbers that makes two copies one form


T = TypeVar("T")


def reconcile_copies(copies: Sequence[FormCopy]) -> list[ReconciledForm]:
    """Return one reconciled form per executing unit, in document order."""
    context = document_context(copies)
    return [reconcile_form(group, context) for group in group_copies(copies)]


# ---------------------------------------------------------------- grouping


def group_copies(copies: Sequence[FormCopy]) -> list[list[FormCopy]]:
    """Return the copies grouped by form: unit code, else unit name, else goals."""
    groups: list[list[FormCopy]] = []
    for copy in sorted(copies, key=lambda c: (c.unit_code() is None, c.index)):
        home = _home(copy, groups)
        if home is None:
            groups.append([copy])
        else:
            home.append(copy)
    for group in groups:
        group.sort(key=lambda c: c.index)
    return sorted(groups, key=lambda g: g[0].index)


def _home(copy: FormCopy, groups: list[list[FormCopy]]) -> list[FormCopy] | None:
    code = copy.unit_code()
    if code:
        return next((g for g in groups if any(c.unit_code() == code for c in g)), None)
    name = copy.unit_name()
    by_name = [
        g
        for g in groups
        if name and _best(name, [c.unit_name() for c in g]) >= SAME_UNIT
    ]
    if by_name:
        return by_name[0]
    numbers = {row.number for row in copy.rows}
    by_goals = [g for g in groups if _shared(numbers, g) >= SAME_GOALS]
    return by_goals[0] if by_goals else None


def _best(name: str, others: Sequence[str]) -> float:
    return max((similarity(name, other) for other in others if other), default=0.0)


def _shared(numbers: set[int], group: Sequence[FormCopy]) -> float:
    theirs = {row.number for copy in group for row in copy.rows}
    union = numbers | theirs
    return len(numbers & theirs) / len(union) if union else 0.0


# ---------------------------------------------------------------- one form


def reconcile_form(
    copies: Sequence[FormCopy], context: DocumentContext
) -> ReconciledForm:
    """Return the form its copies support, every value with its reading."""
    notes: list[Finding] = []
    header = {name: coded_name(copies, name, context) for name in SINGLE_FIELDS}
    where = f"{copies[0].source_name}, form {_label(header[EXECUTING_UNIT], copies)}"
    goals = reconcile_goals(copies, notes, where)
    return ReconciledForm(
        source_name=copies[0].source_name,
        copies=tuple(copy.index for copy in copies),
        issuer=_issuer(copies, context),
        form_code=_form_code(copies, context),
        period=_period(copies, context),
        ramo=header[RAMO],
        program=header[PROGRAM],
        executing_unit=header[EXECUTING_UNIT],
        finalidad=header[FINALIDAD],
        funcion=header[FUNCION],
        subfuncion=header[SUBFUNCION],
        ejes=listed(copies, EJE, context, notes, where),
        lines_of_action=listed(copies, LINE, context, notes, where),
        persons=_persons(copies, context),
        goals=goals,
        notes=tuple(notes),
    )


def _label(unit: CodedName, copies: Sequence[FormCopy]) -> str:
    parts = [unit.code.value, unit.name.value]
    return " ".join(p for p in parts if p) or f"of copy {copies[0].index}"


# ---------------------------------------------------------------- the rest


def _persons(copies: Sequence[FormCopy], context: DocumentContext) -> Persons:
    def role(name: str, what: str) -> Reading[str]:
        printed = []
        for copy in copies:
            person = next((p for p in copy.persons if p.role == name), None)
            source = Source(copy.index, person.line if person else copy.last_line)
            printed.append(Printed(person.name if person else None, source))
        return vote_name(printed, what=what, pool=context.persons)

    return Persons(
        program=role(ROLE_PROGRAM, "person responsible for the programa"),
        executing_unit=role(ROLE_UNIT, "person responsible for the unidad ejecutora"),
        ramo=role(ROLE_RAMO, "person responsible for the ramo"),
    )


def _period(copies: Sequence[FormCopy], context: DocumentContext) -> Reading[Period]:
    printed = []
    for copy in copies:
        p = copy.period
        value: tuple[int, int] | None = (
            (p.year, p.quarter) if p and p.year and p.quarter else None
        )
        printed.append(
            Printed(value, Source(copy.index, p.line if p else copy.first_line))
        )
    reading = _or_document(
        vote_exact(printed, what="period"), context.periods, "period"
    )
    if reading.value is None:
        return reading
    year, quarter = reading.value
    period = Period(year, quarter, f"{PERIOD_NAMES[quarter - 1]} {year}")
    return Reading(
        period,
        reading.status,
        reading.reason,
        reading.rule,
        reading.sources,
        reading.discarded,
    )


def _form_code(copies: Sequence[FormCopy], context: DocumentContext) -> Reading[str]:
    printed = [
        Printed(copy.form_code, Source(copy.index, copy.first_line)) for copy in copies
    ]
    return _or_document(
        vote_exact(printed, what="form code"), context.form_codes, "form code"
    )


def _issuer(copies: Sequence[FormCopy], context: DocumentContext) -> Reading[str]:
    """Return the government the form's title names, spelled as most print it.

    Some forms' copies lose the title line; the document's other forms then
    say which government issues them all.
    """
    printed = [
        Printed(copy.issuer, Source(copy.index, copy.first_line)) for copy in copies
    ]
    read = vote_name(printed, what="issuer", pool=context.issuers)
    return _or_document(read, context.issuers, "issuer")


def _or_document(reading: Reading[T], values: Sequence[T], what: str) -> Reading[T]:
    """Return ``reading``, or the document's majority when the copies settle nothing."""
    if reading.value is not None:
        return reading
    ranked = Counter(values).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return reading
    value, count = ranked[0]
    reason = (
        f"this form's copies do not settle the {what}; the document prints "
        f"{value!r} in {count} of {len(values)} copies"
    )
    return Reading(
        value,
        Status.RECONCILED,
        reason,
        "document_context",
        discarded=tuple(c for c in reading.candidates if c.value != value),
    )
