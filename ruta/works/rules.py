"""Pure rules of works: payments, their invoices and dates.

A progress entry records the amount paid so far (cumulative, "monto pagado
acumulado"). Where a work has no payment records, a payment is what that
figure grew by since the entry before: derived, never typed, and labelled as
derived wherever it is shown.

A payment record is one transfer under a contract, with the folio fiscal
(UUID) of the CFDI invoice it paid when known. A contract's payments may not
add up to more than the contract: a convenio modificatorio that raises the
amount is recorded on the contract first, so a payment over the contract is
refused rather than stored with a finding (a typed figure has nobody to
answer a finding; a published document that prints more is a finding of its
import, not a payment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

# A CFDI's folio fiscal is a UUID printed 8-4-4-4-12 in hexadecimal; the SAT
# prints it in upper case, issuers' systems sometimes in lower case.
INVOICE_UUID = re.compile(
    r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", re.IGNORECASE
)
# The earliest payment date accepted: CFDI invoices (and this platform's
# oldest published works) start in the 2000s; an earlier date is a typo.
EARLIEST_PAYMENT = date(2000, 1, 1)


def paid_increments(
    entries: Iterable[tuple[date, Decimal]],
) -> list[tuple[date, Decimal]]:
    """Return (date, amount) for every entry whose cumulative paid amount grew.

    ``entries`` are (date, cumulative amount paid) in date order. An entry
    that repeats or lowers the figure (a correction) pays nothing.
    """
    payments, paid = [], Decimal(0)
    for when, cumulative in entries:
        if cumulative > paid:
            payments.append((when, cumulative - paid))
        paid = max(paid, cumulative)
    return payments


def invoice_uuid(text: str) -> str | None:
    """Return a folio fiscal in the SAT's upper case, or None when malformed."""
    cleaned = (text or "").strip()
    if INVOICE_UUID.fullmatch(cleaned) is None:
        return None
    return cleaned.upper()


def payment_overrun(
    contract_amount: Decimal, already_paid: Decimal, amount: Decimal
) -> Decimal:
    """Return how much ``amount`` would take the payments over the contract.

    Zero when the payments, this one included, stay within the contract.
    """
    over = already_paid + amount - contract_amount
    return max(over, Decimal(0))


def payment_date_problem(on: date, *, signed_on: date, today: date) -> str:
    """Return why a payment cannot be dated ``on`` (a code), or "" when it can.

    A contract pays nothing before it is signed, a recorded payment has
    happened (not after ``today``), and nothing predates ``EARLIEST_PAYMENT``.
    """
    if on < EARLIEST_PAYMENT:
        return "payment_too_old"
    if on > today:
        return "payment_in_future"
    if on < signed_on:
        return "payment_before_contract"
    return ""
