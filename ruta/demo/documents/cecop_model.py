"""The figures of a CECOP annual results report, as structured data.

``cecop_report.render_report`` writes them as the report's text; the
helpers here compute what the report derives (totals, the semáforo summary)
and format figures as the report prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from ruta.indicators.rules import (
    Direction,
    Semaphore,
    semaphore,
    semaphore_summary,
)

MILLION = Decimal(1_000_000)
TENTH = Decimal("0.1")
DIRECTIONS = {Direction.ASCENDING: "Ascendente", Direction.DESCENDING: "Descendente"}
# The semáforo summary's columns, in the order the report prints them.
SUMMARY_COLUMNS = (
    "indicators",
    "with_advance",
    "without_advance",
    "equal",
    "without_information",
)


@dataclass(frozen=True)
class WorksLine:
    """One subprogram or region: works, investment and beneficiaries.

    The concerted program prints the financial structure (municipality and
    community beside the state's CECOP share); the emergency program prints
    the CECOP investment only.
    """

    label: str
    works: int
    cecop: Decimal
    beneficiaries: int
    municipality: Decimal | None = None
    community: Decimal | None = None

    @property
    def total(self) -> Decimal | None:
        """Return the total investment: CECOP, municipality and community."""
        if self.municipality is None or self.community is None:
            return None
        return self.cecop + self.municipality + self.community


@dataclass(frozen=True)
class ProgramWorks:
    """A program's two works tables: by subprogram and by region."""

    heading: str  # "Programa Transforma Sonora en Apoyo a los Municipios"
    by_subprogram: tuple[WorksLine, ...]
    by_region: tuple[WorksLine, ...]

    @property
    def structured(self) -> bool:
        """Tell whether the tables print the financial structure."""
        return self.by_subprogram[0].municipality is not None


@dataclass(frozen=True)
class DroughtLine:
    concept: str
    municipality: str
    amount: Decimal


@dataclass(frozen=True)
class AidLine:
    concept: str
    amount: Decimal


@dataclass(frozen=True)
class Card:
    """What an indicator card ("Cédula de Indicadores") states."""

    responsible_unit: str
    executing_unit: str
    objective: str
    indicator_objective: str
    description: str
    method: str
    source: str
    unit_of_measure: str
    goal_year: int
    goal: str  # as printed: "70.29%", "1,076"
    direction: Direction = Direction.ASCENDING
    frequency: str = "Trimestral"
    additional_reference: str = ""
    # The baseline the card prints when it is not the results table's (the
    # 2024 report's aid card prints 160 where its table prints 230).
    baseline: str = ""


@dataclass(frozen=True)
class Indicator:
    """An indicator: its results as printed, year by year, and its card."""

    name: str
    baseline: str  # as printed: "90%", "28"
    results: tuple[tuple[int, str], ...]  # (year, "367%")
    card: Card
    source: str = "POA CECOP"

    def colour(self) -> Semaphore:
        """Return the semáforo of the latest result against the baseline."""
        latest = _figure(self.results[-1][1]) if self.results else None
        return semaphore(_figure(self.baseline), latest, self.card.direction)


@dataclass(frozen=True)
class Report:
    """The figures of one annual report; its prose is written from them."""

    year: int
    baseline_year: int
    concerted: ProgramWorks
    emergency: ProgramWorks
    drought: tuple[DroughtLine, ...]
    aid: tuple[AidLine, ...]
    indicators: tuple[Indicator, ...]
    committees: int
    aid_count: int  # the aid the prose says was given: the aid indicator's result
    # The semáforo summary as printed (indicators, with advance, without
    # advance, equal, without information) when it is not the one the results
    # give: the 2024 report prints four advances where its results give two.
    printed_summary: tuple[int, int, int, int, int] | None = None

    def summary(self) -> dict[str, int]:
        """Return the semáforo summary the indicators' results give."""
        return semaphore_summary([indicator.colour() for indicator in self.indicators])

    def summary_as_printed(self) -> dict[str, int]:
        """Return the semáforo summary the report prints."""
        if self.printed_summary is None:
            return self.summary()
        return dict(zip(SUMMARY_COLUMNS, self.printed_summary, strict=True))


def _figure(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").removesuffix("%").strip()
    return Decimal(cleaned) if cleaned else None


def amount(value: Decimal) -> str:
    """Return an amount as the tables print it: "19,934,628.64"."""
    return f"{value:,.2f}"


def mdp(value: Decimal) -> str:
    """Return an amount in millions of pesos as the prose states it: cut, "144.6"."""
    return str((value / MILLION).quantize(TENTH, rounding=ROUND_DOWN))


def total_line(lines: Sequence[WorksLine], label: str) -> WorksLine:
    """Return the Total row of ``lines``: every column added up."""
    structured = lines[0].municipality is not None
    return WorksLine(
        label=label,
        works=sum(line.works for line in lines),
        cecop=sum((line.cecop for line in lines), Decimal(0)),
        beneficiaries=sum(line.beneficiaries for line in lines),
        municipality=_sum(line.municipality for line in lines) if structured else None,
        community=_sum(line.community for line in lines) if structured else None,
    )


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((value or Decimal(0) for value in values), Decimal(0))
