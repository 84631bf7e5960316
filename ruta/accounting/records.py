"""What the accounting app accepts from a reader: a statement, as plain values.

A statement read from a file (``ruta.ingest.budget``) is handed to
``ruta.accounting.services.statement_write`` in these frozen dataclasses;
no database, no Django, so the pure reader builds them.

The columns of the two statements (Ley General de Contabilidad Gubernamental,
CONAC's formats) are kept under one set of names, each the same accounting
moment or its counterpart:

============  ====================================  =============================
field         expenditure (egresos)                 revenue (ingresos)
============  ====================================  =============================
approved      Aprobado                              Estimado
adjustments   Ampliaciones/(Reducciones)            Ampliaciones y Reducciones
modified      Modificado                            Modificado
accrued       Devengado                             Devengado
paid          Pagado                                Recaudado
balance       Subejercicio (modified − accrued)     Diferencia (collected − estimated)
============  ====================================  =============================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ruta.common.text.glossary import BudgetMoment


class StatementKind(StrEnum):
    EXPENDITURE = "expenditure"
    REVENUE = "revenue"


class Classification(StrEnum):
    """How a statement's rows are grouped."""

    ADMINISTRATIVE = "administrative"  # by administrative unit
    OBJECT = "object"  # by chapter and concept of the Clasificador por Objeto
    REVENUE_ITEM = "revenue_item"  # by rubro and tipo of the CRI


class Level(StrEnum):
    """Where a row stands in its classification."""

    TOTAL = "total"
    GROUP = "group"  # a chapter (1000) or a revenue rubro (1)
    ITEM = "item"  # a concept (1100), a revenue tipo (11) or a unit


# A statement's columns, named as the glossary names the budget's moments
# (``ruta.common.text.glossary.BudgetMoment``), in the order statements print them;
# what a work paid above its modified is no column of a statement.
MOMENTS = tuple(
    moment.value for moment in BudgetMoment if moment is not BudgetMoment.OVERSPENT
)


@dataclass(frozen=True)
class Moments:
    """A row's figures in each accounting moment, as printed."""

    approved: Decimal
    adjustments: Decimal
    modified: Decimal
    accrued: Decimal
    paid: Decimal
    balance: Decimal

    def get(self, moment: str) -> Decimal:
        """Return the figure of ``moment`` (one of ``MOMENTS``)."""
        value: Decimal = getattr(self, moment)
        return value


@dataclass(frozen=True)
class PrintedLine:
    """One row of a statement: its key and name, its place in the file, its figures."""

    classification: Classification
    level: Level
    key: str
    name: str
    parent_key: str
    row_number: int
    line: int
    moments: Moments


@dataclass(frozen=True)
class PrintedStatement:
    """A statement of one public entity for a fiscal year, up to a cut-off date."""

    kind: StatementKind
    entity: str  # as the file names it: a catalog code or an agency's name
    year: int
    as_of: date
    lines: tuple[PrintedLine, ...]

    def of(self, classification: Classification) -> tuple[PrintedLine, ...]:
        """Return the rows of one classification, in the file's order."""
        return tuple(
            line for line in self.lines if line.classification == classification
        )
