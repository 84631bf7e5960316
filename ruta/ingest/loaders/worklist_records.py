"""A works-list row as the works app takes it: ``ImportedWork``.

The federal lists' works are filed under SHCP's program of the federal
portfolio; each row's ramo and unit become its executing agency (created in
the catalog on first sight); it counts the year's federal budget (see
``federal_year_funding``), and its status follows its physical progress. An
agency's template row is funded by its published sources when they add up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from ruta.catalog.models import AgencyKind
from ruta.common.text.money import ZERO
from ruta.ingest.worklist import WorkRow
from ruta.works.models import FundingSource, WorkOrigin, WorkStatus
from ruta.works.services.imports import (
    ExecutingUnit,
    FundingShare,
    ImportedWork,
    ProgramDefinition,
)

# The federal portfolio's works are filed under one program of SHCP's (ramo
# 06, which publishes the lists) and one subprogram; the project type each
# row prints stays in its published values.
PUBLISHER = ExecutingUnit(
    code="apf-06",
    name="Secretaría de Hacienda y Crédito Público",
    kind=AgencyKind.DEPENDENCIA,
    official_code="06",
    acronym="SHCP",
)
FEDERAL_PORTFOLIO = ProgramDefinition(
    code="ppi-federal",
    name="Cartera federal de programas y proyectos de inversión",
    acronym="PPI",
    agency=PUBLISHER.code,
    description=(
        "Programas y proyectos de inversión de la Administración Pública Federal, "
        "como los publica la SHCP en Obra Pública Abierta (Transparencia "
        "Presupuestaria)."
    ),
    subprogram_code="ppi-federal",
    subprogram_name="Programas y proyectos de inversión federales",
)
# How each published source of money is filed as a funding row (its value,
# as the stage takes it).
SOURCE_FUNDING = {
    kind: str(source)
    for kind, source in {
        "FISCAL": FundingSource.FEDERAL,
        "PROPIO": FundingSource.OTHER,
        "ESTATAL": FundingSource.STATE,
        "MUNICIPAL": FundingSource.MUNICIPALITY,
        "PRIVADA": FundingSource.OTHER,
        "FIDEICOMISO": FundingSource.OTHER,
        "OTROS": FundingSource.OTHER,
    }.items()
}
NO_BREAKDOWN = "Sin desglose publicado"
# The fund a federal work's year of money is filed under.
FEDERAL_BUDGET = "Presupuesto de Egresos de la Federación"


def funding_of(row: WorkRow) -> tuple[Decimal, tuple[FundingShare, ...]]:
    """Return an agency's work's total investment and funding rows.

    The sources as printed when they add up to the printed total (or when
    no total is printed); otherwise the total, as one row "Sin desglose
    publicado": the finding says the sources do not add up.
    """
    sources_valid = all(amount >= 0 for amount in row.sources.values())
    shares = tuple(
        FundingShare(SOURCE_FUNDING[kind], amount, kind)
        for kind, amount in row.sources.items()
        if amount > 0
    )
    if sources_valid and row.sources and (row.sources_add_up or row.total is None):
        return sum((share.amount for share in shares), ZERO), shares
    if row.total is not None and row.total > 0:
        return row.total, (
            FundingShare(str(FundingSource.OTHER), row.total, NO_BREAKDOWN),
        )
    return ZERO, ()


def federal_year_funding(row: WorkRow) -> tuple[Decimal, tuple[FundingShare, ...]]:
    """Return a federal project's money in the fiscal year of its row.

    An OPA row prints two kinds of money: the year's federal budget for the
    project (APROBADO, MODIFICADO, EJERCIDO) and its cost over every year
    (MONTO_TOTAL_INVERSION, split by source). Works are summed by fiscal
    year, so a federal work counts the year's modified budget (the approved
    one when no modification is printed); the lifetime cost and its sources
    stay on the publication, as printed. A negative figure counts as none.
    """
    for label, amount in (("modificado", row.modified), ("aprobado", row.approved)):
        if amount is None or amount < 0:
            continue
        year = f" {row.fiscal_year}" if row.fiscal_year else ""
        fund = f"{FEDERAL_BUDGET}{year}, {label}"
        if amount == 0:
            return ZERO, ()
        return amount, (FundingShare(str(FundingSource.FEDERAL), amount, fund),)
    return ZERO, ()


def status_of(row: WorkRow) -> str:
    """Return the lifecycle status the published physical progress implies."""
    progress = row.physical_progress
    if progress is not None and progress >= 100:
        return WorkStatus.COMPLETED
    if progress is not None and progress > 0:
        return WorkStatus.IN_EXECUTION
    return WorkStatus.APPROVED


class Identified(Protocol):
    """A row read in full (``WorkRow``) or for its work alone (``RowIdentity``)."""

    @property
    def key(self) -> str: ...
    @property
    def ramo(self) -> str: ...
    @property
    def ramo_name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def unit_name(self) -> str: ...


def public_id_of(row: Identified, origin: WorkOrigin) -> str:
    """Return the public id of the work of a row with ``row``'s key."""
    key = "-".join(row.key.split())
    return f"OPA-{key}"[:40] if origin == WorkOrigin.FEDERAL_OPA else key[:40]


def unit_of(row: Identified, units: dict[str, ExecutingUnit]) -> str:
    """Return the catalog code of the row's executing unit, noting new ones."""
    ramo = row.ramo.zfill(2) if row.ramo.isdigit() else row.ramo.lower()
    if not ramo:
        return PUBLISHER.code
    ramo_code = f"apf-{ramo}"
    if ramo_code not in units:
        units[ramo_code] = ExecutingUnit(
            code=ramo_code,
            name=row.ramo_name or f"Ramo {ramo}",
            kind=AgencyKind.DEPENDENCIA,
            official_code=ramo,
        )
    if not row.unit:
        return ramo_code
    unit_code = f"{ramo_code}-{row.unit.lower()}"[:80]
    if unit_code not in units:
        units[unit_code] = ExecutingUnit(
            code=unit_code,
            name=row.unit_name or row.unit,
            official_code=f"{ramo}{row.unit}",
            parent=ramo_code,
        )
    return unit_code


def imported_work(
    row: WorkRow,
    *,
    origin: WorkOrigin,
    agency: str,
    units: dict[str, ExecutingUnit],
) -> ImportedWork:
    """Return the work ``row`` describes; a federal row names its own unit."""
    federal = origin == WorkOrigin.FEDERAL_OPA
    total, funding = federal_year_funding(row) if federal else funding_of(row)
    return ImportedWork(
        public_id=public_id_of(row, origin),
        title=row.name,
        agency=unit_of(row, units) if federal else agency,
        subprogram=FEDERAL_PORTFOLIO.subprogram_code if federal else row.subprogram,
        total_investment=total,
        funding=funding,
        rank=row.rank,
        status=status_of(row),
        description=row.description,
        locality=row.location,
        state=row.state,
        municipality=row.municipality_code,
        latitude=row.latitude,
        longitude=row.longitude,
        start=row.start,
        end=row.end,
        year=row.fiscal_year,
        approved=row.approved,
        modified=row.modified,
        paid=row.paid,
        total_printed=row.total,
        physical_progress=row.physical_progress,
        sources_printed=row.sources,
        status_printed=row.status,
        official_name=row.official.get("name", ""),
        official_position=row.official.get("position", ""),
        official_email=first_email(row.official.get("email", "")),
        official_phone=row.official.get("phone", ""),
    )


def first_email(text: str) -> str:
    """Return the first address of an e-mail cell, or "" when it holds none."""
    first = text.replace(";", " ").replace(",", " ").split()
    return first[0] if first and "@" in first[0] else ""
