"""API schemas of indicators (also the shape of their open-data exports)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema

from ruta.indicators.selectors import (
    NO_PERIODS,
    CardPeriods,
    CardView,
    PeriodFigures,
    QuarterFigure,
    YearFigures,
)


class IndicatorYearOut(Schema):
    year: int
    published: Decimal | None
    computed: Decimal | None
    document: str | None
    source_line: int | None

    @staticmethod
    def from_figures(item: YearFigures) -> dict:
        """Return the API form of one year of a card."""
        result = item.result
        return {
            "year": item.year,
            "published": item.published,
            "computed": item.computed,
            "document": result.document.name if result and result.document else None,
            "source_line": result.source_line if result else None,
        }


class IndicatorPeriodOut(Schema):
    year: int
    quarter: int | None = Field(description="1 to 4; null for the whole year.")
    place_kind: str = Field(description="``state``, ``municipality`` or ``region``.")
    place_code: str | None = Field(
        description="The municipality's INEGI code or the region's number."
    )
    place_name: str
    value: Decimal = Field(description="The published result (captured, approved).")
    computed: Decimal | None = Field(
        description="The card's method evaluated from the platform's data for the "
        "same period (the year to the quarter's end) and place."
    )
    semaphore: str
    semaphore_label: str

    @staticmethod
    def from_figures(item: PeriodFigures) -> dict:
        """Return the API form of a result of a quarter or a place."""
        return {
            "year": item.result.year,
            "quarter": item.result.quarter,
            "place_kind": item.place_kind,
            "place_code": item.place_code,
            "place_name": item.place_label,
            "value": item.result.value,
            "computed": item.computed,
            "semaphore": item.semaphore.value,
            "semaphore_label": item.semaphore_label,
        }


class IndicatorQuarterOut(Schema):
    quarter: int
    computed: Decimal | None

    @staticmethod
    def from_figure(item: QuarterFigure) -> dict:
        """Return the API form of a computed card's quarter."""
        return {"quarter": item.quarter, "computed": item.computed}


class IndicatorCardOut(Schema):
    id: int
    agency: str
    name: str
    responsible_unit: str
    executing_unit: str
    objective: str
    indicator_objective: str
    description: str
    method: str
    computation: str = Field(
        description="The platform's own method evaluating the card from its data "
        "(blank: none); see ``population`` for the works it counts.",
    )
    population: str = Field(
        description="Delivery of the programs whose works the computation counts "
        "(``concerted``, ``direct``; blank: every work of the agency).",
    )
    direction: str
    direction_label: str
    frequency: str
    source: str
    unit_of_measure: str
    value_unit: str
    additional_reference: str
    baseline_year: int
    baseline: Decimal
    card_baseline: Decimal = Field(
        description="The baseline the indicator card prints; ``baseline`` is the "
        "results table's when it prints one (the semáforo is judged against it).",
    )
    computed_from_demo_data: bool = Field(
        False,
        description="True when the computed figures come from demonstration works "
        "or aid.",
    )
    goal_year: int
    goal: Decimal
    semaphore: str
    semaphore_label: str
    measurement: str = Field(
        description="How the card's figures come: ``computed`` from works, "
        "committees and aid per period and place; ``captured`` per period and "
        "place with approval; ``yearly`` only.",
    )
    results: list[IndicatorYearOut]
    periods: list[IndicatorPeriodOut] = Field(
        description="Published results of a quarter or of a municipality or "
        "region, each with its semáforo against the baseline."
    )
    quarters: list[IndicatorQuarterOut] = Field(
        description="For a computed card, its figure for each quarter of the last "
        "year listed, statewide (the year to the quarter's end)."
    )

    @staticmethod
    def from_view(view: CardView, periods: CardPeriods = NO_PERIODS) -> dict:
        """Return the API form of a card with its results and semáforo."""
        card = view.card
        fields = [
            "name",
            "responsible_unit",
            "executing_unit",
            "objective",
            "indicator_objective",
            "description",
            "method",
            "computation",
            "population",
            "direction",
            "frequency",
            "source",
            "unit_of_measure",
            "value_unit",
            "additional_reference",
            "baseline_year",
            "goal_year",
        ]
        return {
            "id": card.pk,
            "agency": card.agency.code,
            **{field: getattr(card, field) for field in fields},
            "baseline": view.baseline,
            "card_baseline": card.baseline_value,
            "computed_from_demo_data": view.computed_from_demo,
            "goal": card.goal_value,
            "semaphore": view.semaphore.value,
            "semaphore_label": view.semaphore_label,
            "direction_label": str(card.get_direction_display()),
            "measurement": view.measurement.value,
            "results": [IndicatorYearOut.from_figures(item) for item in view.years],
            "periods": [
                IndicatorPeriodOut.from_figures(item) for item in periods.periods
            ],
            "quarters": [
                IndicatorQuarterOut.from_figure(item) for item in periods.quarters
            ],
        }


class SemaphoreSummaryOut(Schema):
    indicators: int
    with_advance: int
    without_advance: int
    equal: int
    without_information: int
