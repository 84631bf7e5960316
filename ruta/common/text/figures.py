"""The figures of a set of works' money, declared once for every reader.

Two families, each named by the glossary (``ruta.common.text.glossary``):

- ``GroupFigure``: how many works of a set are in one money group (invested,
  pending release, proposed, cancelled) and how much money they carry. The
  groups are never added together: only the invested one is money released.
- ``MomentFigures``: a set of works' money in the budget's moments (approved,
  modified, paid, and paid above the modified), as the federal lists print
  APROBADO, MODIFICADO and EJERCIDO.

The aggregates, the explorer, the home and place pages, the budget page, the
statements beside the works, the API and the question box all carry these
two types, so a figure means the same wherever it is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ruta.common.text.glossary import MoneyGroup
from ruta.common.text.money import ZERO


@dataclass(frozen=True)
class GroupFigure:
    """The works of a set in one money group, and the money they carry."""

    group: str
    works: int
    amount: Decimal

    @property
    def label(self) -> str:
        """Return the group's word (Spanish source: pages translate it)."""
        return MoneyGroup(self.group).label


@dataclass(frozen=True, kw_only=True)
class MomentFigures:
    """A set of works' money in each moment of the budget.

    ``overspent`` is what ``overspent_works`` paid above their modified.
    """

    works: int
    approved: Decimal = ZERO
    modified: Decimal = ZERO
    paid: Decimal = ZERO
    overspent_works: int = 0
    overspent: Decimal = ZERO

    @property
    def modification(self) -> Decimal:
        """Return modified minus approved: what the year's changes added or cut."""
        return self.modified - self.approved

    @property
    def unpaid(self) -> Decimal:
        """Return modified minus paid: what remains to be paid (negative: overspent)."""
        return self.modified - self.paid


def moments_added(figures: Iterable[MomentFigures]) -> MomentFigures:
    """Return the moments of several sets of works added together."""
    rows = list(figures)
    return MomentFigures(
        works=sum(row.works for row in rows),
        approved=sum((row.approved for row in rows), ZERO),
        modified=sum((row.modified for row in rows), ZERO),
        paid=sum((row.paid for row in rows), ZERO),
        overspent_works=sum(row.overspent_works for row in rows),
        overspent=sum((row.overspent for row in rows), ZERO),
    )
