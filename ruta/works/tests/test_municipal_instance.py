"""A municipality's own instance reads its own money: the works its agencies
run and the state's and federal works located in it; nothing else."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from ruta.accounts.models import Role
from ruta.catalog.instance import instance
from ruta.opendata.datasets import dataset_get
from ruta.works.models import Work
from ruta.works.selectors.desk import desk_agencies, desk_municipalities, desk_works
from testkit.municipal import MEXICALI, OWN, mexicali_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(hermosillo):
    return mexicali_world(hermosillo)


@pytest.fixture
def municipal(settings, places):
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = MEXICALI
    return places


def _published() -> set[str]:
    return set(Work.objects.published().values_list("public_id", flat=True))


def test_a_municipalitys_instance_names_its_place_and_state(municipal):
    scope = instance()
    assert (scope.code, scope.municipal, scope.national) == ("02", True, False)
    assert scope.name() == "Mexicali"
    assert list(scope.municipalities()) == [municipal["mexicali"]]
    assert not scope.regions().exists()


def test_it_publishes_its_agencies_works_and_those_located_in_it(municipal):
    assert _published() == OWN
    for work in Work.objects.select_related("executing_agency__parent"):
        assert work.is_public == (work.public_id in OWN), work.public_id


def test_a_state_instance_of_the_same_state_is_unchanged(settings, places):
    settings.RUTA_MUNICIPALITY = ""
    settings.RUTA_STATE = "02"
    assert _published() == OWN | {"TIJ-EDO", "TIJ-MUN", "BC-EDO"}


def test_the_explorer_its_csv_and_the_api_count_exactly_its_works(client, municipal):
    html = client.get(reverse("works:list")).content.decode()
    assert all(public_id in html for public_id in OWN)
    assert not any(f">{other}<" in html for other in ("TIJ-EDO", "TIJ-MUN", "SON-1"))
    response = client.get(reverse("works:download", args=["csv"]))
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["Folio"] for row in rows} == OWN
    listed = client.get("/api/v1/works/").json()
    assert {item["public_id"] for item in listed["items"]} == OWN
    groups = client.get("/api/v1/works/aggregates", {"by": "municipality"}).json()
    assert sum(group["works"] for group in groups) == len(OWN)
    assert client.get("/api/v1/works/TIJ-EDO").status_code == 404


def test_every_works_dataset_holds_exactly_its_works(municipal):
    works = {row["FOLIO"] for row in dataset_get("obras").rows()}
    funding = {row["FOLIO"] for row in dataset_get("obras-financiamiento").rows()}
    assert works == OWN
    assert funding <= OWN


def test_no_page_of_another_place_nor_any_region_page(client, municipal):
    tijuana_work = Work.objects.get(public_id="TIJ-EDO")
    assert client.get(tijuana_work.get_absolute_url()).status_code == 404
    assert client.get("/es-mx/municipios/02002/").status_code == 200
    assert client.get("/es-mx/municipios/02004/").status_code == 404
    region = municipal["region"]
    assert client.get(f"/es-mx/regiones/{region.pk}/").status_code == 404
    about = client.get("/es-mx/acerca-de-los-datos/").content.decode()
    assert 'id="regiones"' not in about


def test_staff_pick_among_the_municipalitys_agencies_and_place_only(
    municipal, make_user
):
    administrator = make_user(Role.ADMINISTRATOR)
    agencies = {agency.code for agency in desk_agencies(administrator)}
    assert agencies == {"ayto-mexicali", "mxl-bienestar"}
    assert list(desk_municipalities()) == [municipal["mexicali"]]
    assert {work.public_id for work in desk_works(administrator)} == OWN


@pytest.mark.parametrize(
    ("municipality", "state", "error"),
    [("2002", "", "ruta.catalog.E002"), (MEXICALI, "26", "ruta.catalog.E003")],
)
def test_a_municipality_code_that_is_wrong_stops_the_start(
    settings, municipality, state, error
):
    settings.RUTA_MUNICIPALITY = municipality
    settings.RUTA_STATE = state
    with pytest.raises(SystemCheckError, match=error):
        call_command("check")
