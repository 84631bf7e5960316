"""The CECOP annual results report as read: typed, frozen records.

Every row keeps its place (table id, row number within the table, line in
the file) so each published figure can be traced back to the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ruta.indicators.rules import Direction


class Program(StrEnum):
    """The two public-works programs the report accounts for."""

    TSAM = "tsam"  # Transforma Sonora en Apoyo a los Municipios (concerted works)
    GSE = "gse"  # Gestión (Social) Emergente Transforma Sonora (direct works)


class Dimension(StrEnum):
    SUBPROGRAM = "subprogram"
    REGION = "region"


class Unit(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"


class Subject(StrEnum):
    """What a prose figure is about."""

    WORKS = "works"
    AID = "aid"
    DROUGHT = "drought"
    COMMITTEES = "committees"
    BUDGET = "budget"  # the year's authorised budget: no table holds it


class Quantity(StrEnum):
    COUNT = "count"
    AMOUNT = "amount"  # millions of pesos (mdp) in prose, pesos in tables
    BENEFICIARIES = "beneficiaries"


@dataclass(frozen=True)
class Place:
    """Where a row stands: table id, row number in the table, line in the file."""

    table: str
    row: int
    line: int

    def describe(self) -> str:
        """Return "line N (table, row R)"."""
        return f"line {self.line} ({self.table}, row {self.row})"


@dataclass(frozen=True)
class WorksRow:
    """One subprogram or region of a works table, or its Total row."""

    label: str
    key: str
    works: int
    cecop: Decimal
    beneficiaries: int
    place: Place
    total: Decimal | None = None
    municipality: Decimal | None = None
    community: Decimal | None = None

    def figure(self, column: str) -> Decimal:
        """Return the figure of ``column`` as a Decimal."""
        return Decimal(getattr(self, column))


@dataclass(frozen=True)
class WorksTable:
    """Works by subprogram or by region for one program, with its Total row."""

    id: str
    title: str
    program: Program
    dimension: Dimension
    columns: tuple[str, ...]
    rows: tuple[WorksRow, ...]
    total: WorksRow
    line: int


@dataclass(frozen=True)
class DroughtRow:
    concept: str
    municipality: str
    amount: Decimal
    place: Place


@dataclass(frozen=True)
class DroughtTable:
    """Priority aid to municipalities for the drought emergency."""

    id: str
    title: str
    rows: tuple[DroughtRow, ...]
    total: Decimal
    total_place: Place


@dataclass(frozen=True)
class AidRow:
    number: int
    concept: str
    amount: Decimal
    place: Place


@dataclass(frozen=True)
class AidTable:
    """State investment in social aid, by spending concept."""

    id: str
    title: str
    rows: tuple[AidRow, ...]
    total: Decimal
    total_place: Place


@dataclass(frozen=True)
class Figure:
    """An indicator figure; ``unit`` keeps whether it was printed as a percent."""

    value: Decimal
    unit: Unit
    text: str


@dataclass(frozen=True)
class YearFigure:
    year: int
    figure: Figure | None


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator in a copy of the results table."""

    name: str
    key: str
    baseline_year: int
    baseline: Figure | None
    results: tuple[YearFigure, ...]
    source: str
    semaphore: str
    place: Place

    def result(self, year: int) -> Figure | None:
        """Return the published result of ``year``, None when blank or absent."""
        return next((item.figure for item in self.results if item.year == year), None)

    def latest(self) -> YearFigure | None:
        """Return the result of the most recent year printed (figure may be None)."""
        return self.results[-1] if self.results else None


@dataclass(frozen=True)
class IndicatorTable:
    """One printed copy (full or partial) of the indicator results table."""

    id: str
    rows: tuple[IndicatorRow, ...]
    line: int


@dataclass(frozen=True)
class SemaphoreSummary:
    """The published count of indicators by semáforo colour."""

    indicators: int
    with_advance: int
    without_advance: int
    equal: int
    without_information: int
    place: Place

    def counts(self) -> dict[str, int]:
        """Return the counts keyed as ``semaphore_summary`` keys them."""
        return {
            "indicators": self.indicators,
            "with_advance": self.with_advance,
            "without_advance": self.without_advance,
            "equal": self.equal,
            "without_information": self.without_information,
        }


@dataclass(frozen=True)
class IndicatorCard:
    """A "Cédula de Indicadores": the definition of one indicator."""

    id: str
    responsible_unit: str
    executing_unit: str
    objective: str
    indicator: str
    key: str
    indicator_objective: str
    description: str
    method: str
    direction: Direction
    frequency: str
    source: str
    unit_of_measure: str
    additional_reference: str
    baseline_year: int
    baseline: Figure
    goal_year: int
    goal: Figure
    place: Place
    figures_line: int


@dataclass(frozen=True)
class ProseClaim:
    """A figure the prose states about something the tables also count.

    ``figure`` is as printed: amounts in millions of pesos with ``decimals``
    decimal places. ``at_least`` marks "más de N"; ``approximate`` marks a
    round figure given as roughly ("más menos N"). ``columns`` names the table
    columns the figure may be about when its words do not say which (the
    state's money, or the three parties' total): each is shown, none chosen.
    """

    subject: Subject
    quantity: Quantity
    programs: tuple[Program, ...]
    subprograms: tuple[str, ...]
    figure: Decimal
    decimals: int
    at_least: bool
    approximate: bool
    text: str
    line: int
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnreadSentence:
    """A sentence of the prose stating money in words no reader pattern knows.

    Listed, so that a report worded differently next year says what it did
    not check instead of silently checking less.
    """

    line: int
    text: str
    figures: tuple[str, ...]

    def describe(self) -> str:
        """Return "line N ('… $6.1 mdp …')"."""
        return f"line {self.line} ({', '.join(self.figures)}: {self.text!r})"


@dataclass(frozen=True)
class UnreadTable:
    """A table the document prints that this reader does not take in.

    Listed so that nothing the document prints is dropped without a word.
    """

    heading: str
    first_line: int
    last_line: int

    def describe(self) -> str:
        """Return "lines A–B ('heading')"."""
        return f"lines {self.first_line}–{self.last_line} ({self.heading!r})"


@dataclass(frozen=True)
class CecopReport:
    """Everything the platform reads from one CECOP annual results report."""

    source_name: str
    year: int
    works_tables: tuple[WorksTable, ...]
    drought: DroughtTable
    aid: AidTable
    indicator_tables: tuple[IndicatorTable, ...]
    semaphore_summary: SemaphoreSummary
    cards: tuple[IndicatorCard, ...]
    claims: tuple[ProseClaim, ...]
    # The title block above the first heading ("GOBIERNO DE SONORA CONSEJO
    # ESTATAL DE …"), normalised: who publishes the report, as printed.
    title: str = ""
    not_read: tuple[UnreadTable, ...] = ()
    unread_sentences: tuple[UnreadSentence, ...] = ()

    def works_table(self, program: Program, dimension: Dimension) -> WorksTable:
        """Return the works table of ``program`` by ``dimension``."""
        return next(
            table
            for table in self.works_tables
            if table.program == program and table.dimension == dimension
        )

    @property
    def indicator_results(self) -> IndicatorTable:
        """Return the fullest copy of the results table (the first among equals)."""
        return max(self.indicator_tables, key=lambda table: len(table.rows))

    def card_for(self, key: str) -> IndicatorCard | None:
        """Return the card of the indicator whose normalised name is ``key``."""
        return next((card for card in self.cards if card.key == key), None)
