"""What the works-list reader hands on: one record per row, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

# OPA's own entity codes for works of no single state.
ABROAD, NOT_DISTRIBUTABLE, SEVERAL = "33", "34", "35"


@dataclass(frozen=True)
class WorkRow:
    """One row of a works list, read and checked; ``published`` is as printed."""

    number: int
    line: int
    key: str
    name: str
    description: str = ""
    location: str = ""
    ramo: str = ""
    ramo_name: str = ""
    unit: str = ""
    unit_name: str = ""
    kind: str = ""
    state_codes: tuple[str, ...] = ()
    state_printed: str = ""
    municipality_code: str = ""
    subprogram: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    start: date | None = None
    end: date | None = None
    approved: Decimal | None = None
    modified: Decimal | None = None
    paid: Decimal | None = None
    total: Decimal | None = None
    physical_progress: Decimal | None = None
    sources: dict[str, Decimal] = field(default_factory=dict)
    sources_add_up: bool = False
    year: int | None = None
    # CICLO: the fiscal cycle the amounts belong to; OPA prints ANIO "TOTAL"
    # for a project whose fiscal calendar ended, and its last cycle here.
    cycle: int | None = None
    status: str = ""
    published: dict[str, str] = field(default_factory=dict)
    official: dict[str, str] = field(default_factory=dict)

    @property
    def state(self) -> str:
        """Return the one INEGI state code of the row, or "" (none or several)."""
        if len(self.state_codes) == 1 and self.state_codes[0] <= "32":
            return self.state_codes[0]
        return ""

    @property
    def rank(self) -> int:
        """Return how current the row is among rows of its key: its year."""
        return self.year or 0

    @property
    def fiscal_year(self) -> int | None:
        """Return the fiscal year the row's budget figures are for."""
        return self.year or self.cycle

    def figures(self) -> tuple[Any, ...]:
        """Return the figures two rows of one key must agree on."""
        return (
            self.approved,
            self.modified,
            self.paid,
            self.total,
            self.physical_progress,
            tuple(sorted(self.sources.items())),
        )

    def figures_text(self) -> str:
        """Return ``figures()`` as text, equal for two rows exactly when they are.

        For comparing rows where they are kept as text (an import's stage):
        each amount in one form whatever its places (5, 5.0 and 5.00 read
        alike, as they compare), each source after its kind.
        """
        sources = sorted(self.sources.items())
        amounts = [
            self.approved,
            self.modified,
            self.paid,
            self.total,
            self.physical_progress,
        ]
        return "|".join(
            [_canonical(value) for value in amounts]
            + [f"{kind}={_canonical(value)}" for kind, value in sources]
        )

    def as_work_json(self) -> dict[str, Any]:
        """Return the dry run's view of the work this row describes."""
        return {
            "key": self.key,
            "name": self.name,
            "state": self.state or self.state_printed,
            "municipality": self.municipality_code,
            "approved": _text(self.approved),
            "modified": _text(self.modified),
            "paid": _text(self.paid),
            "physical_progress": _text(self.physical_progress),
            "row": self.number,
        }


def _canonical(value: Decimal | None) -> str:
    # normalize() drops trailing zeros; adding 0 writes 1E+2 as 100, -0 as 0.
    return "" if value is None else str(value.normalize() + 0)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
