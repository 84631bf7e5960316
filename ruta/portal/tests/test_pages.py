import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ruta.catalog.instance import instance_state_check
from testkit.factories.catalog import MunicipalityFactory, RegionFactory, StateFactory
from testkit.factories.works import WorkFactory


@pytest.fixture
def capital(sonora, hermosillo):
    region = RegionFactory(state=sonora, number=7, name="Capital")
    hermosillo.region = region
    hermosillo.population_2020 = 936263
    hermosillo.save()
    return region


def test_about_page_shows_counts_from_the_database(client, capital, settings):
    settings.RUTA_STATE = "26"
    html = client.get("/es-mx/acerca-de-los-datos/").content.decode()
    assert re.search(r"Municipios de Sonora</dt><dd>1</dd>", html)
    assert "Capital" in html
    assert "936,263" in html


def test_a_national_instance_shows_no_state_of_its_own(client, capital, settings):
    settings.RUTA_STATE = ""
    html = client.get("/es-mx/acerca-de-los-datos/").content.decode()
    assert "Municipios de Sonora" not in html
    assert "Capital" not in html
    assert "Municipios del país" in html


def test_the_instance_state_is_configured_not_written_in_code(
    client, capital, settings
):
    other = StateFactory(code="02", name="Baja California")
    MunicipalityFactory(code="02002", name="Mexicali", state=other)
    settings.RUTA_STATE = "02"
    html = client.get("/es-mx/acerca-de-los-datos/").content.decode()
    assert re.search(r"Municipios de Baja California</dt><dd>1</dd>", html)
    assert "Municipios de Sonora" not in html


def test_a_state_code_that_is_not_inegis_stops_the_start(settings):
    settings.RUTA_STATE = "Sonora"
    (error,) = instance_state_check()
    assert error.id == "ruta.catalog.E001"
    assert "'Sonora' is not an INEGI state code" in error.msg


def test_home_page_is_translated_to_english(client, db):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Follow the public money" in html


def test_pages_have_a_skip_link_and_landmarks(client, db):
    html = client.get("/es-mx/").content.decode()
    assert 'href="#contenido"' in html
    assert '<main id="contenido"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html


def test_pages_load_nothing_from_other_origins(client, db):
    html = client.get("/es-mx/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_responses_carry_a_content_security_policy(client, db):
    response = client.get("/es-mx/")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_root_redirects_to_a_language(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es-mx/")


def test_language_links_lead_to_the_same_page_in_the_other_language(client, db):
    html = client.get("/es-mx/obras/").content.decode()
    assert 'href="/en/obras/" hreflang="en"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_menu_and_footer_link_in_the_pages_own_language(client, db):
    spanish = client.get("/es-mx/obras/").content.decode()
    english = client.get("/en/obras/").content.decode()
    assert '<li><a href="/es-mx/obras/">Obras</a></li>' in spanish
    assert '<li><a href="/en/obras/">Public works</a></li>' in english
    assert '<a href="/es-mx/uso/">Uso del sitio</a>' in spanish
    assert '<a href="/en/uso/">' in english


def test_about_page_counts_poa_goals_and_documents_read(client, imported_demonstration):
    html = client.get("/es-mx/acerca-de-los-datos/").content.decode()
    assert re.search(r"Metas de programas operativos</dt><dd><a [^>]*>0</a>", html)
    assert re.search(r"Documentos publicados leídos</dt><dd><a [^>]*>1</a>", html)


def test_about_page_counts_the_published_works_of_the_instance_only(
    client, hermosillo, settings
):
    settings.RUTA_STATE = "26"
    elsewhere = MunicipalityFactory(
        code="02002", name="Mexicali", state=StateFactory(code="02", name="B. C.")
    )
    WorkFactory.create_batch(3, municipality=hermosillo, published=True)
    WorkFactory(municipality=hermosillo)  # not published
    WorkFactory(municipality=elsewhere, published=True)  # outside the instance
    html = client.get("/es-mx/acerca-de-los-datos/").content.decode()
    assert re.search(r"Obras registradas</dt><dd><a [^>]+>3</a>", html)
    # The works are counted from their summary rows, never read themselves.
    with CaptureQueriesContext(connection) as read:
        client.get("/es-mx/acerca-de-los-datos/")
    assert not any('FROM "works_work"' in q["sql"] for q in read.captured_queries)
