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

from ruta.sources.findings import Finding, Say, Values, figure, finding_kind, sentence

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
    def committed(self) -> Decimal:
        """Return the state's money of its works approved or released."""
        return self.released + self.pending

    @property
    def committed_exceeds(self) -> bool:
        """Return whether released and pending works together pass the floor."""
        return self.committed > self.floor

    @property
    def excess(self) -> Decimal:
        """Return how far released and pending works pass the floor (0 if not)."""
        return max(self.committed - self.floor, Decimal(0))

    @property
    def percent_used(self) -> Decimal | None:
        if self.floor <= 0:
            return None
        return (self.released * 100 / self.floor).quantize(Decimal("0.1"))

    def fits(self, amount: Decimal) -> bool:
        """Return whether releasing ``amount`` more stays within the floor."""
        return self.released + amount <= self.floor


@finding_kind("concerted_works_exceed_floor")
def concerted_works_exceed_floor(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Las obras concertadas de %(municipality)s en %(year)s suman "
            "%(total)s pesos de aportación estatal aprobada o liberada, más que "
            "el piso de su convenio, %(floor)s pesos: lo pasan por %(excess)s pesos."
        )
    ) % {
        "municipality": values["municipality"],
        "year": values["year"],
        "total": figure(values["total"], say),
        "floor": figure(values["floor"], say),
        "excess": figure(values["excess"], say),
    }


def floor_finding(municipality: str, year: int, use: FloorUse) -> Finding | None:
    """Return the finding that ``use`` passes its floor; None while within it.

    Imported works are written whatever the floor ("Liberar recursos" is the
    only step that refuses), so an import says so when they pass it.
    """
    if not use.committed_exceeds:
        return None
    return concerted_works_exceed_floor.found(
        where=f"{municipality}, {year}",
        values={
            "municipality": municipality,
            "year": year,
            "total": use.committed,
            "floor": use.floor,
            "excess": use.excess,
        },
    )
