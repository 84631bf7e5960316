"""Contracting processes as open data: what OCDS files published, no person named.

A natural person's name and RFC are personal data (``ruta.works.apps``):
they are never in these answers. No ``from __future__ import annotations``:
django-ninja reads the annotations at import time.
"""

import datetime
from datetime import date
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from ruta.common.bounds import STORABLE_TEXT
from ruta.common.web.pagination import KeysetPagination
from ruta.works.models import (
    ContractingContract,
    ContractingPayment,
    ContractingProcess,
    OcdsMethod,
)
from ruta.works.selectors.contracting import processes_published

router = Router(tags=["contracting"])
# An ocid is a prefix and the publisher's identifier; 200 is the stored bound.
Ocid = Annotated[str, Path(max_length=200, pattern=STORABLE_TEXT)]


class ContractingPaymentOut(Schema):
    transaction_id: str
    # A field named as the type: the type is named by its module.
    date: datetime.date | None
    amount: Decimal | None
    currency: str
    payer: str
    payee: str | None

    @staticmethod
    def resolve_date(payment: ContractingPayment) -> datetime.date | None:
        return payment.day

    @staticmethod
    def resolve_payee(payment: ContractingPayment) -> str | None:
        """A natural person's name is withheld: ``null``."""
        return payment.payee or None


class ContractingContractOut(Schema):
    contract_id: str
    title: str
    supplier: str | None
    supplier_is_person: bool
    amount: Decimal | None
    currency: str
    start: date | None
    end: date | None
    signed: date | None
    payments: list[ContractingPaymentOut]

    @staticmethod
    def resolve_supplier(contract: ContractingContract) -> str | None:
        return contract.supplier or None

    @staticmethod
    def resolve_payments(contract: ContractingContract) -> list[ContractingPayment]:
        return list(contract.payments.all())


class ContractingProcessOut(Schema):
    ocid: str
    title: str
    buyer: str
    procuring_entity: str
    method: str
    method_label: str | None = Field(
        description="The method in words when it is a code of OCDS's codelist."
    )
    tender_start: date | None
    tender_end: date | None
    amount: Decimal | None
    currency: str
    work: str | None
    document_sha256: str
    contracts: list[ContractingContractOut]

    @staticmethod
    def resolve_method_label(process: ContractingProcess) -> str | None:
        method = process.method.strip()
        if method not in OcdsMethod.values:
            return None
        return str(OcdsMethod(method).label)

    @staticmethod
    def resolve_buyer(process: ContractingProcess) -> str:
        return process.buyer_name

    @staticmethod
    def resolve_work(process: ContractingProcess) -> str | None:
        return process.work.public_id if process.work is not None else None

    @staticmethod
    def resolve_document_sha256(process: ContractingProcess) -> str:
        return process.document.sha256

    @staticmethod
    def resolve_contracts(process: ContractingProcess) -> list[ContractingContract]:
        return list(process.contracts.all())


@router.get("/", response=list[ContractingProcessOut])
@paginate(KeysetPagination, keys=("ocid",))
def list_processes(request: HttpRequest) -> QuerySet[ContractingProcess]:
    """Return the contracting processes read from OCDS files, a page at a time."""
    return processes_published()


@router.get("/{ocid}", response=ContractingProcessOut)
def get_process(request: HttpRequest, ocid: Ocid) -> ContractingProcess:
    """Return one contracting process with its contracts and payments."""
    found = processes_published().filter(ocid=ocid).first()
    if found is None:
        raise Http404(f"No contracting process {ocid}")
    return found
