"""The public indicators page."""

import re

from testkit.cecop import demonstration_document
from testkit.factories.accounts import UserFactory

PAGE = "/es-mx/indicadores/"


def test_indicators_page_lists_each_card_with_baseline_results_and_goal(
    client, imported_demonstration
):
    html = client.get("/es-mx/indicadores/").content.decode()
    assert "Porcentaje en la Conformación de comités ciudadanos" in html
    assert "Línea base 2021" in html
    assert "375.45%" in html
    assert "Meta 2027" in html
    assert "1,076" in html


def test_baseline_that_differs_between_table_and_card_is_shown_with_both_places(
    client, imported_demonstration
):
    html = client.get("/es-mx/indicadores/").content.decode()
    card_rows = re.findall(r"Línea base 2021 en la cédula.*?</tr>", html)
    assert len(card_rows) == 1  # only «Otorgamiento de Ayudas Sociales Diversas»
    assert "160" in card_rows[0]
    assert "difiere de la tabla de resultados" in card_rows[0]
    assert "Resultado 2024: 1,076 frente a la línea base 230." in html
    document = demonstration_document()
    aid = document.report().indicator_results.rows[3].place.line
    assert f"{document.name}, línea {aid}" in html


def test_semaphore_is_told_in_words_not_colour_alone(client, imported_demonstration):
    html = client.get("/es-mx/indicadores/").content.decode()
    badges = re.findall(r'class="badge semaphore-(\w+)">[^<]*Semáforo: (\w+)', html)
    assert badges == [
        ("red", "Retroceso"),
        ("green", "Avance"),
        ("red", "Retroceso"),
        ("green", "Avance"),
    ]


def test_tables_have_captions_and_header_scopes(client, imported_demonstration):
    html = client.get("/es-mx/indicadores/").content.decode()
    # The summary, and each of the four computed cards' results by year and
    # computed figures by quarter.
    assert html.count("<caption>") == 9
    assert 'scope="col"' in html
    assert 'scope="row"' in html


def test_page_without_cards_says_so(client, db):
    html = client.get("/es-mx/indicadores/").content.decode()
    assert "Todavía no hay cédulas de indicadores." in html


def test_indicators_page_runs_a_few_queries_once_prepared(
    client, imported_demonstration, django_assert_max_num_queries
):
    client.get("/es-mx/indicadores/")  # prepares the views for this data version
    # The data version only: read for the page's validators, then for the
    # prepared views' key.
    with django_assert_max_num_queries(2):
        assert client.get("/es-mx/indicadores/").status_code == 200


def test_indicators_page_is_public_for_anonymous_readers(client, db):
    response = client.get("/es-mx/indicadores/")
    assert "public" in response["Cache-Control"]
    assert response.has_header("ETag")


def test_indicators_page_is_private_for_signed_in_users(client, db):
    client.force_login(UserFactory())
    response = client.get("/es-mx/indicadores/")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_figures_of_a_document_alone_are_not_labelled_as_demo(
    client, imported_demonstration
):
    assert "Datos de demostración" not in client.get(PAGE).content.decode()
