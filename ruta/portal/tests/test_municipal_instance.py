"""A municipality's instance speaks of the municipality: its question box
declines other places, its open-data catalogue is the municipality's."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ruta.opendata.dcat import catalogue_graph
from ruta.portal.questions.answers import answer_question
from testkit.municipal import MEXICALI, mexicali_world

pytestmark = pytest.mark.django_db

DCT = "http://purl.org/dc/terms/"
FOAF_NAME = URIRef("http://xmlns.com/foaf/0.1/name")


@pytest.fixture
def municipal(settings, hermosillo):
    world = mexicali_world(hermosillo)
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = MEXICALI
    return world


def test_the_question_box_declines_another_municipality_as_outside(municipal):
    declined = answer_question("¿Cuánto se invirtió en Tijuana?")
    assert not declined.answered
    assert "no es de este municipio" in declined.text
    assert "Mexicali" in declined.text
    state = answer_question("¿Cuánto se invirtió en Baja California?")
    assert not state.answered
    assert "no es de este municipio" in state.text


def test_the_question_box_answers_of_the_municipality(municipal):
    answered = answer_question("¿Cuánto se invirtió en Mexicali?")
    assert answered.answered, answered.text
    assert "$3,000,000.00" in answered.text  # its three works located there


def test_a_state_instance_still_declines_other_states_only(settings, municipal):
    settings.RUTA_MUNICIPALITY = ""
    settings.RUTA_STATE = "02"
    assert answer_question("¿Cuánto se invirtió en Tijuana?").answered
    assert (
        "no es de este estado"
        in answer_question("¿Cuánto se invirtió en Hermosillo?").text
    )


def test_the_catalogue_is_published_by_the_municipality_and_covers_it(municipal):
    graph = catalogue_graph(site="https://datos.mexicali.example")
    publishers = set(graph.objects(None, URIRef(DCT + "publisher")))
    names = {str(graph.value(agent, FOAF_NAME)) for agent in publishers}
    assert names == {"Ayuntamiento de Mexicali"}
    places = set(graph.objects(None, URIRef(DCT + "spatial")))
    assert places == {URIRef("urn:inegi:cvegeo:" + MEXICALI)}
