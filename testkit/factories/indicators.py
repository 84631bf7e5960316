"""Test factories for indicator cards and results."""

from __future__ import annotations

from decimal import Decimal

import factory

from ruta.indicators.models import (
    Computation,
    DirectionChoice,
    IndicatorCard,
    IndicatorResult,
    ValueUnit,
)
from testkit.factories.catalog import AgencyFactory


class IndicatorCardFactory(factory.django.DjangoModelFactory):
    """A percentage card with baseline 90 in 2021 and goal 87 in 2027."""

    class Meta:
        model = IndicatorCard

    agency = factory.SubFactory(AgencyFactory, code="sonora-cecop", name="CECOP")
    name = factory.Sequence(lambda n: f"Indicador {n}")
    key = factory.LazyAttribute(lambda card: card.name.upper())
    responsible_unit = "Consejo Estatal de Concertación para la Obra Pública"
    executing_unit = "Dirección General de Organización Social"
    objective = "Fortalecer la relación gobierno-población."
    indicator_objective = "Medir la integración de comités."
    description = "Comités conformados por obra realizada."
    method = "Número de comités / total de obras *100"
    direction = DirectionChoice.ASCENDING
    frequency = "Trimestral"
    source = "Dirección General de Organización Social"
    unit_of_measure = "Porcentaje"
    value_unit = ValueUnit.PERCENT
    baseline_year = 2021
    baseline_value = Decimal("90")
    goal_year = 2027
    goal_value = Decimal("87")
    computation = Computation.NONE


class IndicatorResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorResult
        django_get_or_create = ("card", "year")

    card = factory.SubFactory(IndicatorCardFactory)
    year = 2024
    value = Decimal("87")
