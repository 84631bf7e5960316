"""Works from federal files: no municipality or one their point gives, keys a
spreadsheet rewrote."""

import pytest

from ruta.works.models import WorkOrigin
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def federal(sonora, hermosillo):
    WorkFactory(municipality=hermosillo, published=True)
    return WorkFactory(
        public_id="OPA-1.136E+13",
        municipality=None,
        locality="",
        state=sonora,
        origin=WorkOrigin.FEDERAL_OPA,
        published=True,
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_selection_with_a_state_wide_work_downloads(client, federal, fmt):
    answer = client.get(f"/es-mx/obras/descarga.{fmt}")
    assert answer.status_code == 200
    if fmt == "csv":
        body = answer.content.decode("utf-8-sig")
        assert "OPA-1.136E+13" in body


def test_a_work_whose_key_has_dots_and_a_plus_has_a_page_and_a_link(client, federal):
    listing = client.get("/es-mx/obras/")
    assert listing.status_code == 200
    assert 'href="/es-mx/obras/OPA-1.136E+13/"' in listing.content.decode()
    assert client.get("/es-mx/obras/OPA-1.136E+13/").status_code == 200


def test_a_federal_work_s_municipality_is_said_to_come_from_its_point(
    client, federal, hermosillo
):
    placed = WorkFactory(
        public_id="OPA-0609J3E0005",
        municipality=hermosillo,
        origin=WorkOrigin.FEDERAL_OPA,
        published=True,
    )
    page = client.get(placed.get_absolute_url()).content.decode()
    assert "según sus coordenadas: la lista federal nombra solo la entidad" in page
    captured = WorkFactory(municipality=hermosillo, published=True)
    page = client.get(captured.get_absolute_url()).content.decode()
    assert "según sus coordenadas" not in page
