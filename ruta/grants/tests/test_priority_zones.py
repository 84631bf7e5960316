"""A subsidy's project operates in a Zona de Atención Prioritaria (§3.6.2 b):
the catalogue staff import (rural municipalities, urban AGEBs, the decree's
year), read first without writing, and the refusal naming the section."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ruta.accounts.models import Role
from ruta.grants.models import PriorityZone
from ruta.grants.rules.requirements import PriorityZones, priority_zone_standing
from ruta.grants.selectors.zones import DEMONSTRATION_ZONES_FILE
from ruta.grants.services.zones import priority_zone_confirm
from ruta.ingest.loaders.zap import zap_import
from ruta.ingest.zap import zap_read
from ruta.sources.findings import DocumentError
from ruta.sources.records import ImportStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import MunicipalityFactory
from testkit.grants import apply, make_call, make_organization, user_with

HEADER = "tipo,clave_municipio,municipio,ageb,decreto\n"
ZONES_2021 = (
    HEADER + "rural,26003,Álamos,,2021\n"
    "urbana,26030,Hermosillo,066A,2021\n"
    "urbana,26030,Hermosillo,0413,2021\n"
)


def test_the_rule_places_a_project_in_a_rural_or_urban_zone_or_outside():
    zones = PriorityZones(2024, frozenset({"26003"}), frozenset({("26030", "066A")}))
    assert priority_zone_standing("subsidy", "26003", "", zones) == "rural"
    assert priority_zone_standing("subsidy", "26030", "066a", zones) == "urban"
    assert priority_zone_standing("subsidy", "26030", "", zones) == "to_confirm"
    assert priority_zone_standing("subsidy", "26030", "0999", zones) == "outside"
    assert priority_zone_standing("subsidy", "26043", "", zones) == "outside"
    assert priority_zone_standing("project_grant", "26043", "", zones) == ""
    assert priority_zone_standing("subsidy", "26043", "", None) == ""


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("barrio,26003,Álamos,,2021", "tipo"),
        ("rural,2603,Álamos,,2021", "clave_municipio"),
        ("rural,26003,Álamos,0413,2021", "ageb"),
        ("urbana,26030,Hermosillo,41,2021", "ageb"),
        ("urbana,26030,Hermosillo,0413,año", "decreto"),
    ],
)
def test_a_row_the_reader_refuses_names_its_line_and_column(tmp_path, row, field):
    path = tmp_path / "zap.csv"
    path.write_text(ZONES_2021 + row + "\n", encoding="utf-8")
    with pytest.raises(DocumentError) as refused:
        zap_read(path)
    assert refused.value.line == 5
    assert refused.value.field == field


def test_the_demonstration_file_reads_and_says_what_it_is():
    read = zap_read(DEMONSTRATION_ZONES_FILE)
    assert read.decree_year == 2024
    assert {zone.kind for zone in read.zones} == {"rural", "urban"}
    assert "demostracion" in DEMONSTRATION_ZONES_FILE.name


@pytest.fixture
def zones_file(tmp_path, sonora, hermosillo):
    MunicipalityFactory(code="26003", name="Álamos", state=sonora)
    path = tmp_path / "zap-2021.csv"
    path.write_text(ZONES_2021, encoding="utf-8")
    return path


def test_a_dry_run_reads_the_catalogue_and_writes_nothing(db, zones_file):
    result = zap_import(path=zones_file, actor=TEST_ACTOR, dry_run=True)
    assert result.status == ImportStatus.DRY_RUN
    assert result.tables[0].rows == 3
    assert not PriorityZone.objects.exists()


def test_a_municipality_the_catalog_lacks_refuses_the_file(db, zones_file):
    zones_file.write_text(ZONES_2021 + "rural,26999,Nadie,,2021\n", encoding="utf-8")
    with pytest.raises(DocumentError) as refused:
        zap_import(path=zones_file, actor=TEST_ACTOR, dry_run=True)
    assert refused.value.line == 5
    assert not PriorityZone.objects.exists()


def test_a_subsidy_outside_the_zones_is_refused_naming_the_section(
    db, zones_file, sonora
):
    nogales = MunicipalityFactory(code="26043", name="Nogales", state=sonora)
    zap_import(path=zones_file, actor=TEST_ACTOR)
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    organization = make_organization(1, applicant)
    with pytest.raises(ValidationError) as refused:
        apply(call, organization, applicant, 1, municipality=nogales)
    error = refused.value.error_dict["municipality"][0]
    assert error.code == "priority_zone_outside"
    assert "§3.6.2 b" in str(error.message % error.params)
    assert "Nogales" in str(error.message % error.params)


def test_a_subsidy_in_a_rural_zone_is_received_and_an_urban_one_confirmed_by_staff(
    db, zones_file, hermosillo
):
    from ruta.catalog.models import Municipality

    zap_import(path=zones_file, actor=TEST_ACTOR)
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    rural = apply(
        call,
        make_organization(1, applicant),
        applicant,
        1,
        municipality=Municipality.objects.get(code="26003"),
    )
    assert rural.folio == 1
    other = user_with(Role.APPLICANT)
    urban = apply(call, make_organization(2, other), other, 2, municipality=hermosillo)
    staff = user_with(Role.VALIDATOR, call.agency)
    with pytest.raises(ValidationError):
        priority_zone_confirm(application=urban, ageb="66", actor=staff)
    urban = priority_zone_confirm(application=urban, ageb="066a", actor=staff)
    assert (urban.ageb, urban.ageb_confirmed_by) == ("066A", staff)


def test_staff_confirm_the_ageb_on_the_applications_page(db, zones_file, hermosillo):
    from django.test import Client
    from django.urls import reverse

    zap_import(path=zones_file, actor=TEST_ACTOR)
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    application = apply(
        call, make_organization(1, applicant), applicant, 1, municipality=hermosillo
    )
    staff = Client()
    staff.force_login(user_with(Role.VALIDATOR, call.agency))
    page = staff.get(application.get_absolute_url()).content.decode()
    assert "falta confirmar la AGEB" in page
    staff.post(
        reverse("grants:zone_confirm", args=[call.code, application.folio]),
        {"ageb": "0413"},
    )
    application.refresh_from_db()
    assert application.ageb == "0413"
    page = staff.get(application.get_absolute_url()).content.decode()
    assert "El proyecto opera en la AGEB 0413, zona urbana del catálogo" in page
