"""Error pages, the icon, the site's name and the API docs page."""

import json
import re

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from ruta.portal.errors import server_error


def test_a_missing_page_answers_in_the_sites_layout_and_language(client, db):
    response = client.get("/en/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "Page not found" in html
    assert 'class="site-header"' in html


def test_a_server_error_answers_in_the_sites_layout(db):
    request = RequestFactory().get("/es-mx/")
    request.user = AnonymousUser()
    with translation.override("es-mx"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Error del servidor" in html
    assert 'class="site-header"' in html


def test_pages_name_an_icon_and_the_old_address_finds_it(client, db):
    html = client.get("/es-mx/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/ruta/favicon[^"]*\.svg"', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")


def test_login_page_names_the_configured_site_not_the_host(client, db, settings):
    settings.RUTA_SITE_NAME = "Obras Abiertas de Sonora"
    html = client.get("/es-mx/cuentas/entrar/").content.decode()
    assert "<title>Entrar · Obras Abiertas de Sonora</title>" in html
    assert "testserver" not in html


def test_api_docs_page_has_a_language_and_a_way_back(client, db):
    html = client.get(
        "/api/v1/docs", headers={"accept-language": "en"}
    ).content.decode()
    assert '<html lang="en">' in html
    assert 'href="/en/"' in html


def test_api_docs_page_sends_nothing_to_another_origin(client, db):
    html = client.get("/api/v1/docs").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    settings_json = re.search(
        r'id="swagger-settings">(.*?)</script>', html, re.DOTALL
    ).group(1)
    assert json.loads(settings_json)["validatorUrl"] is None
