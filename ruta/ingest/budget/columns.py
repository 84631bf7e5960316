"""The columns of the two statements, as the template names them.

A header cell is recognised by its words (accents, case, spaces and
punctuation aside, "y" dropped): "Ampliaciones/(Reducciones)",
"AMPLIACIONES_REDUCCIONES" and "Ampliaciones y Reducciones" are one column.
"""

from __future__ import annotations

import re

from ruta.accounting.records import StatementKind
from ruta.common.text.folding import fold

# Printed name in the template → the field it fills.
EXPENDITURE = {
    "ENTE": "entity",
    "EJERCICIO": "year",
    "CORTE": "as_of",
    "CLASIFICACION": "classification",
    "CLAVE": "key",
    "CONCEPTO": "name",
    "APROBADO": "approved",
    "AMPLIACIONES_REDUCCIONES": "adjustments",
    "MODIFICADO": "modified",
    "DEVENGADO": "accrued",
    "PAGADO": "paid",
    "SUBEJERCICIO": "balance",
}
REVENUE = {
    "ENTE": "entity",
    "EJERCICIO": "year",
    "CORTE": "as_of",
    "CLAVE": "key",
    "RUBRO": "name",
    "ESTIMADO": "approved",
    "AMPLIACIONES_REDUCCIONES": "adjustments",
    "MODIFICADO": "modified",
    "DEVENGADO": "accrued",
    "RECAUDADO": "paid",
    "DIFERENCIA": "balance",
}
COLUMNS = {StatementKind.EXPENDITURE: EXPENDITURE, StatementKind.REVENUE: REVENUE}
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def header_key(cell: str) -> str:
    """Return a header cell as the template names it ("AMPLIACIONES_REDUCCIONES")."""
    words = [w for w in _NOT_WORD.split(fold(cell.strip().lstrip("\ufeff"))) if w]
    return "_".join(word for word in words if word != "y").upper()


def kind_of_header(keys: list[str]) -> tuple[StatementKind | None, list[str]]:
    """Return the statement whose columns the header holds, or the one it is
    nearest to with the columns it lacks."""
    best: tuple[StatementKind | None, list[str]] = (None, [])
    for kind, columns in COLUMNS.items():
        missing = [name for name in columns if name not in keys]
        if not missing:
            return kind, []
        if best[0] is None or len(missing) < len(best[1]):
            best = (kind, missing)
    return None, best[1]
