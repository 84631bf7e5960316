"""A municipality's instance speaks of the municipality: its question box
declines other places, its open-data catalogue is the municipality's."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ruta.ingest.loaders.statement import budget_statement_import
from ruta.opendata.dcat import catalogue_graph
from ruta.portal.questions.answers import answer_question
from testkit.actors import TEST_ACTOR
from testkit.municipal import MEXICALI, mexicali_world, poa_of
from testkit.statements import example_rows, statement_file

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


@pytest.fixture
def first_screen(municipal, tmp_path):
    """Mexicali's POA and budget statement of 2024; Tijuana's POA of 2024."""
    poa_of(municipal["unit"], 2024, ramo="54", achieved=(2, 3, 0))
    poa_of(municipal["tijuana_city"], 2024, ramo="61", achieved=(2,))
    rows = example_rows()
    for row in rows:
        row.update(ENTE="ayto-mexicali", EJERCICIO="2024", CORTE="2024-12-31")
    budget_statement_import(path=statement_file(tmp_path, rows), actor=TEST_ACTOR)
    return municipal


def test_the_first_screen_leads_with_the_poa_money_and_budget_of_its_year(
    client, first_screen
):
    html = client.get("/es-mx/").content.decode()
    assert "El dinero público de Mexicali" in html
    assert "El POA de 2024" in html
    # Two goals at or above their programmed 2, one late, one never reported.
    assert "2 metas al día" in html
    assert "1 meta atrasada" in html
    assert "1 meta sin informe" in html
    assert "Bienestar Social" in html
    assert first_screen["tijuana_city"].name not in html
    assert "$4,000,000.00" in html  # its four works, a million each, invested
    assert "$10,000,000.00" in html  # the statement's approved total
    assert "Regiones con más inversión" not in html


def test_a_state_instance_keeps_its_own_first_screen(client, settings, first_screen):
    settings.RUTA_MUNICIPALITY = ""
    settings.RUTA_STATE = "02"
    html = client.get("/es-mx/").content.decode()
    assert "Sigue la ruta del dinero público" in html
    assert "El POA de" not in html
