import shutil

import pytest
from django.core.management import CommandError, call_command

from ruta.catalog.datafiles import DATA_DIR, read_catalog
from ruta.catalog.loader import catalog_load
from ruta.catalog.models import Agency, Municipality, PlanElement, Region, State


@pytest.fixture
def loaded(db):
    return catalog_load(read_catalog())


def test_loads_the_national_catalogue_and_sonoras_regions(loaded):
    assert State.objects.count() == 32
    assert Municipality.objects.count() == 2475
    assert Municipality.objects.of_state("26").count() == 72
    assert Municipality.objects.of_state("02").count() == 7
    assert Municipality.objects.of_state("11").count() == 46
    assert Region.objects.of_state("26").count() == 10
    assert Municipality.objects.of_state("26").filter(region__isnull=True).count() == 0


def test_region_of_a_municipality_is_the_ped_region(loaded):
    assert Municipality.objects.get(code="26003").region.name == "Río Mayo"
    assert Municipality.objects.get(code="26030").region.name == "Capital"


def test_disputed_region_membership_is_noted(loaded):
    note = Municipality.objects.get(code="26071").region_note
    assert "Río Yaqui" in note


def test_agency_hierarchy_is_loaded(loaded):
    unit = Agency.objects.get(official_code="54101")
    assert unit.parent.parent is not None
    assert Agency.objects.ayuntamientos().filter(state_id="26").count() == 72


def test_plan_alignment_links_are_loaded(loaded):
    assert PlanElement.objects.filter(aligned_with__isnull=False).exists()


def test_reloading_changes_nothing(loaded):
    before = (Municipality.objects.count(), Agency.objects.count())
    snapshot = list(Municipality.objects.order_by("code").values())
    catalog_load(read_catalog())
    assert (Municipality.objects.count(), Agency.objects.count()) == before
    assert list(Municipality.objects.order_by("code").values()) == snapshot


def test_search_ignores_accents_and_case(loaded):
    names = set(
        Municipality.objects.of_state("26")
        .search("ALAMOS")
        .values_list("name", flat=True)
    )
    assert names == {"Álamos"}


def test_bad_file_names_file_line_and_field_and_writes_nothing(db, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "municipalities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(lines[5].split(",")[0], "2600A", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_catalog", str(folder))
    message = str(error.value)
    assert "municipalities.csv" in message
    assert "line 6" in message
    assert "cvegeo" in message
    assert State.objects.count() == 0


def test_region_with_unknown_municipality_is_refused(db, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "regions.csv"
    text = path.read_text(encoding="utf-8").replace(",26030,", ",26099,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="regions.csv"):
        call_command("load_catalog", str(folder))
    assert Region.objects.count() == 0
