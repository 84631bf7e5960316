"""What the OC4IDS summaries and the OCDS releases read the same way from contracts.

Two kinds of contract are published: those captured here for a work
(``Contract``: number, contractor, procedure, amount, dates) and the
contracting processes read from OCDS files (``ContractingProcess`` and its
rows), which keep the ocid their publisher gave them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from ruta.works.models import (
    Contract,
    ContractingContract,
    ContractingProcess,
    ProcurementProcedure,
)

# The procedures of the public works law, in the OCDS method codelist:
# an invitation to at least three is a tender among invited firms.
CAPTURED_METHOD: dict[str, str] = {
    ProcurementProcedure.LICITACION_PUBLICA: "open",
    ProcurementProcedure.INVITACION_TRES: "selective",
    ProcurementProcedure.ADJUDICACION_DIRECTA: "direct",
}
OCDS_METHODS = ("open", "selective", "limited", "direct")


def captured_ocid(contract: Contract) -> str:
    """Return a captured contract's ocid: the publisher's prefix, work, number."""
    return f"{settings.RUTA_OCDS_PREFIX}-{contract.work.public_id}-{contract.number}"


def process_method(process: ContractingProcess) -> str | None:
    """Return a process's method when it is a code of the OCDS codelist."""
    method = process.method.strip()
    return method if method in OCDS_METHODS else None


def contracts_status(ends: Iterable[date | None], *, signed: bool) -> str:
    """Return the OC4IDS process status: closed once every contract has ended.

    The codelist's rule: active while any contract period includes today,
    closed when all have ended, pre-award while nothing is signed.
    """
    if not signed:
        return "pre-award"
    today = timezone.localdate()
    ends = list(ends)
    if ends and all(end is not None and end < today for end in ends):
        return "closed"
    return "active"


def public_contracts(process: ContractingProcess) -> list[ContractingContract]:
    """Return a process's contracts (prefetched) in their published order."""
    return list(process.contracts.all())


def total(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """Return the sum of the known amounts, or None when none is known."""
    known = [amount for amount in amounts if amount is not None]
    return sum(known, Decimal(0)) if known else None


def single_currency(currencies: Iterable[str]) -> str | None:
    """Return the one currency of several amounts; None when they mix currencies."""
    found = {currency or "MXN" for currency in currencies}
    return found.pop() if len(found) == 1 else None
