"""Setting up a municipality's own instance, as docs/setting-up-a-municipality.md
walks it: Ensenada.

The municipality's team writes its catalog files (here the test writes them:
a fixture, not Ensenada's official lists), runs ``ruta setup-state``, has a
work of its own and imports the real federal works list the repository
carries; the instance then shows the works located in Ensenada and its own,
and nothing of the rest of Baja California.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from ruta.accounts.models import Role
from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.catalog.models import Agency
from ruta.ingest.loaders.worklist import works_file_import
from ruta.opendata.datasets import dataset_get
from ruta.works.models import Work
from ruta.works.selectors.desk import desk_agencies
from testkit.actors import TEST_ACTOR
from testkit.factories.works import WorkFactory
from testkit.seeds import data_path
from testkit.world import constraints_settled

pytestmark = pytest.mark.django_db

ENSENADA = "02001"
WORKS_FILE = "obra_publica/shcp_opa_2021_proyectos_opa.csv"

# Fixture data written by the test: the ayuntamiento, one of its units and a
# works program chosen for the test (not Ensenada's official catalog).
SOURCES = [("key", "citation"), ("ensenada-prueba", "Archivos de prueba del equipo")]
AGENCIES = [
    ("slug", "code", "kind", "name", "acronym", "parent", "cve_ent", "cvegeo")
    + ("source",),
    ("ayuntamiento-02001", "", "ayuntamiento", "Ayuntamiento de Ensenada", "", "")
    + ("02", ENSENADA, "ensenada-prueba"),
    ("ensenada-obras", "", "unidad", "Dirección de Obras Públicas", "")
    + ("ayuntamiento-02001", "02", ENSENADA, "ensenada-prueba"),
]
PROGRAMS = [
    ("code", "acronym", "agency", "name", "delivery", "committee_required")
    + ("description",),
    ("ensenada-calles", "CALLES", "ensenada-obras", "Calles de Ensenada", "direct")
    + ("false", "Pavimentación de calles (programa de prueba)."),
]


def _write(folder: Path, name: str, rows: list[tuple[str, ...]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture(scope="module")
def ensenada(django_db_setup, django_db_blocker, tmp_path_factory):
    """Walk the set-up once for the module; roll it back afterwards."""
    folder = tmp_path_factory.mktemp("municipio")
    _write(folder, "sources.csv", SOURCES)
    _write(folder, "agencies.csv", AGENCIES)
    _write(folder, "programs.csv", PROGRAMS)
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_load(read_catalog())
        out = io.StringIO()
        call_command("setup_state", str(folder), state="02", stdout=out)
        works_file_import(path=data_path(WORKS_FILE), actor=TEST_ACTOR)
        own = WorkFactory(
            public_id="ENS-2021-0001",
            municipality_id=ENSENADA,
            executing_agency=Agency.objects.get(code="ensenada-obras"),
            realized=True,
        )
        constraints_settled()
        yield {"setup": out.getvalue(), "own": own}
        transaction.set_rollback(True)


@pytest.fixture
def municipal(ensenada, settings):
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = ENSENADA
    return ensenada


def _expected() -> set[str]:
    """Return the works located in Ensenada or run by its units, read directly."""
    rows = Work.objects.filter(published_at__isnull=False).filter(
        municipality_id=ENSENADA
    ) | Work.objects.filter(executing_agency__code="ensenada-obras")
    return set(rows.values_list("public_id", flat=True))


def test_setup_loads_the_municipality_s_agencies_and_program(ensenada):
    assert ensenada["setup"].strip().startswith("Baja California (02): 2 agencies")
    assert Agency.objects.get(code="ensenada-obras").parent.code == (
        "ayuntamiento-02001"
    )


def test_the_instance_counts_exactly_the_municipality_s_works(municipal, settings):
    expected = _expected()
    assert "ENS-2021-0001" in expected
    # The federal list places its Baja California rows in the state, not in
    # a municipality: the state's instance shows them, Ensenada's does not.
    statewide = Work.objects.filter(state_id="02", municipality__isnull=True)
    assert statewide.exists()
    assert not Work.objects.published().filter(pk__in=statewide).exists()
    assert set(Work.objects.published().values_list("public_id", flat=True)) == (
        expected
    )
    client = Client()
    download = client.get("/es-mx/obras/descarga.csv").content.decode("utf-8-sig")
    assert {row["Folio"] for row in csv.DictReader(io.StringIO(download))} == expected
    groups = client.get("/api/v1/works/aggregates", {"by": "year"}).json()
    assert sum(group["works"] for group in groups) == len(expected)
    assert {row["FOLIO"] for row in dataset_get("obras").rows()} == expected
    assert client.get("/es-mx/municipios/02002/").status_code == 404
    settings.RUTA_MUNICIPALITY = ""
    settings.RUTA_STATE = "02"
    assert Work.objects.published().filter(pk__in=statewide).exists()


def test_its_staff_pick_among_its_own_agencies(municipal, make_user):
    administrator = make_user(Role.ADMINISTRATOR)
    assert {agency.code for agency in desk_agencies(administrator)} == {
        "ayuntamiento-02001",
        "ensenada-obras",
    }
