"""The concertation's arithmetic and its checklist, pure.

A concerted work's funds are released only under its municipality's
agreement for the year: signed, every lineamiento met, and the state's
money of the municipality's released concerted works within the agreement's
floor ("piso"). ``floor_use`` is the one sum pages and the release read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

# Bounds of what an agreement keeps: no municipality's floor is near a
# billion pesos (the CECOP set aside $150 million for all 72 in 2024).
AMOUNT_MAX = Decimal("999999999.99")
EVIDENCE_MAX = 500
NOTES_MAX = 2000


def unmet(declared: Sequence[str], met: Iterable[str]) -> list[str]:
    """Return the declared items not in ``met``, in their declared order."""
    done = set(met)
    return [key for key in declared if key not in done]


@dataclass(frozen=True)
class FloorUse:
    """An agreement's floor and the state's money its works take from it.

    ``released``: the concerted works whose funds were released (they use
    the floor); ``pending``: those approved and waiting for release (they
    would use it next).
    """

    floor: Decimal
    released: Decimal
    pending: Decimal

    @property
    def available(self) -> Decimal:
        """Return what remains of the floor (negative when exceeded)."""
        return self.floor - self.released

    @property
    def exceeded(self) -> bool:
        return self.released > self.floor

    @property
    def committed_exceeds(self) -> bool:
        """Return whether released and pending works together pass the floor."""
        return self.released + self.pending > self.floor

    @property
    def percent_used(self) -> Decimal | None:
        if self.floor <= 0:
            return None
        return (self.released * 100 / self.floor).quantize(Decimal("0.1"))

    def fits(self, amount: Decimal) -> bool:
        """Return whether releasing ``amount`` more stays within the floor."""
        return self.released + amount <= self.floor
