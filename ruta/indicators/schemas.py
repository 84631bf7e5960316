"""API schemas of indicators (also the shape of their open-data exports)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema

from ruta.indicators.selectors import CardView, YearFigures


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
    results: list[IndicatorYearOut]

    @staticmethod
    def from_view(view: CardView) -> dict:
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
            "results": [IndicatorYearOut.from_figures(item) for item in view.years],
        }


class SemaphoreSummaryOut(Schema):
    indicators: int
    with_advance: int
    without_advance: int
    equal: int
    without_information: int
