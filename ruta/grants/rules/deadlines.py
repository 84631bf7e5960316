"""Every due date of the Peso por Peso 2021 rules.

"Días naturales" count every calendar day; "días hábiles" skip Saturdays,
Sundays and the holidays of the catalog's ``holidays.csv`` (Ley Federal del
Trabajo art. 74, and the instance's state's own days off), counted by the
platform's one business-day implementation, ``ruta.common.text.workdays``.

The rules disagree with themselves about when a report is due:
§3.7.2-15 "en los primeros 05 días del mes siguiente", §4.6 "durante los
primeros cinco días hábiles posteriores al período", §5 "en un plazo máximo
de cinco días naturales posteriores al cierre". A call chooses its reading
(``ReportReading``); the default is §4.6, the latest of the three for a
period that ends with a month, so no organisation is suspended (§5) under a
reading that another section of the same rules contradicts.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from enum import StrEnum

from ruta.catalog.holidays import holidays as catalog_holidays
from ruta.common.text import workdays

AGREEMENT_DAYS = 15  # §3.7.2-8: sign within 15 natural days of the citation
REASSIGNMENT_DAYS = 15  # §4.3.3: 15 natural days from the result to formalise
BANK_EXTENSION_MAX_DAYS = 60  # §5 table, cause 7: from the agreement's signing
INVOICE_WINDOW_DAYS = 5  # §3.7.2-16: first five natural days of each month
COMPLEMENT_DAYS = 5  # §3.7.2-17: within five natural days of the transfer
REPORT_DAYS = 5  # §3.7.2-15, §4.6, §5
REPORT_EXTENSION_MAX_DAYS = 5  # §5 A.1: at most five natural days
ANSWER_DAYS = 5  # §5 B.2: five natural days to answer observations
SECOND_ANSWER_DAYS = 3  # §5 B.4: three more natural days
OBSERVATIONS_CANCEL_DAYS = 30  # §5 cancellation cause 10
LATE_REPORT_CANCEL_DAYS = 30  # §5 table, cause 1
REFUND_DAYS = 30  # §4.7: thirty natural days after the fiscal year
REFUND_NOTICE_DAYS = 15  # §5 table, causes 2–5 and 9: 15 natural days once notified
REPORT_PERIOD_MONTHS = 3  # §5 A: the reports are quarterly (informes trimestrales)
CAUSE_1_REFUND_MONTH = 4  # §5 table, cause 1: by the end of the fourth month


class ReportReading(StrEnum):
    """Which section's reading of the report deadline a call applies."""

    NEXT_MONTH_FIFTH = "next_month_fifth"  # §3.7.2-15
    BUSINESS_DAYS = "business_days"  # §4.6
    NATURAL_DAYS = "natural_days"  # §5


DEFAULT_REPORT_READING = ReportReading.BUSINESS_DAYS
REPORT_READING_SECTIONS: dict[str, str] = {
    ReportReading.NEXT_MONTH_FIFTH: "3.7.2-15",
    ReportReading.BUSINESS_DAYS: "4.6",
    ReportReading.NATURAL_DAYS: "5",
}


def holidays() -> frozenset[date]:
    """Return the federal holidays (not business days) when a caller names none.

    Services pass the instance's own calendar (federal and state days).
    """
    return catalog_holidays()


def is_business_day(day: date, off: Collection[date] | None = None) -> bool:
    """Return whether ``day`` is a business day (día hábil)."""
    return workdays.is_business_day(day, holidays() if off is None else off)


def add_natural_days(start: date, days: int) -> date:
    """Return ``start`` plus ``days`` calendar days."""
    return start + timedelta(days=days)


def add_business_days(
    start: date, days: int, off: Collection[date] | None = None
) -> date:
    """Return the ``days``-th business day after ``start``."""
    return workdays.add_business_days(start, days, holidays() if off is None else off)


def agreement_due(cited_on: date) -> date:
    """Return the last day to sign the agreement (§3.7.2-8)."""
    return add_natural_days(cited_on, AGREEMENT_DAYS)


def reassignment_from(result_on: date) -> date:
    """Return the day after which unformalised money may be reassigned (§4.3.3)."""
    return add_natural_days(result_on, REASSIGNMENT_DAYS)


def bank_account_due(signed_on: date, base_days: int, extension_days: int = 0) -> date:
    """Return the last day to prove the bank account (§5 table, cause 7).

    ``base_days`` is the call's or agreement's period; an extension may not
    take the date past 60 natural days from the signing.
    """
    if extension_days < 0:
        raise ValueError("extension_days must not be negative")
    due = add_natural_days(signed_on, base_days + extension_days)
    return min(due, add_natural_days(signed_on, BANK_EXTENSION_MAX_DAYS))


def invoice_due(month_start: date) -> date:
    """Return the last day to present a month's invoice (§3.7.2-16, §4.4)."""
    return month_start.replace(day=INVOICE_WINDOW_DAYS)


def complement_due(transferred_on: date) -> date:
    """Return the last day to present the payment complement (§3.7.2-17)."""
    return add_natural_days(transferred_on, COMPLEMENT_DAYS)


def report_due(
    period_end: date,
    reading: ReportReading = DEFAULT_REPORT_READING,
    off: Collection[date] | None = None,
) -> date:
    """Return when a report of a period ending ``period_end`` is due."""
    if reading == ReportReading.NEXT_MONTH_FIFTH:
        next_month = (period_end.replace(day=1) + timedelta(days=32)).replace(day=1)
        return next_month.replace(day=REPORT_DAYS)
    if reading == ReportReading.BUSINESS_DAYS:
        return add_business_days(period_end, REPORT_DAYS, off)
    return add_natural_days(period_end, REPORT_DAYS)


def report_extension_until(due_on: date, requested_on: date, days: int) -> date:
    """Return the extended deadline of a report (§5 A.1–2).

    Requested before the deadline ends, of at most five natural days.
    """
    if requested_on > due_on:
        raise ValueError("an extension must be requested before the deadline")
    if not 1 <= days <= REPORT_EXTENSION_MAX_DAYS:
        raise ValueError("an extension is of one to five natural days")
    return add_natural_days(due_on, days)


def answer_due(notified_on: date, review_round: int) -> date:
    """Return when observations must be answered (§5 B.2 and B.4)."""
    days = ANSWER_DAYS if review_round == 1 else SECOND_ANSWER_DAYS
    return add_natural_days(notified_on, days)


def observations_cancel_on(first_notified_on: date) -> date:
    """Return when unresolved observations cancel the support (§5, cause 10)."""
    return add_natural_days(first_notified_on, OBSERVATIONS_CANCEL_DAYS)


def refund_due(fiscal_year: int) -> date:
    """Return the last day to refund unspent money of a year (§4.7)."""
    return add_natural_days(date(fiscal_year, 12, 31), REFUND_DAYS)


def refund_due_after_notice(notified_on: date) -> date:
    """Return the last day of a refund the administering body notified (§5)."""
    return add_natural_days(notified_on, REFUND_NOTICE_DAYS)


def cause_1_refund_due(first_month: date, notified_on: date) -> date:
    """Return when cause 1 of §5's table is refunded.

    "A más tardar a finalizar el cuarto mes de operación del proyecto"; when
    the cancellation comes later than that, the 15 natural days every other
    refund of the table gives once notified.
    """
    months = CAUSE_1_REFUND_MONTH
    following = month_starts(first_month, first_month + timedelta(days=31 * months))
    return max(
        following[months] - timedelta(days=1),
        add_natural_days(notified_on, REFUND_NOTICE_DAYS),
    )


def late_report_cancels_on(due_on: date) -> date:
    """Return when a report still missing cancels the support (§5 table, cause 1)."""
    return add_natural_days(due_on, LATE_REPORT_CANCEL_DAYS)


def month_starts(first: date, last: date) -> list[date]:
    """Return the first day of every month from ``first``'s to ``last``'s."""
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def quarter_ends(first: date, last: date) -> list[date]:
    """Return the last day of each report period (§5 A) from ``first`` to ``last``."""
    months = REPORT_PERIOD_MONTHS
    ends, start = [], first
    while start <= last:
        following = month_starts(start, start + timedelta(days=31 * months))[months]
        end = min(following - timedelta(days=1), last)
        ends.append(end)
        start = end + timedelta(days=1)
    return ends
