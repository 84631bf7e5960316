"""The plain facts of published works, contracts and processes that red flags read.

``ruta.flags`` asks its rules about these figures at each publish; the
works app knows nothing of flags. Each reader is one query over the
published scope (``published_condition``), so a publish of a state's works
reads each contract and work once.

A contract's agreed end is the end date it was first recorded with (its
audit history's first event): a later end date is a term modification.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from ruta.common.text.money import ZERO
from ruta.works.models import (
    BudgetModification,
    Contract,
    ContractingContract,
    ContractingPayment,
    ContractingProcess,
    Payment,
    Progress,
    Work,
    funded_by,
    published_condition,
)
from ruta.works.models.modifications import ModificationStatus
from ruta.works.selectors.contracting import process_in_instance_condition

_MONEY = DecimalField(max_digits=18, decimal_places=2)


@dataclass(frozen=True)
class ContractFact:
    """A published contract as the flags read it."""

    id: int
    number: str
    work_id: int
    work: str
    agency_id: int | None
    agency: str
    locality: str
    municipality: str
    contractor: str
    rfc: str
    procedure: str
    amount: Decimal
    signed_on: date
    start: date | None
    end: date | None
    agreed_end: date | None
    paid: Decimal
    is_demo: bool
    fiscal_year: int = 0
    municipality_name: str = ""
    payments: int = 0


@dataclass(frozen=True)
class WorkFact:
    """A published work's money, status and progress as the flags read them."""

    id: int
    public_id: str
    agency_id: int | None
    status: str
    end: date | None
    investment: Decimal
    federal: bool
    increases: Decimal
    physical: Decimal | None
    paid: Decimal
    contracted: Decimal
    is_demo: bool


@dataclass(frozen=True)
class ProcessFact:
    """A published contracting process: its method and how many bid."""

    id: int
    ocid: str
    method: str
    tenderers: int | None
    work_id: int | None
    agency_id: int | None
    is_demo: bool


def contract_facts() -> Iterator[ContractFact]:
    """Yield every published contract with what was paid under it."""
    event = apps.get_model("works", "ContractEvent")
    first_end = event.objects.filter(pgh_obj_id=OuterRef("pk")).order_by(
        "pgh_created_at", "pgh_id"
    )
    paid = (
        Payment.objects.filter(contract=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    payments = (
        Payment.objects.filter(contract=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = (
        Contract.objects.filter(published_condition("work__"))
        .annotate(
            agreed_end=Subquery(first_end.values("end_date")[:1]),
            paid=Coalesce(Subquery(paid, output_field=_MONEY), Value(ZERO)),
            payment_count=Coalesce(Subquery(payments, output_field=IntegerField()), 0),
        )
        .values(
            "id",
            "number",
            "work_id",
            "work__public_id",
            "work__executing_agency_id",
            "work__executing_agency__name",
            "work__locality",
            "work__municipality_id",
            "contractor_name",
            "contractor_rfc",
            "procedure",
            "amount",
            "signed_on",
            "start_date",
            "end_date",
            "agreed_end",
            "paid",
            "payment_count",
            "work__is_demo",
            "work__fiscal_year_id",
            "work__municipality__name",
        )
        .order_by("id")
    )
    for row in rows.iterator(chunk_size=2000):
        yield ContractFact(
            id=row["id"],
            number=row["number"],
            work_id=row["work_id"],
            work=row["work__public_id"],
            agency_id=row["work__executing_agency_id"],
            agency=row["work__executing_agency__name"] or "",
            locality=row["work__locality"] or "",
            municipality=row["work__municipality_id"] or "",
            contractor=row["contractor_name"],
            rfc=row["contractor_rfc"],
            procedure=row["procedure"],
            amount=row["amount"],
            signed_on=row["signed_on"],
            start=row["start_date"],
            end=row["end_date"],
            agreed_end=row["agreed_end"] or row["end_date"],
            paid=row["paid"],
            is_demo=row["work__is_demo"],
            fiscal_year=row["work__fiscal_year_id"],
            municipality_name=row["work__municipality__name"] or "",
            payments=row["payment_count"],
        )


def work_facts() -> Iterator[WorkFact]:
    """Yield every published work with contracts or progress, with its figures."""
    increases = (
        BudgetModification.objects.filter(
            work=OuterRef("pk"), status=ModificationStatus.APPROVED, amount__gt=0
        )
        .order_by()
        .values("work")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    contracted = (
        Contract.objects.filter(work=OuterRef("pk"))
        .order_by()
        .values("work")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    payments = (
        Payment.objects.filter(contract__work=OuterRef("pk"))
        .order_by()
        .values("contract__work")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    latest = Progress.objects.filter(work=OuterRef("pk")).order_by("-date", "-id")
    rows = (
        Work.objects.filter(published_condition())
        .filter(Q(contracts__isnull=False) | Q(progress__isnull=False))
        .distinct()
        .annotate(
            federal=funded_by("federal"),
            increases=Coalesce(Subquery(increases, output_field=_MONEY), Value(ZERO)),
            contracted=Coalesce(Subquery(contracted, output_field=_MONEY), Value(ZERO)),
            payments=Coalesce(Subquery(payments, output_field=_MONEY), Value(ZERO)),
            physical=Subquery(latest.values("physical_percent")[:1]),
            progress_paid=Subquery(latest.values("amount_paid")[:1]),
        )
        .values(
            "id",
            "public_id",
            "executing_agency_id",
            "status",
            "end_date",
            "total_investment",
            "federal",
            "increases",
            "contracted",
            "payments",
            "physical",
            "progress_paid",
            "is_demo",
        )
        .order_by("id")
    )
    for row in rows.iterator(chunk_size=2000):
        yield WorkFact(
            id=row["id"],
            public_id=row["public_id"],
            agency_id=row["executing_agency_id"],
            status=row["status"],
            end=row["end_date"],
            investment=row["total_investment"],
            federal=bool(row["federal"]),
            increases=row["increases"],
            physical=row["physical"],
            paid=max(row["payments"], row["progress_paid"] or ZERO),
            contracted=row["contracted"],
            is_demo=row["is_demo"],
        )


def _tenderers(data: dict[str, Any]) -> int | None:
    """Return how many bid, from a release: numberOfTenderers, else the bids."""
    tender = data.get("tender") or {}
    number = tender.get("numberOfTenderers")
    if isinstance(number, int) and not isinstance(number, bool):
        return number
    details = (data.get("bids") or {}).get("details")
    if isinstance(details, list) and details:
        return len(details)
    return None


def process_facts() -> Iterator[ProcessFact]:
    """Yield every published contracting process with its method and bidders.

    The number of bidders is read from the latest release that states it.
    """
    processes = (
        ContractingProcess.objects.filter(process_in_instance_condition())
        .select_related("work", "document")
        .prefetch_related("releases")
        .order_by("id")
    )
    for process in processes:
        tenderers = None
        for release in sorted(
            process.releases.all(), key=lambda r: r.date, reverse=True
        ):
            tenderers = _tenderers(release.data)
            if tenderers is not None:
                break
        yield ProcessFact(
            id=process.pk,
            ocid=process.ocid,
            method=process.method,
            tenderers=tenderers,
            work_id=process.work_id,
            agency_id=process.agency_id,
            is_demo=bool(process.document.is_demo) if process.document else False,
        )


@dataclass(frozen=True)
class ProcessContractFact:
    """A contract of a published OCDS process with what was paid under it."""

    process_id: int
    ocid: str
    contract: str
    amount: Decimal
    paid: Decimal
    work_id: int | None
    agency_id: int | None
    is_demo: bool


def process_contract_facts() -> Iterator[ProcessContractFact]:
    """Yield every contract with an amount of the published OCDS processes."""
    paid = (
        ContractingPayment.objects.filter(contract=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    rows = (
        ContractingContract.objects.filter(
            process__in=ContractingProcess.objects.filter(
                process_in_instance_condition()
            ),
            amount__isnull=False,
        )
        .annotate(paid_total=Coalesce(Subquery(paid, output_field=_MONEY), Value(ZERO)))
        .values(
            "process_id",
            "process__ocid",
            "contract_id",
            "amount",
            "paid_total",
            "process__work_id",
            "process__agency_id",
            "process__document__is_demo",
        )
        .order_by("id")
    )
    for row in rows.iterator(chunk_size=2000):
        yield ProcessContractFact(
            process_id=row["process_id"],
            ocid=row["process__ocid"],
            contract=row["contract_id"],
            amount=row["amount"] or ZERO,  # the filter leaves none empty
            paid=row["paid_total"],
            work_id=row["process__work_id"],
            agency_id=row["process__agency_id"],
            is_demo=bool(row["process__document__is_demo"]),
        )
