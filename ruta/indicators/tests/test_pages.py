"""The public indicators page."""

import re

from django.core.cache import cache

from ruta.demo.load import demo_load
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


def test_computed_figures_from_demo_works_are_labelled_as_demo(
    client, imported_demonstration
):
    assert "Datos de demostración" not in client.get(PAGE).content.decode()
    demo_load()
    cache.clear()
    html = client.get(PAGE).content.decode()
    assert "Datos de demostración" in html
    cards = client.get("/api/v1/indicators/cards?agency=CECOP").json()
    assert all(card["computed_from_demo_data"] for card in cards)


def test_demo_computed_ratios_hold_over_their_populations(
    client, imported_demonstration
):
    demo_load()
    cache.clear()
    cards = {
        card["computation"]: card
        for card in client.get("/api/v1/indicators/cards?agency=CECOP").json()
    }
    latest = {
        name: next(r for r in card["results"] if r["year"] == 2024)["computed"]
        for name, card in cards.items()
    }
    # 612 works released of the 671 concerted works approved in 2024,
    # cancelled ones included; every work that still needs a committee has one.
    assert latest["released-per-approved"] == "91.21"
    assert latest["committees-per-works"] == "100.00"
    assert latest["realized-works-count"] == "44"
    html = client.get(PAGE).content.decode()
    assert "Calculada con los datos en cada municipio (2024)" in html
    municipal = html[html.index("por municipio</caption>") :]
    assert municipal.count('<th scope="row">') >= 72
