"""A demonstration OCDS release package: two of the demo's open tenders.

The demo's OCDS samples are other publishers' processes, linked to none of
the demo's works. This package publishes, in OCDS 1.1 layout, the open
tenders (licitación pública) of two demo contracts as their agency would:
each process names its work's folio (``planning.budget.projectID``) so the
importer links it, and its award and contract repeat the demo contract's
supplier, amount and dates. The figures a journalist would want flagged:

- the first tender received a single bid (``tender.numberOfTenderers`` and
  the bids' details say one);
- the second tender had three bidders, but the payments published under its
  contract (``implementation.transactions``) add up to more than the
  contract: a third estimate pays a cost adjustment no agreement covers.

Pure: the same contracts give the same bytes, so importing it again is
"already imported".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

PREFIX = "ocds-dmruta"
PUBLISHED = "2024-12-31T18:00:00Z"
# The paid shares of the over-paid contract's three estimates: 108 % in all.
OVERPAID_SHARES = (Decimal("0.40"), Decimal("0.50"), Decimal("0.18"))
CENTAVO = Decimal("0.01")


@dataclass(frozen=True)
class TenderedContract:
    """A demo contract awarded by open tender, as the package publishes it."""

    work: str  # the work's folio
    title: str
    number: str
    supplier: str
    rfc: str
    amount: Decimal
    signed_on: date
    start: date | None
    end: date | None


def ocid(contract: TenderedContract) -> str:
    """Return the ocid the package gives the tender of ``contract``."""
    return f"{PREFIX}-{contract.number}"


def _money(amount: Decimal) -> dict[str, Any]:
    return {"amount": float(amount.quantize(CENTAVO)), "currency": "MXN"}


def _day(on: date) -> str:
    return f"{on.isoformat()}T12:00:00Z"


def _release(
    contract: TenderedContract,
    *,
    agency: str,
    bidders: tuple[str, ...],
    transactions: list[dict[str, Any]],
) -> dict[str, Any]:
    buyer = {"id": "comprador", "name": agency}
    supplier = {"id": contract.rfc, "name": contract.supplier}
    tender_start = contract.signed_on - timedelta(days=45)
    tender_end = contract.signed_on - timedelta(days=15)
    parties = [
        {"id": "comprador", "name": agency, "roles": ["buyer", "procuringEntity"]},
        {
            "id": contract.rfc,
            "name": contract.supplier,
            "identifier": {"scheme": "MX-RFC", "id": contract.rfc},
            "roles": ["tenderer", "supplier"],
        },
        *(
            {"id": f"licitante-{i}", "name": name, "roles": ["tenderer"]}
            for i, name in enumerate(bidders[1:], start=2)
        ),
    ]
    period: dict[str, str] = {}
    if contract.start:
        period["startDate"] = _day(contract.start)
    if contract.end:
        period["endDate"] = _day(contract.end)
    award_id = f"{contract.number}-fallo"
    release_contract: dict[str, Any] = {
        "id": contract.number,
        "awardID": award_id,
        "title": contract.title,
        "status": "active",
        "value": _money(contract.amount),
        "dateSigned": _day(contract.signed_on),
        "period": period,
    }
    if transactions:
        release_contract["implementation"] = {"transactions": transactions}
    return {
        "ocid": ocid(contract),
        "id": f"{ocid(contract)}-contrato",
        "date": _day(max([contract.signed_on, *_transaction_days(transactions)])),
        "tag": ["contract", "implementation"] if transactions else ["contract"],
        "initiationType": "tender",
        "language": "es",
        "parties": parties,
        "buyer": buyer,
        "planning": {
            "budget": {
                "projectID": contract.work,
                "project": contract.title,
                "description": "Obra de demostración publicada en formato OCDS.",
            }
        },
        "tender": {
            "id": f"{contract.number}-licitacion",
            "title": contract.title,
            "status": "complete",
            "procurementMethod": "open",
            "procurementMethodDetails": "Licitación pública (demostración)",
            "procuringEntity": buyer,
            "tenderPeriod": {
                "startDate": _day(tender_start),
                "endDate": _day(tender_end),
            },
            "value": _money(contract.amount),
            "numberOfTenderers": len(bidders),
            "tenderers": [
                {"id": contract.rfc if i == 1 else f"licitante-{i}", "name": name}
                for i, name in enumerate(bidders, start=1)
            ],
        },
        "awards": [
            {
                "id": award_id,
                "title": contract.title,
                "status": "active",
                "date": _day(contract.signed_on - timedelta(days=5)),
                "value": _money(contract.amount),
                "suppliers": [supplier],
            }
        ],
        "contracts": [release_contract],
    }


def _transaction_days(transactions: list[dict[str, Any]]) -> list[date]:
    return [date.fromisoformat(t["date"][:10]) for t in transactions]


def _estimates(contract: TenderedContract, agency: str) -> list[dict[str, Any]]:
    """Return three paid estimates adding up to 108 % of ``contract``."""
    first = contract.start or contract.signed_on
    details = (
        "Estimación 1",
        "Estimación 2 (finiquito)",
        "Estimación 3: ajuste de costos sin convenio modificatorio",
    )
    return [
        {
            "id": f"{contract.number}-pago-{index}",
            "source": "https://datos.example.org/demostracion",
            "date": _day(first + timedelta(days=40 * index)),
            "value": _money(contract.amount * share),
            "payer": {"id": "comprador", "name": agency},
            "payee": {"id": contract.rfc, "name": contract.supplier},
            "description": detail,
        }
        for index, (share, detail) in enumerate(
            zip(OVERPAID_SHARES, details, strict=True), start=1
        )
    ]


def ocds_demo_bytes(
    *, agency: str, single: TenderedContract, overpaid: TenderedContract
) -> bytes:
    """Return the package: ``single`` tendered with one bid, ``overpaid``
    paid above its amount."""
    rivals = (
        "Constructora de Demostración del Valle, S.A. de C.V.",
        "Pavimentos Ejemplo de Hermosillo, S.A. de C.V.",
    )
    releases = [
        _release(single, agency=agency, bidders=(single.supplier,), transactions=[]),
        _release(
            overpaid,
            agency=agency,
            bidders=(overpaid.supplier, *rivals),
            transactions=_estimates(overpaid, agency),
        ),
    ]
    package = {
        "uri": "https://datos.example.org/demostracion/ocds/paquete.json",
        "version": "1.1",
        "publishedDate": PUBLISHED,
        "publisher": {"name": agency},
        "releases": releases,
    }
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
