"""Writes on indicators: cards and their yearly results, upserted by key.

A card is keyed by its agency and its normalised name, a result by its card
and year, so reading a corrected report updates figures in place and the
audit history keeps the previous values. The caller (a loader, a view)
opens the audit context that says who and why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency
from ruta.indicators.configuration import configured_computation
from ruta.indicators.models import IndicatorCard, IndicatorResult
from ruta.indicators.rules import Direction
from ruta.sources.models import SourceDocument


@dataclass(frozen=True)
class CardDefinition:
    """The fields of a "Cédula de Indicadores" as printed."""

    key: str
    responsible_unit: str
    executing_unit: str
    objective: str
    name: str
    indicator_objective: str
    description: str
    method: str
    direction: Direction
    frequency: str
    source: str
    unit_of_measure: str
    value_unit: str
    additional_reference: str
    baseline_year: int
    baseline_value: Decimal
    goal_year: int
    goal_value: Decimal


@service
def indicator_card_upsert(
    *,
    agency: Agency,
    definition: CardDefinition,
    document: SourceDocument | None = None,
    source_line: int | None = None,
    actor: Actor,
) -> IndicatorCard:
    """Create or update the card ``definition`` describes for ``agency``.

    Which computation evaluates the card comes from the instance's
    configuration when it lists the card; otherwise the card keeps what
    staff chose (none, for a new card).
    """
    require(actor, Action.CAPTURE, agency)
    fields = asdict(definition)
    key = fields.pop("key")
    fields["direction"] = definition.direction.value
    configured = configured_computation(agency.code, key)
    if configured is not None:
        fields["computation"] = configured.computation
        fields["population"] = configured.population
    card, _created = IndicatorCard.objects.update_or_create(
        agency=agency,
        key=key,
        defaults={**fields, "document": document, "source_line": source_line},
    )
    return card


@service
def indicator_result_upsert(
    *,
    card: IndicatorCard,
    year: int,
    value: Decimal,
    document: SourceDocument | None = None,
    source_table: str = "",
    source_row: int | None = None,
    source_line: int | None = None,
    actor: Actor,
) -> IndicatorResult:
    """Record ``card``'s result for ``year`` and where it was published."""
    require(actor, Action.CAPTURE, card.agency)
    result, _created = IndicatorResult.objects.update_or_create(
        card=card,
        year=year,
        defaults={
            "value": value,
            "document": document,
            "source_table": source_table,
            "source_row": source_row,
            "source_line": source_line,
        },
    )
    return result
