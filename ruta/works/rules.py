"""Pure rules of works: what a work's progress entries say was paid, and when.

A progress entry records the amount paid so far (cumulative, "monto pagado
acumulado"). A payment is what that figure grew by since the entry before:
the entries themselves are the record, the payments are derived, never typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal


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
