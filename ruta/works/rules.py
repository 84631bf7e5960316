"""Pure rules of works: payments, their invoices and dates; budget modifications;
social aids requested;
the year a public page opens on.

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
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from ruta.common.text.money import ZERO
from ruta.common.text.rfc import RfcHolder, rfc_check

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


# A late work ("atrasada"): under way, with more of its period gone than its
# physical progress shows, by more than this many percentage points. The
# margin is the platform's policy (no seed document fixes one): a work that
# spent 80 % of its period at 55 % progress is late; at 65 % it is not.
DELAY_MARGIN = Decimal(20)
# The statuses of a work under way (workflow values): before them nothing is
# due, after them (completed, handed over, cancelled) nothing is late.
UNDER_WAY = frozenset({"released", "contracted", "in_execution"})
_HUNDRED = Decimal(100)


def elapsed_share(start: date | None, end: date | None, today: date) -> Decimal | None:
    """Return the percent of the period from ``start`` to ``end`` gone by ``today``.

    0 before it starts, 100 after it ends; None without a period (no dates,
    or an end not after the start).
    """
    if start is None or end is None or end <= start:
        return None
    share = Decimal((today - start).days) * _HUNDRED / Decimal((end - start).days)
    return min(max(share, Decimal(0)), _HUNDRED)


def delay_points(
    *, start: date | None, end: date | None, today: date, progress: Decimal | None
) -> Decimal | None:
    """Return how many points the elapsed share of the period exceeds progress."""
    share = elapsed_share(start, end, today)
    if share is None:
        return None
    return share - (progress or Decimal(0))


def is_late(
    *,
    status: str,
    start: date | None,
    end: date | None,
    today: date,
    progress: Decimal | None,
) -> bool:
    """Return whether a work is late: under way and behind its period by the margin."""
    points = delay_points(start=start, end=end, today=today, progress=progress)
    return status in UNDER_WAY and points is not None and points > DELAY_MARGIN


# ----------------------------------------------------- budget modifications

# A modification larger than this is a typing error, not a budget change.
MODIFICATION_MOST = Decimal("1000000000000.00")
MODIFICATION_REASON_LEAST = 10


def modified_budget(approved: Decimal, modifications: Iterable[Decimal]) -> Decimal:
    """Return the modified budget: the approved plus its approved modifications."""
    return approved + sum(modifications, ZERO)


def modification_problem(
    *,
    approved: Decimal,
    approved_changes: Iterable[Decimal],
    amount: Decimal,
    paid: Decimal,
) -> str | None:
    """Return why ``amount`` may not modify the budget, or ``None`` when it may.

    ``zero``: it changes nothing; ``too_large``: past any plausible budget;
    ``below_zero``: the budget would go negative; ``below_paid``: below what
    the work has already paid.
    """
    if amount == 0:
        return "zero"
    if abs(amount) > MODIFICATION_MOST:
        return "too_large"
    after = modified_budget(approved, [*approved_changes, amount])
    if after < 0:
        return "below_zero"
    if after < paid:
        return "below_paid"
    return None


# ----------------------------------------------------- the year a page opens on


def default_year(offered: Sequence[int], *grounds: Collection[int]) -> int | None:
    """Return the year a public page opens on, one of the ``offered`` years.

    The latest offered year in the first of ``grounds`` that holds one, else
    the latest offered year (None when none is). A works page's ground is the
    years with money invested, a budget page's the years with a statement
    then those: a year that only a proposal or an approval touches is offered
    in the picker, and a page opened on it would show nothing but zeros.
    """
    for ground in grounds:
        found = [year for year in offered if year in ground]
        if found:
            return max(found)
    return max(offered, default=None)


# ----------------------------------------------------- aggregates of persons

# A group of fewer people than this is withheld: no one is singled out.
SMALL_GROUP = 5


def withheld_cells(
    counts: Mapping[tuple[str, str], int], least: int = SMALL_GROUP
) -> set[tuple[str, str]]:
    """Return the cells of a table of counts to withhold; the rest are published.

    ``counts`` has every cell of the table (row, column), zeros included; a
    row of column totals is a row like any other. A cell with fewer than
    ``least`` (and more than none) is withheld, and then, so that none can
    be worked out from a published total (each row's, or the column's sum),
    every row and column with a single withheld cell gets a second: its
    smallest other cell.
    """
    withheld = {cell for cell, count in counts.items() if 0 < count < least}
    rows = {row for row, _column in counts}
    columns = {column for _row, column in counts}
    changed = True
    while changed:
        changed = False
        for line in (
            *({cell for cell in counts if cell[0] == row} for row in rows),
            *({cell for cell in counts if cell[1] == column} for column in columns),
        ):
            if len(line & withheld) == 1 and len(line) > 1:
                others = sorted(line - withheld, key=lambda cell: (counts[cell], cell))
                withheld.add(others[0])
                changed = True
    return withheld


# ------------------------------------------------------------- social aids

# The concepts whose aids go to a person (sex and age group recorded); the
# others go to an institution or a municipality.
AIDS_TO_PERSONS = frozenset({"persons", "disasters"})
AID_MOST = Decimal("100000000.00")
AID_NAME_MOST = 200


def aid_request_problem(
    *,
    concept: str,
    amount: Decimal,
    recipient_sex: str,
    age_group: str,
    recipient_name: str,
    requested_on: date | None,
    today: date,
    recipient_rfc: str = "",
) -> str:
    """Return what is wrong with a request for aid (a code), or ``""``.

    An aid to a person says the person's sex and age group (the indicator's
    gender perspective); an aid to an institution or a municipality has
    neither. A request is dated, not in the future. The recipient's RFC is
    an institution's (a company's, 12 characters), so the grants commission
    finds the aids of an organisation; a person's is personal data, never
    asked: with a sex or an age group, no RFC.
    """
    if amount <= 0:
        return "amount_not_positive"
    if amount > AID_MOST:
        return "amount_too_large"
    if requested_on is None:
        return "undated"
    if requested_on > today:
        return "future"
    if concept in AIDS_TO_PERSONS:
        if not recipient_sex or not age_group:
            return "person_unknown"
        if not recipient_name.strip():
            return "name_missing"
    elif recipient_sex or age_group:
        return "not_a_person"
    if len(recipient_name) > AID_NAME_MOST:
        return "name_too_long"
    if recipient_rfc:
        if recipient_sex or age_group:
            return "rfc_for_person"
        if rfc_check(recipient_rfc, holder=RfcHolder.COMPANY).error:
            return "rfc_invalid"
    return ""


def recipient_expired(decided_at: datetime | None, now: datetime, days: int) -> bool:
    """Return whether the name of whoever asked for an aid has outlived its
    retention: ``days`` after the request was resolved."""
    return decided_at is not None and now - decided_at >= timedelta(days=days)
