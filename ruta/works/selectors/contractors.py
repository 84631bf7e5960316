"""A company's public contracts: the contractor page.

Only a legal entity (a 12-character RFC) has a page: a natural person's RFC
is personal data and is never a key of a public page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from ruta.common.money import ZERO
from ruta.common.rfc import is_company_rfc, rfc_compact
from ruta.works.models import Contract, published_condition


@dataclass(frozen=True)
class ContractorSummary:
    rfc: str
    name: str
    contracts: list[Contract]
    amount: Decimal
    works: int
    demo_works: int = 0


def contractor_summary(rfc: str) -> ContractorSummary | None:
    """Return the company ``rfc``'s contracts on published works; None if none."""
    rfc = rfc_compact(rfc)
    if not is_company_rfc(rfc):
        return None
    contracts = Contract.objects.filter(
        published_condition("work__"), contractor_rfc=rfc
    ).select_related("work__municipality", "work__fiscal_year")
    rows = list(contracts.order_by("-signed_on", "number"))
    if not rows:
        return None
    return ContractorSummary(
        rfc=rfc,
        name=rows[0].contractor_name,
        contracts=rows,
        amount=contracts.aggregate(total=Sum("amount"))["total"] or ZERO,
        works=len({row.work_id for row in rows}),
        demo_works=len({row.work_id for row in rows if row.work.is_demo}),
    )
