"""Check a statement against its own arithmetic (``ruta.accounting.rules``).

Each row: Modificado = Aprobado + Ampliaciones/(Reducciones) (Estimado for
revenue), the balance column as CONAC prints it (Subejercicio = Modificado −
Devengado; Diferencia = Recaudado − Estimado), and nothing paid beyond what
was accrued. Each group (a chapter, a rubro) is the sum of its items, each
total the sum of the groups (or of the units), and the administrative and
the object classification of one statement have the same total. The checks
only report: a finding names the row, the column and both figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ruta.accounting.records import (
    MOMENTS,
    Classification,
    Level,
    PrintedLine,
    PrintedStatement,
    StatementKind,
)
from ruta.accounting.rules import (
    expected_balance,
    expected_modified,
    paid_over_accrued,
    summed,
)
from ruta.sources.findings import Finding, Say, Values, figure, finding_kind, sentence


def column_name(column: str, kind: str, say: Say) -> str:
    """Return the printed name of a column in the statement's own words."""
    revenue = kind == StatementKind.REVENUE
    names = {
        "approved": say(sentence("Estimado")) if revenue else say(sentence("Aprobado")),
        "adjustments": say(sentence("Ampliaciones/(Reducciones)")),
        "modified": say(sentence("Modificado")),
        "accrued": say(sentence("Devengado")),
        "paid": say(sentence("Recaudado")) if revenue else say(sentence("Pagado")),
        "balance": say(sentence("Diferencia"))
        if revenue
        else say(sentence("Subejercicio")),
    }
    return names[column]


def classification_name(classification: str, say: Say) -> str:
    """Return a classification's name in the statement's words."""
    names = {
        Classification.OBJECT: say(sentence("por objeto del gasto")),
        Classification.ADMINISTRATIVE: say(sentence("administrativa")),
        Classification.REVENUE_ITEM: say(sentence("por rubro de ingresos")),
    }
    return names[Classification(classification)]


def _where(name: str, line: PrintedLine) -> str:
    return f"{name}, row {line.row_number} (line {line.line}), key {line.key}"


@finding_kind(
    "statement_modified_mismatch",
    summary=sentence(
        "Un renglón del estado: el modificado no es el aprobado más las "
        "ampliaciones y reducciones."
    ),
)
def statement_modified_mismatch(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Clave %(key)s: el modificado %(modified)s no es %(approved_name)s "
            "%(approved)s más ampliaciones y reducciones %(adjustments)s = "
            "%(expected)s."
        )
    ) % {
        "key": values["key"],
        "modified": figure(values["modified"], say),
        "approved_name": column_name("approved", values["kind"], say),
        "approved": figure(values["approved"], say),
        "adjustments": figure(values["adjustments"], say),
        "expected": figure(values["expected"], say),
    }


@finding_kind(
    "statement_balance_mismatch",
    summary=sentence(
        "Un renglón del estado: el subejercicio o la diferencia no sale de las "
        "otras columnas."
    ),
)
def statement_balance_mismatch(values: Values, say: Say) -> str:
    if values["kind"] == StatementKind.REVENUE:
        text = say(
            sentence(
                "Clave %(key)s: la diferencia %(balance)s no es recaudado menos "
                "estimado = %(expected)s."
            )
        )
    else:
        text = say(
            sentence(
                "Clave %(key)s: el subejercicio %(balance)s no es modificado menos "
                "devengado = %(expected)s."
            )
        )
    return text % {
        "key": values["key"],
        "balance": figure(values["balance"], say),
        "expected": figure(values["expected"], say),
    }


@finding_kind(
    "statement_paid_over_accrued",
    summary=sentence("Un renglón del estado: lo pagado supera lo devengado."),
)
def statement_paid_over_accrued(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Clave %(key)s: lo pagado %(paid)s supera lo devengado %(accrued)s: "
            "no se paga lo que no se ha devengado."
        )
    ) % {
        "key": values["key"],
        "paid": figure(values["paid"], say),
        "accrued": figure(values["accrued"], say),
    }


@finding_kind(
    "statement_sum_mismatch",
    summary=sentence("Un total del estado no es la suma de sus renglones."),
)
def statement_sum_mismatch(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Clave %(key)s, %(column)s: imprime %(printed)s, pero sus renglones "
            "suman %(sum)s."
        )
    ) % {
        "key": values["key"],
        "column": column_name(values["column"], values["kind"], say),
        "printed": figure(values["printed"], say),
        "sum": figure(values["sum"], say),
    }


@finding_kind(
    "statement_no_total",
    summary=sentence("Una clasificación del estado no tiene renglón de total."),
)
def statement_no_total(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La clasificación %(classification)s no tiene renglón de total: su "
            "suma no se pudo comparar."
        )
    ) % {"classification": classification_name(values["classification"], say)}


@finding_kind(
    "statement_classifications_disagree",
    summary=sentence(
        "Los totales de la clasificación administrativa y por objeto del gasto "
        "no coinciden."
    ),
)
def statement_classifications_disagree(values: Values, say: Say) -> str:
    return say(
        sentence(
            "%(column)s: el total por unidad administrativa %(administrative)s no "
            "es el total por objeto del gasto %(object)s."
        )
    ) % {
        "column": column_name(values["column"], values["kind"], say),
        "administrative": figure(values["administrative"], say),
        "object": figure(values["object"], say),
    }


def check_statement(statement: PrintedStatement, name: str) -> Iterator[Finding]:
    """Yield every contradiction of ``statement`` (file ``name``), in file order."""
    for line in statement.lines:
        yield from _row_checks(statement.kind, line, name)
    for classification in Classification:
        lines = statement.of(classification)
        if lines:
            yield from _sum_checks(statement.kind, classification, lines, name)
    yield from _classifications_agree(statement, name)


def _row_checks(kind: StatementKind, line: PrintedLine, name: str) -> Iterator[Finding]:
    moments, where = line.moments, _where(name, line)
    common = {"key": line.key, "kind": kind.value}
    if moments.modified != expected_modified(moments):
        yield statement_modified_mismatch.found(
            where=where,
            values={
                **common,
                "modified": moments.modified,
                "approved": moments.approved,
                "adjustments": moments.adjustments,
                "expected": expected_modified(moments),
            },
        )
    if moments.balance != expected_balance(kind, moments):
        yield statement_balance_mismatch.found(
            where=where,
            values={
                **common,
                "balance": moments.balance,
                "expected": expected_balance(kind, moments),
            },
        )
    if paid_over_accrued(kind, moments):
        yield statement_paid_over_accrued.found(
            where=where,
            values={**common, "paid": moments.paid, "accrued": moments.accrued},
        )


def _sum_checks(
    kind: StatementKind,
    classification: Classification,
    lines: Sequence[PrintedLine],
    name: str,
) -> Iterator[Finding]:
    """Check each group against its items and the total against the groups."""
    for group in lines:
        if group.level != Level.GROUP:
            continue
        items = [line for line in lines if line.parent_key == group.key]
        if items:
            yield from _compare(kind, group, items, name)
    total = next((line for line in lines if line.level == Level.TOTAL), None)
    if total is None:
        yield statement_no_total.found(
            where=f"{name}, {classification.value}",
            values={"classification": classification.value},
            severity="info",
        )
        return
    tops = [line for line in lines if line.level != Level.TOTAL and not line.parent_key]
    yield from _compare(kind, total, tops, name)


def _compare(
    kind: StatementKind, parent: PrintedLine, rows: Sequence[PrintedLine], name: str
) -> Iterator[Finding]:
    for column in MOMENTS:
        total = summed((row.moments for row in rows), column)
        if parent.moments.get(column) != total:
            yield statement_sum_mismatch.found(
                where=_where(name, parent),
                values={
                    "key": parent.key,
                    "kind": kind.value,
                    "column": column,
                    "printed": parent.moments.get(column),
                    "sum": total,
                },
            )


def _classifications_agree(statement: PrintedStatement, name: str) -> Iterator[Finding]:
    totals = {
        classification: next(
            (
                line
                for line in statement.of(classification)
                if line.level == Level.TOTAL
            ),
            None,
        )
        for classification in (Classification.ADMINISTRATIVE, Classification.OBJECT)
    }
    administrative = totals[Classification.ADMINISTRATIVE]
    by_object = totals[Classification.OBJECT]
    if administrative is None or by_object is None:
        return
    for column in MOMENTS:
        if administrative.moments.get(column) != by_object.moments.get(column):
            yield statement_classifications_disagree.found(
                where=_where(name, administrative),
                values={
                    "kind": statement.kind.value,
                    "column": column,
                    "administrative": administrative.moments.get(column),
                    "object": by_object.moments.get(column),
                },
            )
