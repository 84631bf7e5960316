"""Which computation evaluates a card is data: configured, or chosen by staff."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from ruta.indicators.configuration import configured_computations
from ruta.indicators.models import Computation
from ruta.indicators.rules import Direction
from ruta.indicators.services import CardDefinition, indicator_card_upsert
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.indicators import IndicatorCardFactory


def definition(name: str, method: str) -> CardDefinition:
    return CardDefinition(
        key=name.upper(),
        responsible_unit="Unidad",
        executing_unit="Unidad",
        objective="Objetivo",
        name=name,
        indicator_objective="Objetivo del indicador",
        description="Descripción",
        method=method,
        direction=Direction.ASCENDING,
        frequency="Anual",
        source="Fuente",
        unit_of_measure="Porcentaje",
        value_unit="percent",
        additional_reference="",
        baseline_year=2021,
        baseline_value=Decimal(90),
        goal_year=2027,
        goal_value=Decimal(95),
    )


def test_a_configured_card_takes_its_computation_and_population(db):
    cecop = AgencyFactory(code="sonora-cecop")
    card = indicator_card_upsert(
        agency=cecop,
        definition=definition(
            "Ejecutar obra pública concertada de manera directa por el CECOP del "
            "programa Gestión Emergente Transforma Sonora",
            "Número de obras",
        ),
        actor=TEST_ACTOR,
    )
    assert (card.computation, card.population) == ("realized-works-count", "direct")


def test_a_card_not_configured_is_not_guessed_from_its_wording(db):
    # The same printed method on another agency's card evaluates nothing.
    card = indicator_card_upsert(
        agency=AgencyFactory(code="otra-dependencia"),
        definition=definition(
            "Obras liberadas",
            "Total de obras liberadas / total de obras aprobadas *100",
        ),
        actor=TEST_ACTOR,
    )
    assert card.computation == Computation.NONE


def test_staff_choice_survives_a_new_import_of_a_card_not_configured(db):
    agency = AgencyFactory(code="otra-dependencia")
    card = IndicatorCardFactory(
        agency=agency, key="OBRAS LIBERADAS", computation=Computation.AID_COUNT
    )
    indicator_card_upsert(
        agency=agency,
        definition=definition("Obras liberadas", "Conteo"),
        actor=TEST_ACTOR,
    )
    card.refresh_from_db()
    assert card.computation == Computation.AID_COUNT


def test_a_bad_configuration_names_its_line_and_column(tmp_path):
    path = tmp_path / "computations.csv"
    path.write_text(
        "agency,indicator,computation,population\n"
        "a,Indicador uno,aid-count,\n"
        "a,Indicador dos,works-per-km,\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ImproperlyConfigured,
        match=r"computations.csv, line 3: computation 'works-per-km'",
    ):
        configured_computations(path)
