"""The arithmetic of the harmonised-accounting statements (pure).

CONAC's formats print how their columns relate: in the Estado Analítico del
Ejercicio del Presupuesto de Egresos, Modificado (3) = Aprobado (1) +
Ampliaciones/(Reducciones) (2) and Subejercicio (6) = Modificado (3) −
Devengado (4); in the Estado Analítico de Ingresos, Modificado (3) =
Estimado (1) + Ampliaciones y Reducciones (2) and Diferencia (6) =
Recaudado (5) − Estimado (1). What is paid never exceeds what was accrued,
and every total is the sum of its rows. Keys follow the Clasificador por
Objeto del Gasto (a chapter 1000, a concept 1100) and the Clasificador por
Rubros de Ingresos (a rubro 1, a tipo 11).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from ruta.accounting.records import Level, Moments, StatementKind
from ruta.common.text.money import ZERO

_CHAPTER = re.compile(r"[1-9]000")
_CONCEPT = re.compile(r"[1-9][1-9]00")
_RUBRO = re.compile(r"[0-9]")
_TIPO = re.compile(r"[0-9][0-9]")


def expected_modified(moments: Moments) -> Decimal:
    """Return the modified the approved and the adjustments give."""
    return moments.approved + moments.adjustments


def expected_balance(kind: StatementKind, moments: Moments) -> Decimal:
    """Return the balance column the other columns give.

    Expenditure: the underspending (subejercicio), modified − accrued.
    Revenue: the difference, collected − estimated.
    """
    if kind == StatementKind.EXPENDITURE:
        return moments.modified - moments.accrued
    return moments.paid - moments.approved


def paid_over_accrued(kind: StatementKind, moments: Moments) -> bool:
    """Return whether more was paid than accrued (expenditure only)."""
    return kind == StatementKind.EXPENDITURE and moments.paid > moments.accrued


def summed(rows: Iterable[Moments], moment: str) -> Decimal:
    """Return the sum of ``moment`` over ``rows``."""
    return sum((row.get(moment) for row in rows), ZERO)


def object_key_level(key: str) -> tuple[Level, str] | None:
    """Return a Clasificador por Objeto del Gasto key's level and parent.

    A chapter (``3000``) has no parent; a concept (``3100``) belongs to its
    chapter. Anything else (a partida, ``3111``) is none of the two.
    """
    if _CHAPTER.fullmatch(key):
        return Level.GROUP, ""
    if _CONCEPT.fullmatch(key):
        return Level.ITEM, f"{key[0]}000"
    return None


def revenue_key_level(key: str) -> tuple[Level, str] | None:
    """Return a Clasificador por Rubros de Ingresos key's level and parent.

    A rubro (``1``: Impuestos … ``0``: Ingresos derivados de financiamientos)
    has no parent; a tipo (``11``) belongs to its rubro.
    """
    if _RUBRO.fullmatch(key):
        return Level.GROUP, ""
    if _TIPO.fullmatch(key):
        return Level.ITEM, key[0]
    return None
