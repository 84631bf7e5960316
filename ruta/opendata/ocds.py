"""OCDS 1.1 compiled releases of the contracting processes this instance publishes.

A process read from an OCDS file keeps its ocid and is written as it
compiles here, from its public rows only: organisations as parties (a
natural person never), awards, contracts and their payments. A contract
captured on the platform is a process of its own, with an ocid under the
publisher's OCDS prefix (``RUTA_OCDS_PREFIX``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify

from ruta.opendata.contracting import (
    CAPTURED_METHOD,
    captured_ocid,
    process_method,
    public_contracts,
)
from ruta.opendata.normalise import normalising, published_ocid, zoned
from ruta.opendata.package_selectors import (
    CHUNK_SIZE,
    ReleasedProcess,
    captured_contracts,
    processes_republished,
)
from ruta.opendata.packages import (
    compact,
    day_start,
    label,
    license_url,
    money,
    period,
    publisher,
    stream_package,
)
from ruta.opendata.parties import (
    Parties,
    agency_party,
    contractor_party,
    ocds_party,
)
from ruta.works.models import (
    Contract,
    ContractingAward,
    ContractingContract,
    ContractingPayment,
    ProcurementProcedure,
)

OCDS_VERSION = "1.1"


def _release_date(published: str | None, fallback: datetime) -> str:
    """Return a release date: the latest published one when it is a date-time
    (given the site's time zone when it prints no offset)."""
    if published:
        try:
            return zoned(datetime.fromisoformat(published)).isoformat()
        except ValueError:
            pass
    return fallback.isoformat()


def _award(award: ContractingAward) -> dict[str, Any]:
    return compact(
        {
            "id": award.award_id or str(award.pk),
            "title": award.title,
            "value": money(award.amount, award.currency),
            "date": day_start(award.day),
        }
    )


def _payment(payment: ContractingPayment) -> dict[str, Any]:
    """Return a payment; a payee who is a person is never named."""
    return compact(
        {
            "id": payment.transaction_id or str(payment.pk),
            "date": day_start(payment.day),
            "value": money(payment.amount, payment.currency),
            "payer": compact({"name": payment.payer}) or None,
            "payee": compact({"name": payment.payee}) or None,
        }
    )


def _contract(contract: ContractingContract) -> dict[str, Any]:
    payments = [_payment(payment) for payment in contract.payments.all()]
    return compact(
        {
            "id": contract.contract_id or str(contract.pk),
            "awardID": contract.award_id or contract.contract_id or str(contract.pk),
            "title": contract.title,
            "value": money(contract.amount, contract.currency),
            "period": period(contract.start, contract.end),
            "dateSigned": day_start(contract.signed),
            "implementation": {"transactions": payments} if payments else None,
        }
    )


def process_release(process: ReleasedProcess) -> dict[str, Any]:
    """Return a process read from OCDS as one compiled release of its public rows."""
    parties = Parties()
    for party in process.parties.all():
        found = ocds_party(process.ocid, party)
        if found is not None:
            parties.add(found, *party.roles)
    date = _release_date(process.latest_release, process.document.imported_at)
    ocid = published_ocid(process.ocid)
    tender = {
        "id": f"{ocid}-tender",
        "title": process.title,
        "procurementMethod": process_method(process),
        "procurementMethodDetails": process.method,
        "procuringEntity": compact({"name": process.procuring_entity}) or None,
        "tenderPeriod": period(process.tender_start, process.tender_end),
        "value": money(process.amount, process.currency),
    }
    release = {
        "ocid": ocid,
        "id": f"{ocid}-{slugify(date)}",
        "date": date,
        "tag": ["compiled"],
        "initiationType": "tender",
        "parties": parties.as_list(),
        "buyer": compact({"name": process.buyer_name}) or None,
        "tender": compact(tender),
        "awards": [_award(award) for award in process.awards.all()],
        "contracts": [_contract(contract) for contract in public_contracts(process)],
    }
    return compact(release)


def captured_release(contract: Contract) -> dict[str, Any]:
    """Return a contract captured on the platform as a compiled release."""
    work = contract.work
    parties = Parties()
    buyer = parties.add(agency_party(work.executing_agency), "buyer", "procuringEntity")
    supplier = parties.add(contractor_party(contract), "supplier")
    ocid = captured_ocid(contract)
    award_id = f"{contract.number}-adjudicacion"
    value = money(contract.amount)
    signed = day_start(contract.signed_on)
    release = {
        "ocid": ocid,
        "id": f"{ocid}-{contract.signed_on.isoformat()}",
        "date": signed,
        "tag": ["compiled"],
        "initiationType": "tender",
        "parties": parties.as_list(),
        "buyer": buyer,
        "tender": {
            "id": f"{ocid}-tender",
            "title": work.title,
            "procurementMethod": CAPTURED_METHOD[contract.procedure],
            "procurementMethodDetails": label(ProcurementProcedure, contract.procedure),
            "procuringEntity": buyer,
            "mainProcurementCategory": "works",
        },
        "awards": [{"id": award_id, "value": value, "suppliers": [supplier]}],
        "contracts": [
            compact(
                {
                    "id": contract.number,
                    "awardID": award_id,
                    "title": work.title,
                    "value": value,
                    "period": period(contract.start_date, contract.end_date),
                    "dateSigned": signed,
                }
            )
        ],
    }
    return compact(release)


def _releases(chunk_size: int) -> Iterator[dict[str, Any]]:
    for process in processes_republished(chunk_size):
        yield process_release(process)
    for contract in captured_contracts(chunk_size):
        yield captured_release(contract)


def ocds_package(*, uri: str, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """Yield the JSON text of the release package of published works' contracts."""
    header = {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": timezone.now(),
        "publisher": publisher(),
        "license": license_url(),
    }
    with translation.override(settings.LANGUAGE_CODE), normalising() as mended:
        trailer = lambda: {"x_normalizacion": mended.as_json()}  # noqa: E731
        yield from stream_package(header, "releases", _releases(chunk_size), trailer)
