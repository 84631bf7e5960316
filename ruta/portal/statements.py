"""The budget page's statements beside the works: each entity's accounting
statement of a year, the authorised budget its report states and what its
published works add up to, each figure in its own phase.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ruta.accounting.models import StatementKindChoice, StatementLine
from ruta.accounting.records import Classification
from ruta.accounting.selectors import StatementView, year_statement_views
from ruta.catalog.models import Agency
from ruta.common.text.figures import MomentFigures, moments_added
from ruta.common.text.money import ZERO
from ruta.works.models import StatedBudget
from ruta.works.selectors.budget import BudgetView

# The Clasificador por Objeto del Gasto's chapter of public works.
PUBLIC_INVESTMENT = "6000"


@dataclass(frozen=True)
class BesideWorks:
    """A statement with the figures it can be read against."""

    view: StatementView
    # The report's stated budget and the statement's approved minus it.
    stated: list[tuple[StatedBudget, Decimal]]
    works: MomentFigures | None
    public_investment: StatementLine | None

    @property
    def is_revenue(self) -> bool:
        """Return whether the statement is of revenue (its columns say so)."""
        return self.view.statement.kind == StatementKindChoice.REVENUE


def _agency_and_units(agency: Agency) -> set[int]:
    found, frontier = {agency.pk}, {agency.pk}
    while frontier:
        frontier = (
            set(
                Agency.objects.filter(parent_id__in=frontier).values_list(
                    "pk", flat=True
                )
            )
            - found
        )
        found |= frontier
    return found


def _works(budget: BudgetView, agency: Agency) -> MomentFigures | None:
    """Return what ``agency``'s and its units' lines of ``budget`` add up to."""
    units = _agency_and_units(agency)
    lines = [line for line in budget.lines if line.agency_id in units]
    if not lines:
        return None
    return moments_added(lines)


def statements_beside_works(budget: BudgetView) -> list[BesideWorks]:
    """Return the statements of ``budget``'s year, each with its entity's
    stated budget and works.

    ``budget`` is the year's ``budget_phases``: an entity's works are its
    lines and its units'.
    """
    year = budget.year
    found = []
    for view in year_statement_views(year):
        statement = view.statement
        expenditure = statement.kind == StatementKindChoice.EXPENDITURE
        chapter = next(
            (
                group.line
                for classification in view.classifications
                if classification.classification == Classification.OBJECT
                for group in classification.groups
                if group.line.key == PUBLIC_INVESTMENT
            ),
            None,
        )
        approved = view.total.approved if view.total else ZERO
        stated = (
            StatedBudget.objects.filter(
                fiscal_year_id=year, agency=statement.agency
            ).select_related("source_document")
            if expenditure
            else StatedBudget.objects.none()
        )
        found.append(
            BesideWorks(
                view=view,
                stated=[(row, approved - row.amount) for row in stated],
                works=_works(budget, statement.agency) if expenditure else None,
                public_investment=chapter,
            )
        )
    return found
