"""The statements' templates: their header and a small example, consistent.

``ruta/ingest/views.py`` serves them as CSV and XLSX; the example is a
quarter of an invented entity's statement whose every check holds, so a
state can see the layout and replace the rows with its own.
"""

from __future__ import annotations

from decimal import Decimal

from ruta.accounting.records import StatementKind
from ruta.ingest.budget.columns import EXPENDITURE, REVENUE

D = Decimal
_HEAD = {"ENTE": "sonora-cecop", "EJERCICIO": "2025", "CORTE": "2025-03-31"}


def _expenditure_row(
    classification: str,
    key: str,
    name: str,
    approved: int,
    adjust: int,
    accrued: int,
    paid: int,
) -> dict[str, object]:
    modified = D(approved + adjust)
    return {
        **_HEAD,
        "CLASIFICACION": classification,
        "CLAVE": key,
        "CONCEPTO": name,
        "APROBADO": D(approved),
        "AMPLIACIONES_REDUCCIONES": D(adjust),
        "MODIFICADO": modified,
        "DEVENGADO": D(accrued),
        "PAGADO": D(paid),
        "SUBEJERCICIO": modified - D(accrued),
    }


_OBJECT = "objeto del gasto"
_UNITS = "administrativa"
EXPENDITURE_EXAMPLE = (
    _expenditure_row(
        _OBJECT, "1000", "Servicios Personales", 3000000, 0, 700000, 700000
    ),
    _expenditure_row(
        _OBJECT,
        "1100",
        "Remuneraciones al Personal de Carácter Permanente",
        3000000,
        0,
        700000,
        700000,
    ),
    _expenditure_row(
        _OBJECT, "3000", "Servicios Generales", 1000000, -100000, 200000, 150000
    ),
    _expenditure_row(
        _OBJECT,
        "3300",
        "Servicios Profesionales, Científicos, Técnicos y Otros Servicios",
        1000000,
        -100000,
        200000,
        150000,
    ),
    _expenditure_row(
        _OBJECT, "6000", "Inversión Pública", 6000000, 500000, 1500000, 1200000
    ),
    _expenditure_row(
        _OBJECT,
        "6100",
        "Obra Pública en Bienes de Dominio Público",
        6000000,
        500000,
        1500000,
        1200000,
    ),
    _expenditure_row(
        _OBJECT, "TOTAL", "Total del Gasto", 10000000, 400000, 2400000, 2050000
    ),
    _expenditure_row(
        _UNITS, "01", "Coordinación General", 4000000, -100000, 900000, 850000
    ),
    _expenditure_row(
        _UNITS,
        "02",
        "Dirección General de Concertación y Apoyo Técnico",
        6000000,
        500000,
        1500000,
        1200000,
    ),
    _expenditure_row(
        _UNITS, "TOTAL", "Total del Gasto", 10000000, 400000, 2400000, 2050000
    ),
)


def _revenue_row(
    key: str, name: str, estimated: int, adjust: int, accrued: int, collected: int
) -> dict[str, object]:
    return {
        **_HEAD,
        "CLAVE": key,
        "RUBRO": name,
        "ESTIMADO": D(estimated),
        "AMPLIACIONES_REDUCCIONES": D(adjust),
        "MODIFICADO": D(estimated + adjust),
        "DEVENGADO": D(accrued),
        "RECAUDADO": D(collected),
        "DIFERENCIA": D(collected - estimated),
    }


REVENUE_EXAMPLE = (
    _revenue_row(
        "7",
        "Ingresos por Venta de Bienes, Prestación de Servicios y Otros Ingresos",
        0,
        50000,
        50000,
        50000,
    ),
    _revenue_row(
        "9",
        "Transferencias, Asignaciones, Subsidios y Subvenciones, y Pensiones y "
        "Jubilaciones",
        10000000,
        350000,
        2600000,
        2600000,
    ),
    _revenue_row(
        "91", "Transferencias y Asignaciones", 10000000, 350000, 2600000, 2600000
    ),
    _revenue_row("TOTAL", "Total", 10000000, 400000, 2650000, 2650000),
)

# The address's word for each template → what it is, its columns and example.
TEMPLATES = {
    "egresos": (StatementKind.EXPENDITURE, EXPENDITURE, EXPENDITURE_EXAMPLE),
    "ingresos": (StatementKind.REVENUE, REVENUE, REVENUE_EXAMPLE),
}


def template_rows(word: str) -> tuple[dict[str, str], tuple[dict[str, object], ...]]:
    """Return a template's columns (printed name → printed name) and example rows."""
    _kind, columns, rows = TEMPLATES[word]
    return {name: name for name in columns}, rows
