"""Setting up another state's instance, as docs/setting-up-a-state.md walks it: Jalisco.

The state's team writes its catalog files (here the test writes them: a
fixture, not Jalisco's official lists), runs ``ruta setup-state``, imports
the real federal works lists (their Jalisco rows are the instance's) and
Jalisco's real OCDS releases; the instance then shows Jalisco and nothing
else, and a national instance shows everything.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client

from ruta.accounts.models import Role
from ruta.catalog.datafiles import read_catalog
from ruta.catalog.instance import located_in_state
from ruta.catalog.loader import catalog_load
from ruta.catalog.models import Agency, Municipality, Region
from ruta.ingest.loaders.ocds import ocds_import, ocds_paths
from ruta.ingest.loaders.worklist import works_file_import
from ruta.works.models import ContractingProcess, Work, WorksProgram
from testkit.actors import TEST_ACTOR
from testkit.seeds import data_path
from testkit.world import constraints_settled

pytestmark = [pytest.mark.real_data, pytest.mark.django_db]

JALISCO = "14"
WORKS_FILES = (
    "obra_publica/shcp_opa_2015_proyectos_opa.csv",
    "obra_publica/shcp_opa_2019_proyectos_opa.csv",
    "obra_publica/shcp_opa_2021_proyectos_opa.csv",
)
OCDS_FOLDER = "ocds_mexico/jalisco/releases"

# Fixture data written by the test: real names of Jalisco's agencies and
# municipalities, a plan and two regions chosen for the test (not the
# state's official regionalisation).
SOURCES = [("key", "citation"), ("jalisco-prueba", "Archivos de prueba del equipo")]
PLANS = [
    ("key", "name", "start_year", "end_year", "source"),
    ("ped-jalisco-prueba", "Plan Estatal de prueba", "2018", "2024", "jalisco-prueba"),
]
AGENCIES = [
    (
        "slug",
        "code",
        "kind",
        "name",
        "acronym",
        "parent",
        "cve_ent",
        "cvegeo",
        "source",
    ),
    (
        "jalisco-sepaf",
        "",
        "dependencia",
        "Secretaría de Planeación, Administración y Finanzas",
        "SEPAF",
        "",
        JALISCO,
        "",
        "jalisco-prueba",
    ),
    (
        "jalisco-siop",
        "",
        "dependencia",
        "Secretaría de Infraestructura y Obra Pública",
        "SIOP",
        "",
        JALISCO,
        "",
        "jalisco-prueba",
    ),
    (
        "jalisco-siop-obras-viales",
        "",
        "unidad",
        "Dirección General de Obras Viales",
        "",
        "jalisco-siop",
        JALISCO,
        "",
        "jalisco-prueba",
    ),
    (
        "ayuntamiento-guadalajara",
        "",
        "ayuntamiento",
        "Ayuntamiento de Guadalajara",
        "",
        "",
        JALISCO,
        "14039",
        "jalisco-prueba",
    ),
]
REGION_HEADER = (
    "cve_ent", "plan", "region_number", "region_name", "cvegeo", "municipality_name",
    "source_a_region", "source_b_region", "verified_against_ped",
)  # fmt: skip
REGIONS = [
    REGION_HEADER,
    *(
        (JALISCO, "ped-jalisco-prueba", "1", "Centro", code, name, "", "", "no")
        for code, name in (
            ("14039", "Guadalajara"),
            ("14120", "Zapopan"),
            ("14098", "San Pedro Tlaquepaque"),
            ("14101", "Tonalá"),
        )
    ),
    (JALISCO, "ped-jalisco-prueba", "2", "Altos Sur", "14093", "Tepatitlán de Morelos")
    + ("", "", "no"),
]
PROGRAMS = [
    ("code", "acronym", "agency", "name", "delivery", "committee_required")
    + ("description",),
    (
        "jalisco-vias",
        "VIAS",
        "jalisco-siop",
        "Programa de Vías Metropolitanas",
        "direct",
        "false",
        "Obras viales de la SIOP (programa de prueba).",
    ),
]


def _write(folder: Path, name: str, rows: list[tuple[str, ...]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def state_folder(root: Path) -> Path:
    """Write the state team's files and return their folder."""
    folder = root / "jalisco"
    folder.mkdir()
    _write(folder, "sources.csv", SOURCES)
    _write(folder, "plans.csv", PLANS)
    _write(folder, "agencies.csv", AGENCIES)
    _write(folder, "regions.csv", REGIONS)
    _write(folder, "programs.csv", PROGRAMS)
    return folder


def _setup_state(folder: Path) -> str:
    out = io.StringIO()
    call_command("setup_state", str(folder), state=JALISCO, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def jalisco(django_db_setup, django_db_blocker, tmp_path_factory):
    """Walk the set-up once for the module; roll it back afterwards."""
    paths = [data_path(name) for name in WORKS_FILES]
    releases = ocds_paths(data_path(OCDS_FOLDER))
    folder = state_folder(tmp_path_factory.mktemp("estado"))
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_load(read_catalog())
        first = _setup_state(folder)
        again = _setup_state(folder)
        for path in paths:
            works_file_import(path=path, actor=TEST_ACTOR)
        for path in releases:
            ocds_import(path=path, actor=TEST_ACTOR, agency="jalisco-sepaf")
        constraints_settled()
        yield {"folder": folder, "first": first, "again": again}
        transaction.set_rollback(True)


def test_setup_state_loads_the_agencies_plan_regions_and_programs(jalisco):
    assert jalisco["first"].strip() == (
        "Jalisco (14): 4 agencies (4 new), 1 plans, 2 regions (2 new) placing 5 "
        "municipalities, 1 works programs."
    )
    assert Agency.objects.of_state(JALISCO).count() == 4
    assert Agency.objects.get(code="jalisco-siop-obras-viales").parent.code == (
        "jalisco-siop"
    )
    centro = Region.objects.of_state(JALISCO).get(number=1)
    assert centro.name == "Centro"
    assert set(centro.municipalities.values_list("code", flat=True)) == {
        "14039",
        "14120",
        "14098",
        "14101",
    }
    assert WorksProgram.objects.get(code="jalisco-vias").agency.code == "jalisco-siop"


def test_setting_up_the_same_state_again_changes_nothing(jalisco):
    assert "(0 new)" in jalisco["again"]
    assert Agency.objects.of_state(JALISCO).count() == 4
    assert Region.objects.of_state(JALISCO).count() == 2


def _jalisco_works() -> int:
    return Work.objects.published().filter(located_in_state(JALISCO)).count()


def _aggregated_works(client: Client) -> int:
    groups = client.get("/api/v1/works/aggregates", {"by": "year"}).json()
    return sum(group["works"] for group in groups)


def test_a_jalisco_instance_shows_jalisco_s_works_only(jalisco, settings):
    settings.RUTA_STATE = ""
    everywhere = Work.objects.published().count()
    settings.RUTA_STATE = JALISCO
    in_jalisco = _jalisco_works()
    assert 0 < in_jalisco < everywhere
    client = Client()
    assert _aggregated_works(client) == in_jalisco
    answer = client.get("/es-mx/obras/descarga.csv")
    download = answer.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(download)))
    assert len(rows) == Work.objects.published().count() == in_jalisco
    assert client.get("/es-mx/municipios/14039/").status_code == 200
    assert client.get("/es-mx/municipios/26030/").status_code == 404
    home = client.get("/es-mx/").content.decode()
    assert "Jalisco" in home
    settings.RUTA_STATE = ""
    assert _aggregated_works(Client()) == everywhere


def test_a_jalisco_instance_publishes_jalisco_s_contracting_processes(
    jalisco, settings
):
    published = ContractingProcess.objects.filter(agency__code="jalisco-sepaf")
    assert published.count() >= 3
    settings.RUTA_STATE = JALISCO
    listed = Client().get("/api/v1/contracting/", {"page_size": 100}).json()["items"]
    assert {row["ocid"] for row in listed} >= set(
        published.values_list("ocid", flat=True)
    )
    settings.RUTA_STATE = "26"
    listed = Client().get("/api/v1/contracting/", {"page_size": 100}).json()["items"]
    assert not {row["ocid"] for row in listed} & set(
        published.values_list("ocid", flat=True)
    )


def test_a_row_of_another_state_is_refused_and_nothing_is_loaded(tmp_path):
    catalog_load(read_catalog())
    folder = state_folder(tmp_path)
    sonoran = list(AGENCIES[1])
    sonoran[0], sonoran[6] = "sonora-sidur-prueba", "26"
    _write(folder, "agencies.csv", [*AGENCIES, tuple(sonoran)])
    regions = list(REGIONS)
    regions[1] = (JALISCO, "ped-jalisco-prueba", "1", "Centro", "14097")
    regions[1] += ("Tlajomulco de Zúñiga", "", "", "no")
    _write(folder, "regions.csv", regions)
    agencies = Agency.objects.count()
    with pytest.raises(CommandError, match="Nothing was loaded") as refused:
        _setup_state(folder)
    assert "sonora-sidur-prueba" in str(refused.value)
    assert "cve_ent" in str(refused.value)
    assert Agency.objects.count() == agencies
    assert Municipality.objects.get(code="14097").region is None


def _uploads(folder: Path) -> dict[str, SimpleUploadedFile]:
    return {
        field: SimpleUploadedFile(name, (folder / name).read_bytes())
        for field, name in (
            ("agencies", "agencies.csv"),
            ("plans", "plans.csv"),
            ("regions", "regions.csv"),
            ("programs", "programs.csv"),
            ("sources", "sources.csv"),
        )
    }


def test_catalog_staff_set_up_the_state_from_the_site(tmp_path, settings, make_user):
    catalog_load(read_catalog())
    settings.RUTA_STATE = JALISCO
    folder = state_folder(tmp_path)
    client = Client()
    client.force_login(make_user(Role.CAPTURE))
    assert client.get("/es-mx/importaciones/estado/").status_code == 403
    client.force_login(make_user(Role.ADMINISTRATOR))
    page = client.post("/es-mx/importaciones/estado/", _uploads(folder), follow=True)
    text = page.content.decode()
    assert "Jalisco: 4 dependencias (" in text
    assert "2 regiones con 5 municipios y 1 programas de obra." in text
    assert Region.objects.of_state(JALISCO).count() == 2


def test_a_refused_upload_names_the_file_row_and_field_and_saves_nothing(
    tmp_path, settings, administrator
):
    catalog_load(read_catalog())
    settings.RUTA_STATE = JALISCO
    folder = state_folder(tmp_path)
    sonoran = list(AGENCIES[1])
    sonoran[0], sonoran[6] = "sonora-sidur-prueba", "26"
    _write(folder, "agencies.csv", [*AGENCIES, tuple(sonoran)])
    client = Client()
    client.force_login(administrator)
    agencies = Agency.objects.count()
    page = client.post("/es-mx/importaciones/estado/", _uploads(folder))
    text = page.content.decode()
    assert page.status_code == 400
    assert "No se guardó nada." in text
    assert "agencies.csv" in text
    assert "sonora-sidur-prueba" in text
    assert "estado-" not in text  # the server's folders stay hidden
    assert Agency.objects.count() == agencies
