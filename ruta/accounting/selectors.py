"""Reads of budget statements for the budget page and the open data.

A year's statements are the latest of each kind for each public entity of
the instance (by cut-off date, then by when they were read): an earlier
quarter's statement stays as its document, not on the page. Each is shown
by classification, groups with their items, with its total row and the
findings of the file it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet

from ruta.accounting.models import (
    BudgetStatement,
    ClassificationChoice,
    StatementLine,
)
from ruta.accounting.records import Classification, Level
from ruta.catalog.instance import instance

ORDER = (
    Classification.OBJECT,
    Classification.ADMINISTRATIVE,
    Classification.REVENUE_ITEM,
)


@dataclass(frozen=True)
class Group:
    """A chapter or rubro with its concepts or tipos (a unit has no items)."""

    line: StatementLine
    items: tuple[StatementLine, ...]


@dataclass(frozen=True)
class ClassificationView:
    """One classification of a statement: its groups and its total row."""

    classification: str
    label: str
    groups: tuple[Group, ...]
    total: StatementLine | None

    @property
    def anchor(self) -> str:
        return f"{self.classification}"


@dataclass(frozen=True)
class StatementView:
    """A statement as the budget page shows it."""

    statement: BudgetStatement
    classifications: tuple[ClassificationView, ...]
    findings: int

    @property
    def total(self) -> StatementLine | None:
        """Return the statement's first total row (every classification's agree
        when the file is sound; the findings say when not)."""
        return next((c.total for c in self.classifications if c.total), None)


def _in_instance(
    statements: QuerySet[BudgetStatement],
) -> QuerySet[BudgetStatement]:
    if not instance().code:
        return statements
    return statements.filter(agency__in=instance().agencies())


def year_statements(year: int) -> list[BudgetStatement]:
    """Return the latest statement of each kind and entity for fiscal ``year``."""
    statements = (
        _in_instance(BudgetStatement.objects.of_year(year).latest_first())
        .select_related("agency", "source_document")
        .annotate(finding_count=Count("source_document__findings", distinct=True))
    )
    latest: dict[tuple[int, str], BudgetStatement] = {}
    for statement in statements:
        latest.setdefault((statement.agency_id, statement.kind), statement)
    return sorted(latest.values(), key=lambda s: (s.agency.name, s.kind))


def statement_view(statement: BudgetStatement) -> StatementView:
    """Return ``statement`` grouped by classification, chapter and concept."""
    lines = list(statement.lines.order_by("classification", "row_number"))
    labels = dict(ClassificationChoice.choices)
    views = []
    for classification in ORDER:
        rows = [line for line in lines if line.classification == classification]
        if not rows:
            continue
        groups = tuple(
            Group(
                line,
                tuple(
                    item
                    for item in rows
                    if item.level == Level.ITEM and item.parent_key == line.key
                ),
            )
            for line in rows
            if line.level == Level.GROUP
            or (line.level == Level.ITEM and not line.parent_key)
        )
        total = next((line for line in rows if line.level == Level.TOTAL), None)
        views.append(
            ClassificationView(
                classification.value, str(labels[classification]), groups, total
            )
        )
    return StatementView(
        statement, tuple(views), getattr(statement, "finding_count", 0)
    )


def year_statement_views(year: int) -> list[StatementView]:
    """Return the budget page's statements of ``year``, grouped for reading."""
    return [statement_view(statement) for statement in year_statements(year)]


# The open data's column for each accounting moment (``records.MOMENTS``).
MOMENT_COLUMNS = {
    "approved": "APROBADO_O_ESTIMADO",
    "adjustments": "AMPLIACIONES_REDUCCIONES",
    "modified": "MODIFICADO",
    "accrued": "DEVENGADO",
    "paid": "PAGADO_O_RECAUDADO",
    "balance": "SUBEJERCICIO_O_DIFERENCIA",
}


def statement_rows() -> Iterator[dict[str, object]]:
    """Yield every row of each year's latest statements, as the open data lists them."""
    for statement in _all_latest():
        lines = statement.lines.order_by("classification", "row_number")
        for line in lines:
            yield {
                "EJERCICIO": statement.fiscal_year_id,
                "ENTE": statement.agency.name,
                "ESTADO": statement.kind,
                "CIFRAS_AL": statement.as_of,
                "CLASIFICACION": line.classification,
                "NIVEL": line.level,
                "CLAVE": line.key,
                "NOMBRE": line.name,
                **{
                    column: line_value(line, moment)
                    for moment, column in MOMENT_COLUMNS.items()
                },
                "DEMOSTRACION": statement.is_demo,
                "DOCUMENTO_SHA256": statement.source_document.sha256,
                "RENGLON": line.row_number,
            }


def line_value(line: StatementLine, moment: str) -> Decimal:
    """Return one of a row's figures by the name of its accounting moment."""
    value: Decimal = getattr(line, moment)
    return value


def _all_latest() -> list[BudgetStatement]:
    # Without an order of its own, DISTINCT would run over the model's
    # ordering columns too and give a year once per statement.
    years = (
        _in_instance(BudgetStatement.objects.all())
        .order_by("fiscal_year_id")
        .values_list("fiscal_year_id", flat=True)
        .distinct()
    )
    return [s for year in years for s in year_statements(year)]


def statement_years() -> list[int]:
    """Return the fiscal years with a statement, latest first."""
    years = _in_instance(BudgetStatement.objects.all()).values_list(
        "fiscal_year_id", flat=True
    )
    return sorted(set(years), reverse=True)
