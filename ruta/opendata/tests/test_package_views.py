"""The packages as downloads: JSON built whole, then sent, at ``datos/``."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def spanish():
    """Name the addresses in Spanish, whatever page an earlier test read."""
    with translation.override("es-mx"):
        yield


def _download(client, name: str) -> tuple[object, dict]:
    response = client.get(reverse(name))
    assert response.streaming
    return response, json.loads(b"".join(response.streaming_content))


def test_oc4ids_download_is_the_package_at_its_address(client, exported):
    response, package = _download(client, "opendata:oc4ids")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert package["uri"] == "http://testserver/es-mx/datos/oc4ids.json"
    assert [p["identifiers"] for p in package["projects"]] == [
        [{"id": "SON-2024-00042", "scheme": "RUTA-FOLIO"}]
    ]


def test_ocds_download_lists_the_releases(client, exported):
    _response, package = _download(client, "opendata:ocds")
    assert len(package["releases"]) == 3


def test_shared_caches_may_keep_a_package(client, exported):
    response, _package = _download(client, "opendata:oc4ids")
    assert response["Cache-Control"] == "public, max-age=300"


def test_english_page_serves_the_same_spanish_labels(client, exported):
    response = client.get("/en/datos/oc4ids.json")
    package = json.loads(b"".join(response.streaming_content))
    rows = package["projects"][0]["budget"]["budgetBreakdowns"][0]["budgetBreakdown"]
    assert rows[1]["description"] == "Municipio"


def test_head_is_answered_without_building_the_package(client, exported):
    with CaptureQueriesContext(connection) as queries:
        response = client.head(reverse("opendata:oc4ids"))
    assert response.status_code == 200
    assert response.content == b""
    assert [q for q in queries if "works_work" in q["sql"]] == []


def test_only_reads_are_allowed(client, db):
    assert client.post(reverse("opendata:oc4ids")).status_code == 405


def test_committee_extension_names_its_documentation_where_it_is_served(client, db):
    response = client.get(reverse("opendata:committee-extension"))
    metadata = response.json()
    assert metadata["documentationUrl"] == {
        "es": "http://testserver/es-mx/datos/extensiones/comite-ciudadano/README.md"
    }
    assert metadata["schemas"] == ["project-schema.json"]
    readme = client.get(metadata["documentationUrl"]["es"])
    assert readme["Content-Type"] == "text/markdown; charset=utf-8"
    assert "citizenCommittee" in readme.content.decode()
