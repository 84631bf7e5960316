"""Mexicali's own instance gets a demonstration work with the citizen
committee that oversees it, marked as such; a Sonora instance does not
publish it."""

from __future__ import annotations

from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.demo.municipal import PUBLIC_ID, municipal_committee_demo_load
from ruta.participation.models import Committee
from ruta.works.loader import works_catalog_load
from ruta.works.models import Work
from testkit.factories.works import FiscalYearFactory


def test_mexicali_s_instance_gets_a_demonstration_committee_on_its_work(
    db, settings, client
):
    catalog_load(read_catalog())
    works_catalog_load()
    FiscalYearFactory(year=2024)
    assert municipal_committee_demo_load() == 1
    settings.RUTA_MUNICIPALITY = ""
    settings.RUTA_STATE = "26"
    assert not Work.objects.published().exists()  # Sonora's does not publish it
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = "02002"
    committee = Committee.objects.select_related("work").get()
    assert (committee.is_demo, committee.work.is_demo) == (True, True)
    assert committee.members.count() >= 4
    work = committee.work
    assert (work.municipality_id, work.executing_agency.code) == (
        "02002",
        "mexicali-bisom-departamento-tecnico",
    )
    assert set(Work.objects.published().values_list("public_id", flat=True)) == {
        PUBLIC_ID
    }
    page = client.get(committee.work.get_absolute_url())
    assert page.status_code == 200
    assert "Conformado el" in page.content.decode()  # its committee, formed
    assert municipal_committee_demo_load() == 0
