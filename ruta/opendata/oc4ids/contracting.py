"""A work's contracts as OC4IDS ``contractingProcesses`` with their payments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.text import slugify

from ruta.opendata.contracting import (
    CAPTURED_METHOD,
    captured_ocid,
    contracts_status,
    process_method,
    public_contracts,
    single_currency,
    total,
)
from ruta.opendata.normalise import published_ocid
from ruta.opendata.packages import compact, day_start, label, money, period
from ruta.opendata.parties import (
    Parties,
    agency_party,
    contractor_party,
    ocds_party,
)
from ruta.works.models import (
    Contract,
    ContractingContract,
    ContractingPayment,
    ContractingProcess,
    Payment,
    ProcurementProcedure,
)

if TYPE_CHECKING:
    from ruta.opendata.package_selectors import ProjectWork


def captured_process(contract: Contract, parties: Parties) -> dict[str, Any]:
    """Return a contract captured for the work as a process of one contract.

    The executing agency signs the work's contracts, so it is the procuring
    entity.
    """
    work = contract.work
    entity = parties.add(agency_party(work.executing_agency), "procuringEntity")
    supplier = parties.add(contractor_party(contract), "supplier")
    ocid = captured_ocid(contract)
    summary = {
        "ocid": ocid,
        "externalReference": contract.number,
        "nature": ["construction"],
        "title": f"Contrato {contract.number}",
        "status": contracts_status([contract.end_date], signed=True),
        "tender": {
            "procurementMethod": CAPTURED_METHOD[contract.procedure],
            "procurementMethodDetails": label(ProcurementProcedure, contract.procedure),
            "procuringEntity": entity,
        },
        "suppliers": [supplier],
        "contractValue": money(contract.amount),
        "contractPeriod": period(contract.start_date, contract.end_date),
        "transactions": _captured_transactions(contract, parties),
    }
    return {"id": ocid, "summary": compact(summary)}


def _captured_transactions(contract: Contract, parties: Parties) -> list[dict]:
    """Return the payments recorded under ``contract``; the agency pays."""
    payments = list(contract.payments.all())
    if not payments:
        return []
    payer = parties.add(agency_party(contract.work.executing_agency), "payer")
    payee = parties.add(contractor_party(contract), "payee")
    return [_captured_transaction(payment, payer, payee) for payment in payments]


def _captured_transaction(
    payment: Payment, payer: dict[str, str], payee: dict[str, str]
) -> dict[str, Any]:
    """Return a payment recorded for a captured contract.

    Its id is the CFDI invoice's folio fiscal when known (unique across
    payments), else the record's number.
    """
    return {
        "id": payment.invoice_label or f"pago-{payment.pk}",
        "date": day_start(payment.paid_on),
        "value": money(payment.amount),
        "payer": payer,
        "payee": payee,
    }


def _transaction(contract: ContractingContract, payment: ContractingPayment) -> dict:
    """Return a published payment; a payee who is a person is never named."""
    key = payment.transaction_id or f"pago-{payment.pk}"
    return compact(
        {
            "id": f"{contract.contract_id or contract.pk}-{key}",
            "date": day_start(payment.day),
            "value": money(payment.amount, payment.currency),
            "payer": compact({"name": payment.payer}) or None,
            "payee": compact({"name": payment.payee}) or None,
        }
    )


def _suppliers(
    contracts: list[ContractingContract], parties: Parties
) -> list[dict[str, str]]:
    """Return the organisations the contracts were signed with, each once."""
    names = dict.fromkeys(
        contract.supplier
        for contract in contracts
        if contract.supplier and not contract.supplier_is_person
    )
    return [
        parties.add({"id": f"proveedor-{slugify(name)}", "name": name}, "supplier")
        for name in names
    ]


def _process_value(contracts: list[ContractingContract]) -> dict | None:
    """Return the contracts' total when they share one currency."""
    currency = single_currency(contract.currency for contract in contracts)
    if currency is None:
        return None
    return money(total(contract.amount for contract in contracts), currency)


def _process_period(contracts: list[ContractingContract]) -> dict | None:
    """Return the span of the contracts' periods."""
    starts = [contract.start for contract in contracts if contract.start]
    ends = [contract.end for contract in contracts if contract.end]
    return period(min(starts, default=None), max(ends, default=None))


def ocds_process(process: ContractingProcess, parties: Parties) -> dict[str, Any]:
    """Return a process read from OCDS, summarised, its organisations as parties."""
    for party in process.parties.all():
        found = ocds_party(process.ocid, party)
        if found is not None:
            parties.add(found, *party.roles)
    contracts = public_contracts(process)
    tender = {
        "procurementMethod": process_method(process),
        "procurementMethodDetails": process.method,
        "procuringEntity": compact({"name": process.procuring_entity}) or None,
    }
    ocid = published_ocid(process.ocid)
    summary = {
        "ocid": ocid,
        "nature": ["construction"],
        "title": process.title,
        "status": contracts_status(
            [contract.end for contract in contracts], signed=bool(contracts)
        ),
        "tender": compact(tender) or None,
        "suppliers": _suppliers(contracts, parties),
        "contractValue": _process_value(contracts),
        "contractPeriod": _process_period(contracts),
        "transactions": [
            _transaction(contract, payment)
            for contract in contracts
            for payment in contract.payments.all()
        ],
    }
    return {"id": ocid, "summary": compact(summary)}


def contracting_processes(work: ProjectWork, parties: Parties) -> list[dict[str, Any]]:
    """Return the work's captured contracts and OCDS processes (prefetched lists)."""
    captured = [captured_process(contract, parties) for contract in work.contract_rows]
    read = [ocds_process(process, parties) for process in work.process_rows]
    return captured + read
