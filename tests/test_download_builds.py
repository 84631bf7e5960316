"""No anonymous request can stall the site through its downloads.

A download built on request waits for one of the site's few build slots
(``ruta.common.web.builds``) or is refused at once; a parameter a page does not
read cannot make a new copy of it past the cache; the shipped nginx limits
every built download per address (``tests/test_deploy_nginx.py`` runs it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.db import connections
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from ruta.common.web.builds import BUILD_LOCK_SPACE, RETRY_AFTER_SECONDS
from testkit.nginx import DEPLOY

pytestmark = [pytest.mark.django_db, pytest.mark.server]

# One address of every built download; a view made a built download without
# a line here (and in nginx's location) fails the test below.
BUILT_DOWNLOADS = (
    "/es-mx/obras/descarga.xlsx",
    "/es-mx/informes/sop/2024/informe.xlsx",
    "/es-mx/apoyos/pxp-2024/fallo.csv",
    "/es-mx/apoyos/pxp-2024/padron.xlsx",
    "/es-mx/gobierno-abierto/plan-2024/datos/compromisos.csv",
)


def _views(patterns: list) -> Iterator[object]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def _download_location() -> re.Pattern[str]:
    text = (DEPLOY / "ruta-locations.conf").read_text(encoding="utf-8")
    found = re.search(r"^location ~ (\S+) \{\n    limit_conn ", text, re.MULTILINE)
    assert found, "no location limits connections per address"
    return re.compile(found.group(1))


@pytest.fixture
def slot_holder() -> Iterator[None]:
    """Hold the site's only build slot from another connection."""
    other = connections["default"].copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, 0)", [BUILD_LOCK_SPACE])
    yield
    other.close()


def test_an_unknown_parameter_on_a_public_page_is_sent_to_the_page_without_it(
    client,
):
    answer = client.get("/es-mx/obras/?year=2024&zz=1&ultima=1")

    assert answer.status_code == 301
    assert answer["Location"] == "/es-mx/obras/?year=2024&ultima=1"


def test_a_page_that_reads_no_parameter_drops_them_all(client):
    answer = client.get("/es-mx/acerca-de-los-datos/?utm_source=x")

    assert answer.status_code == 301
    assert answer["Location"] == "/es-mx/acerca-de-los-datos/"


def test_a_junk_parameter_on_a_download_is_redirected_before_anything_is_built(
    client, slot_holder
):
    answer = client.get("/es-mx/obras/descarga.xlsx?zz=7")

    assert answer.status_code == 301  # not the 503 a build would meet
    assert answer["Location"] == "/es-mx/obras/descarga.xlsx"


def test_a_download_while_every_build_slot_is_taken_answers_503_at_once(
    client, slot_holder
):
    answer = client.get(reverse("works:download", args=["xlsx"]))

    assert answer.status_code == 503
    assert answer["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in answer["Cache-Control"]
    assert "Inténtelo de nuevo" in answer.content.decode()


def test_a_download_builds_when_a_slot_is_free(client, settings):
    settings.RUTA_DOWNLOAD_BUILDS = 2
    other = connections["default"].copy()
    try:
        with other.cursor() as cursor:  # one of two slots taken
            cursor.execute("SELECT pg_advisory_lock(%s, 0)", [BUILD_LOCK_SPACE])
        answer = client.get(reverse("works:download", args=["csv"]))
    finally:
        other.close()

    assert answer.status_code == 200


def test_every_built_download_is_listed_and_limited_by_the_shipped_nginx():
    built = {
        view
        for view in _views(get_resolver().url_patterns)
        if getattr(view, "built_download", False)
    }
    location = _download_location()

    assert {resolve(path).func for path in BUILT_DOWNLOADS} == built
    for path in BUILT_DOWNLOADS:
        assert location.match(path), path
    for page in ("/es-mx/obras/", "/es-mx/datos/obras/ultimo.csv", "/api/v1/works"):
        assert not location.match(page), page
