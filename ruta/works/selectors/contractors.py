"""A company's public contracts: the contractor page.

Only a legal entity (a 12-character RFC) has a page: a natural person's RFC
is personal data and is never a key of a public page. A company's RFC
prints the date it was incorporated (``ruta.common.text.rfc``), shown beside
its contracts, their payments and their totals by year and by agency.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ruta.common.text.money import ZERO
from ruta.common.text.rfc import incorporation_date, is_company_rfc, rfc_compact
from ruta.works.models import Contract, Payment, Work, published_condition


@dataclass(frozen=True)
class ContractorTotal:
    """A contractor's contracts in a year or with an agency, and what was paid."""

    label: str
    contracts: int
    amount: Decimal
    paid: Decimal


@dataclass(frozen=True)
class ContractorSummary:
    rfc: str
    name: str
    contracts: list[Contract]
    amount: Decimal
    works: int
    demo_works: int = 0
    paid: Decimal = ZERO
    payments: int = 0
    incorporated: date | None = None
    by_year: tuple[ContractorTotal, ...] = ()
    by_agency: tuple[ContractorTotal, ...] = ()


def contractor_summary(rfc: str) -> ContractorSummary | None:
    """Return the company ``rfc``'s contracts on published works; None if none.

    Each contract carries ``paid`` and ``payment_count`` (its payments).
    """
    rfc = rfc_compact(rfc)
    if not is_company_rfc(rfc):
        return None
    rows = list(_contracts(rfc).order_by("-signed_on", "number"))
    if not rows:
        return None
    return ContractorSummary(
        rfc=rfc,
        name=rows[0].contractor_name,
        contracts=rows,
        amount=sum((row.amount for row in rows), ZERO),
        works=len({row.work_id for row in rows}),
        demo_works=len({row.work_id for row in rows if row.work.is_demo}),
        paid=sum((row.paid for row in rows), ZERO),
        payments=sum(row.payment_count for row in rows),
        incorporated=incorporation_date(rfc, not_after=timezone.localdate()),
        by_year=_totals(rows, lambda row: str(row.work.fiscal_year_id), reverse=True),
        by_agency=_totals(rows, _agency),
    )


def _agency(contract: Contract) -> str:
    agency = contract.work.executing_agency
    return agency.name if agency else ""


@dataclass(frozen=True)
class ContractorTally:
    """A company's contracts on a selection of works: how many, on how many
    works, and for how much."""

    rfc: str
    name: str
    contracts: int
    works: int
    amount: Decimal


def contractors_tallied(
    works: QuerySet[Work], procedure: str | None = None, *, other: bool = False
) -> list[ContractorTally]:
    """Return each company's contracts on ``works``, by RFC: only those
    awarded by ``procedure`` when one is given, or by any ``other`` one.

    A natural person's RFC is personal data: never tallied. A company named
    two ways keeps the first of its names, as the contractors' list does.
    """
    contracts = Contract.objects.filter(work__in=works)
    if procedure is not None:
        contracts = (
            contracts.exclude(procedure=procedure)
            if other
            else contracts.filter(procedure=procedure)
        )
    rows = (
        contracts.exclude(contractor_rfc="")
        .values("contractor_rfc")
        .annotate(
            name=Min("contractor_name"),
            contracts=Count("pk"),
            works=Count("work", distinct=True),
            amount=Sum("amount"),
        )
        .order_by("contractor_rfc")
    )
    return [
        ContractorTally(
            row["contractor_rfc"],
            row["name"],
            row["contracts"],
            row["works"],
            row["amount"] or ZERO,
        )
        for row in rows
        if is_company_rfc(row["contractor_rfc"])
    ]


# The columns of a contractor's download, in Spanish as the open data's.
CONTRACTOR_COLUMNS: dict[str, str] = {
    "contrato": "Contrato",
    "folio": "Folio de la obra",
    "obra": "Obra",
    "ejercicio": "Ejercicio fiscal",
    "dependencia": "Dependencia ejecutora",
    "municipio": "Municipio",
    "procedimiento": "Procedimiento",
    "monto": "Monto",
    "firmado": "Firmado",
    "inicio": "Inicio",
    "termino": "Término",
    "pagos": "Pagos",
    "pagado": "Pagado",
}


def contractor_rows(summary: ContractorSummary) -> list[dict[str, object]]:
    """Return the contractor's contracts as rows of ``CONTRACTOR_COLUMNS``."""
    return [
        {
            "contrato": contract.number,
            "folio": contract.work.public_id,
            "obra": contract.work.title,
            "ejercicio": contract.work.fiscal_year_id,
            "dependencia": _agency(contract),
            "municipio": (
                contract.work.municipality.name if contract.work.municipality else ""
            ),
            "procedimiento": contract.get_procedure_display(),
            "monto": contract.amount,
            "firmado": contract.signed_on,
            "inicio": contract.start_date,
            "termino": contract.end_date,
            "pagos": contract.payment_count,  # type: ignore[attr-defined]
            "pagado": contract.paid,  # type: ignore[attr-defined]
        }
        for contract in summary.contracts
    ]


def _contracts(rfc: str):  # type: ignore[no-untyped-def]
    """Return the company's contracts on published works, with their payments."""
    payments = Payment.objects.filter(contract=OuterRef("pk")).order_by()
    money = DecimalField(max_digits=18, decimal_places=2)
    return (
        Contract.objects.filter(published_condition("work__"), contractor_rfc=rfc)
        .select_related(
            "work__municipality", "work__fiscal_year", "work__executing_agency"
        )
        .annotate(
            paid=Coalesce(
                Subquery(
                    payments.values("contract").annotate(t=Sum("amount")).values("t"),
                    output_field=money,
                ),
                Value(ZERO),
            ),
            payment_count=Coalesce(
                Subquery(
                    payments.values("contract").annotate(n=Count("pk")).values("n")
                ),
                0,
            ),
        )
    )


def _totals(
    rows: Iterable[Contract],
    key: Callable[[Contract], str],
    *,
    reverse: bool = False,
) -> tuple[ContractorTotal, ...]:
    """Return the contracts' count, amount and paid by ``key``, in its order."""
    groups: dict[str, list[Contract]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return tuple(
        ContractorTotal(
            label=label,
            contracts=len(members),
            amount=sum((member.amount for member in members), ZERO),
            paid=sum((member.paid for member in members), ZERO),  # type: ignore[attr-defined]
        )
        for label, members in sorted(groups.items(), reverse=reverse)
    )
