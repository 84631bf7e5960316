"""A municipality's own instance maps itself: its outline and the works
located in it, no other municipality and no region; the catalog API answers
no region for it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ruta.works.models import Work
from testkit.municipal import MEXICALI, mexicali_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(hermosillo):
    world = mexicali_world(hermosillo)
    # Mexicali's city and Tijuana's, both works of Mexicali's agencies.
    for public_id, lat, lon in (
        ("MXL-MUN", "32.6245", "-115.4523"),
        ("TIJ-MXL", "32.5149", "-117.0382"),
    ):
        Work.objects.filter(public_id=public_id).update(
            latitude=Decimal(lat), longitude=Decimal(lon)
        )
    return world


@pytest.fixture
def municipal(settings, world):
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = MEXICALI
    return world


def _work_url(public_id: str) -> str:
    return Work.objects.get(public_id=public_id).get_absolute_url()


def test_the_map_draws_the_municipality_and_the_works_located_in_it(client, municipal):
    html = client.get("/es-mx/mapa/").content.decode()
    assert "Mapa de la inversión: Mexicali" in html
    assert html.count('<path d="') == 1  # its own outline, no neighbour
    assert "/es-mx/municipios/02002/" in html
    assert "/es-mx/municipios/02004/" not in html
    assert _work_url("MXL-MUN") in html
    assert _work_url("TIJ-MXL") not in html  # run by Mexicali, located elsewhere
    assert ">Región<" not in html
    assert "/es-mx/regiones/" not in html


def test_the_municipality_page_draws_it_alone(client, municipal):
    html = client.get("/es-mx/municipios/02002/").content.decode()
    assert html.count('<path d="') == 1
    assert "/es-mx/municipios/02004/" not in html


def test_a_state_instance_maps_every_municipality_with_its_regions(
    client, settings, world
):
    settings.RUTA_STATE = "02"
    html = client.get("/es-mx/mapa/").content.decode()
    assert html.count('<path d="') == 5  # Baja California's five outlines
    assert ">Región<" in html


def test_the_catalog_api_answers_no_region_on_a_municipal_instance(
    client, settings, world
):
    settings.RUTA_STATE = "02"
    regions = client.get("/api/v1/catalog/regions").json()
    assert [region["name"] for region in regions] == ["Valle"]
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = MEXICALI
    assert client.get("/api/v1/catalog/regions").json() == []
    assert client.get("/api/v1/catalog/regions", {"state": "02"}).json() == []


def test_a_work_page_of_a_municipal_instance_shows_no_empty_region(client, municipal):
    html = client.get(_work_url("MXL-MUN")).content.decode()
    assert "Mexicali" in html
    assert ">Región<" not in html
