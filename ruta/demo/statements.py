"""The demo's 2024 budget statements of the CECOP, built around its report.

Demonstration data, marked so on every page: the Estado Analítico del
Ejercicio del Presupuesto de Egresos approves, in all, the authorised budget
the CECOP's Informe Anual de Resultados 2024 states ($528,628,425.05); its
chapter 6000 accrues what the report says was invested in works
($332,174,772.24) and its chapter 4000 the aid of the report's table by
concept ($111,652,157.57); the rest of the breakdown (chapters 1000-3000,
the units, the adjustments, what was paid) is invented, and consistent: no
check of the reader finds anything. The Estado Analítico de Ingresos
receives the same budget as transfers. Both are written as the template's
CSV and imported through the importer, as a state's team would; importing
them again changes nothing.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from ruta.accounts.actors import DEMO
from ruta.catalog.models import Agency, FiscalYear
from ruta.common.files.downloads import csv_chunks
from ruta.ingest.budget import template_rows
from ruta.ingest.loaders.statement import budget_statement_import
from ruta.works.published import published_aid_rows

D = Decimal
ENTITY, YEAR, CUT = "sonora-cecop", 2024, "2024-12-31"
AUTHORISED = D("528628425.05")  # the report's "Presupuesto Autorizado"
INVESTED = D("332174772.24")  # the report's 2024 investment in works
NAMES = {
    "1000": "Servicios Personales",
    "1100": "Remuneraciones al Personal de Carácter Permanente",
    "1300": "Remuneraciones Adicionales y Especiales",
    "1500": "Otras Prestaciones Sociales y Económicas",
    "2000": "Materiales y Suministros",
    "2100": "Materiales de Administración, Emisión de Documentos y Artículos Oficiales",
    "2600": "Combustibles, Lubricantes y Aditivos",
    "3000": "Servicios Generales",
    "3300": "Servicios Profesionales, Científicos, Técnicos y Otros Servicios",
    "3500": "Servicios de Instalación, Reparación, Mantenimiento y Conservación",
    "3700": "Servicios de Traslado y Viáticos",
    "3900": "Otros Servicios Generales",
    "4000": "Transferencias, Asignaciones, Subsidios y Otras Ayudas",
    "4400": "Ayudas Sociales",
    "4800": "Donativos",
    "6000": "Inversión Pública",
    "6100": "Obra Pública en Bienes de Dominio Público",
}
# concept: (approved, adjustments, accrued, paid); 4400, 4800 and 6100 take
# the report's figures (below), 3900 what makes the total the authorised.
CONCEPTS: dict[str, tuple[Decimal, Decimal, Decimal | None, Decimal | None]] = {
    "1100": (D("38000000.00"), D("0.00"), D("37650000.00"), D("37650000.00")),
    "1300": (D("6500000.00"), D("0.00"), D("6420000.00"), D("5900000.00")),
    "1500": (D("9000000.00"), D("0.00"), D("8880000.00"), D("8880000.00")),
    "2100": (D("2400000.00"), D("0.00"), D("2150000.00"), D("2050000.00")),
    "2600": (D("3100000.00"), D("0.00"), D("2960000.00"), D("2960000.00")),
    "3300": (D("8000000.00"), D("0.00"), D("7300000.00"), D("6900000.00")),
    "3500": (D("4200000.00"), D("0.00"), D("3950000.00"), D("3950000.00")),
    "3700": (D("2000000.00"), D("0.00"), D("1720000.00"), D("1720000.00")),
    "3900": (D("0.00"), D("1200000.00"), D("9880000.00"), D("9400000.00")),
    "4400": (D("60000000.00"), D("5600000.00"), None, None),
    "4800": (D("40000000.00"), D("6200000.00"), None, None),
    "6100": (D("345000000.00"), D("-12000000.00"), INVESTED, D("318400000.00")),
}
# The units, with the share of chapters 1000-3000 each spends; the works'
# chapter goes to the two directorates that execute them, the aid to its
# department.
UNITS = (
    ("01", "Coordinación General", D("0.40")),
    ("02", "Dirección General de Concertación y Apoyo Técnico", D("0.20")),
    ("03", "Dirección de Apoyo Técnico", D("0.10")),
    ("04", "Dirección General de Organización Social", D("0.15")),
    ("05", "Departamento de Ayudas Diversas", D("0.10")),
    ("06", "Unidad de Transparencia", D("0.05")),
)
WORKS_SHARE = {"02": D("0.80"), "03": D("0.20")}
MOMENTS = ("approved", "adjustments", "accrued", "paid")


def _concepts() -> dict[str, dict[str, Decimal]]:
    aid = {row.concept: row.amount for row in published_aid_rows()}
    social = aid["persons"] + aid["nonprofits"] + aid["disasters"]
    donations = aid["nonprofit_donations"] + aid["government_donations"]
    figures = {}
    for key, (approved, adjustments, accrued, paid) in CONCEPTS.items():
        accrued = {"4400": social, "4800": donations}.get(key, accrued)
        figures[key] = {
            "approved": approved,
            "adjustments": adjustments,
            "accrued": accrued or D("0.00"),
            "paid": paid if paid is not None else accrued or D("0.00"),
        }
    rest = AUTHORISED - sum(f["approved"] for f in figures.values())
    figures["3900"]["approved"] = rest
    return figures


def _row(classification: str, key: str, name: str, f: dict[str, Decimal]) -> dict:
    modified = f["approved"] + f["adjustments"]
    return {
        "ENTE": ENTITY,
        "EJERCICIO": str(YEAR),
        "CORTE": CUT,
        "CLASIFICACION": classification,
        "CLAVE": key,
        "CONCEPTO": name,
        "APROBADO": f["approved"],
        "AMPLIACIONES_REDUCCIONES": f["adjustments"],
        "MODIFICADO": modified,
        "DEVENGADO": f["accrued"],
        "PAGADO": f["paid"],
        "SUBEJERCICIO": modified - f["accrued"],
    }


def _summed(parts: list[dict[str, Decimal]]) -> dict[str, Decimal]:
    return {m: sum((p[m] for p in parts), D("0.00")) for m in MOMENTS}


def _split(total: dict[str, Decimal], shares: list[Decimal]) -> list[dict]:
    """Split each moment by ``shares``, to the centavo; the first takes the rest."""
    parts = [
        {m: (total[m] * share).quantize(D("0.01")) for m in MOMENTS} for share in shares
    ]
    for m in MOMENTS:
        parts[0][m] += total[m] - sum(part[m] for part in parts)
    return parts


def expenditure_rows() -> list[dict]:
    """Return the demo's expenditure statement, by object and by unit."""
    concepts = _concepts()
    rows = []
    for chapter in ("1000", "2000", "3000", "4000", "6000"):
        keys = [key for key in concepts if key[0] == chapter[0]]
        rows.append(
            _row(
                "objeto del gasto",
                chapter,
                NAMES[chapter],
                _summed([concepts[k] for k in keys]),
            )
        )
        rows += [_row("objeto del gasto", k, NAMES[k], concepts[k]) for k in keys]
    total = _summed(list(concepts.values()))
    rows.append(_row("objeto del gasto", "TOTAL", "Total del Gasto", total))
    operating = _summed([f for k, f in concepts.items() if k[0] in "123"])
    works = concepts["6100"]
    aid = _summed([concepts["4400"], concepts["4800"]])
    shares = _split(operating, [share for _key, _name, share in UNITS])
    works_parts = dict(
        zip(WORKS_SHARE, _split(works, list(WORKS_SHARE.values())), strict=True)
    )
    for (key, name, _share), part in zip(UNITS, shares, strict=True):
        extra = [works_parts[key]] if key in works_parts else []
        extra += [aid] if key == "05" else []
        rows.append(_row("administrativa", key, name, _summed([part, *extra])))
    rows.append(_row("administrativa", "TOTAL", "Total del Gasto", total))
    return rows


def revenue_rows() -> list[dict]:
    """Return the demo's revenue statement: the budget received as transfers."""
    estimated, adjustments = AUTHORISED, D("1000000.00")
    collected = D("520000000.00")
    figures = {
        "ESTIMADO": estimated,
        "AMPLIACIONES_REDUCCIONES": adjustments,
        "MODIFICADO": estimated + adjustments,
        "DEVENGADO": collected,
        "RECAUDADO": collected,
        "DIFERENCIA": collected - estimated,
    }
    head = {"ENTE": ENTITY, "EJERCICIO": str(YEAR), "CORTE": CUT}
    return [
        {
            **head,
            "CLAVE": key,
            "RUBRO": name,
            **figures,
        }
        for key, name in (
            (
                "9",
                "Transferencias, Asignaciones, Subsidios y Subvenciones, y "
                "Pensiones y Jubilaciones",
            ),
            ("91", "Transferencias y Asignaciones"),
            ("TOTAL", "Total"),
        )
    ]


def statements_demo_load() -> int:
    """Import the two demo statements; return how many were new (zero: loaded)."""
    if not Agency.objects.filter(code=ENTITY).exists():
        return 0
    if not FiscalYear.objects.filter(year=YEAR).exists():
        return 0
    loaded = 0
    with tempfile.TemporaryDirectory(prefix="estados-") as folder:
        for word, rows in (
            ("egresos", expenditure_rows()),
            ("ingresos", revenue_rows()),
        ):
            columns, _example = template_rows(word)
            path = Path(folder) / (
                f"estado_analitico_{word}_cecop_{YEAR}_demostracion.csv"
            )
            path.write_text("".join(csv_chunks(columns, rows)), encoding="utf-8")
            result = budget_statement_import(path=path, actor=DEMO, is_demo=True)
            loaded += result.status.value == "imported"
    return loaded


# Mexicali's own instance (``make demo DEMO_MUNICIPALITY=02002``) shows its
# budget's moments beside its POA: a demonstration expenditure statement of
# its ayuntamiento, the template's own example figures, marked as such.
MUNICIPAL_ENTITY = "ayuntamiento-02002"


def municipal_statement_demo_load() -> int:
    """Import Mexicali's demonstration statement; return 1 if new, else 0."""
    if not Agency.objects.filter(code=MUNICIPAL_ENTITY).exists():
        return 0
    if not FiscalYear.objects.filter(year=YEAR).exists():
        return 0
    columns, example = template_rows("egresos")
    rows = [
        {**row, "ENTE": MUNICIPAL_ENTITY, "EJERCICIO": str(YEAR), "CORTE": CUT}
        for row in example
    ]
    with tempfile.TemporaryDirectory(prefix="estados-") as folder:
        name = f"estado_analitico_egresos_mexicali_{YEAR}_demostracion.csv"
        path = Path(folder) / name
        path.write_text("".join(csv_chunks(columns, rows)), encoding="utf-8")
        result = budget_statement_import(path=path, actor=DEMO, is_demo=True)
    return int(result.status.value == "imported")
