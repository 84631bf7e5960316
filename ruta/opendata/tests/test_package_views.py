"""The packages as downloads: the files the publish wrote, at ``datos/``."""

from __future__ import annotations

import json
from unittest.mock import patch

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ruta.accounts.actors import command_actor
from ruta.opendata.models import FileFormat
from ruta.opendata.services import publish_datasets
from ruta.opendata.versions import file_latest

pytestmark = pytest.mark.django_db
ACTOR = command_actor("package views tests")


@pytest.fixture(autouse=True)
def spanish():
    """Name the addresses in Spanish, whatever page an earlier test read."""
    with translation.override("es-mx"):
        yield


def _download(client, name: str) -> tuple[object, dict]:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response, json.loads(b"".join(response.streaming_content))


@pytest.fixture
def packages_published(exported):
    """The world's packages, written by a publish."""
    publish_datasets(actor=ACTOR)
    return exported


def test_oc4ids_download_is_the_published_package_at_its_address(
    client, packages_published
):
    response, package = _download(client, "opendata:oc4ids")
    assert response["Content-Type"] == "application/json"
    assert package["uri"] == f"{settings.RUTA_SITE_URL}/es-mx/datos/oc4ids.json"
    assert [p["identifiers"] for p in package["projects"]] == [
        [{"id": "SON-2024-00042", "scheme": "RUTA-FOLIO"}]
    ]


def test_ocds_download_lists_the_releases(client, packages_published):
    _response, package = _download(client, "opendata:ocds")
    assert len(package["releases"]) == 3


def test_a_download_builds_nothing_it_sends_the_published_file(
    client, packages_published
):
    with CaptureQueriesContext(connection) as queries:
        response, _package = _download(client, "opendata:oc4ids")
    assert [q for q in queries if "works_" in q["sql"]] == []
    published = file_latest("oc4ids", FileFormat.JSON)
    assert response["ETag"] == f'"{published.sha256}"'
    assert response["Content-Length"] == str(published.size)


def test_a_version_stays_at_its_own_address(client, packages_published):
    published = file_latest("ocds", FileFormat.JSON)
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000"


def test_shared_caches_may_keep_a_package_briefly(client, packages_published):
    response, _package = _download(client, "opendata:oc4ids")
    assert response["Cache-Control"] == "public, max-age=300"


def test_a_publish_of_the_same_data_adds_no_version(packages_published):
    outcome = publish_datasets(actor=ACTOR, every=True)
    assert {"oc4ids", "ocds"} <= set(outcome.unchanged)


def test_english_page_serves_the_same_spanish_labels(client, packages_published):
    response = client.get("/en/datos/oc4ids.json")
    package = json.loads(b"".join(response.streaming_content))
    rows = package["projects"][0]["budget"]["budgetBreakdowns"][0]["budgetBreakdown"]
    assert rows[1]["description"] == "Municipio"


def test_before_the_first_publish_the_reader_is_told_it_is_on_its_way(client, exported):
    response = client.get(reverse("opendata:ocds"))
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "Contrataciones de obra en OCDS" in response.content.decode()


def test_the_index_lists_each_package_with_its_digest(client, packages_published):
    published = file_latest("oc4ids", FileFormat.JSON)
    page = client.get(reverse("opendata:index")).content.decode()
    assert reverse("opendata:oc4ids") in page
    assert published.sha256 in page


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


def test_before_the_first_publish_the_index_names_the_packages_without_a_link(
    client, exported
):
    page = client.get(reverse("opendata:index")).content.decode()
    assert "Obras públicas en OC4IDS" in page
    assert reverse("opendata:oc4ids") not in page


def test_behind_nginx_the_file_is_handed_to_it_not_streamed(
    client, packages_published, tmp_path
):
    published = file_latest("oc4ids", FileFormat.JSON)
    folder = FileSystemStorage(location=tmp_path)
    folder.save(published.file.name, ContentFile(b"{}"))
    published.file.storage = folder
    with (
        override_settings(RUTA_PUBLIC_FILES_ACCEL="/media/"),
        patch("ruta.opendata.views.file_latest", return_value=published),
    ):
        response = client.get(reverse("opendata:oc4ids"))
    assert response["X-Accel-Redirect"] == f"/media/{published.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment; filename=")
