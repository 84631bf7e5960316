"""The whole demo export validates with the Open Contracting tools: 0 errors.

Every published work of the demo (the 2024 works and the real federal works
lists, many of them without funding rows or coordinates) as a national
instance exports it and as Sonora's instance does, checked by libcoveoc4ids
and libcoveocds offline; not a package of two works built to pass.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import override_settings
from libcoveoc4ids.api import oc4ids_json_output
from libcoveocds.api import ocds_json_output

from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.demo.load import demo_load
from ruta.demo.published import (
    federal_works_import,
    ocds_samples_import,
)
from ruta.opendata.normalise import OCID_PREFIX, published_ocid
from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.ocds import ocds_package
from ruta.opendata.tests.offline import no_network, served  # noqa: F401
from ruta.opendata.tests.test_validation import _oc4ids_config, _ocds_config
from ruta.works.models import ContractingProcess, Work
from ruta.works.selectors.contracting import process_in_instance_condition
from testkit.seeds import data_path
from testkit.world import constraints_settled

pytestmark = [pytest.mark.real_data, pytest.mark.django_db]
URI = "https://datos.example.org/es-mx/datos/"
INSTANCES = {"national": "", "sonora": "26"}


@pytest.fixture(scope="module")
def demo_export(django_db_setup, django_db_blocker):
    """The demo's works, federal lists and OCDS samples, shared by the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_load(read_catalog())
        demo_load()
        federal_works_import()
        ocds_samples_import()
        constraints_settled()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def schemas_url(no_network):  # noqa: F811
    with served(data_path("schemas")) as base:
        yield base
    assert no_network == []


@pytest.mark.parametrize("instance", INSTANCES)
def test_the_whole_oc4ids_export_has_no_validation_error(
    demo_export, schemas_url, instance
):
    with override_settings(RUTA_STATE=INSTANCES[instance]):
        package = json.loads("".join(oc4ids_package(uri=f"{URI}oc4ids.json")))
        published = Work.objects.published().count()
    result = oc4ids_json_output(
        json_data=package, lib_cove_oc4ids_config=_oc4ids_config(schemas_url)
    )
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert len(package["projects"]) == published
    without_funding = [
        project for project in package["projects"] if "budgetBreakdowns" not in project
    ]
    assert without_funding, "the federal works without funding rows are exported"
    assert all("amount" in project["budget"] for project in without_funding)


@pytest.mark.parametrize("instance", INSTANCES)
def test_the_whole_ocds_export_has_no_validation_error(
    demo_export, schemas_url, instance
):
    with override_settings(RUTA_STATE=INSTANCES[instance]):
        package = json.loads("".join(ocds_package(uri=f"{URI}ocds.json")))
    result = ocds_json_output(
        json_data=package, lib_cove_ocds_config=_ocds_config(schemas_url)
    )
    assert result["validation_errors"] == []
    assert result.get("additional_closed_codelist_values", {}) == {}
    with override_settings(RUTA_STATE=INSTANCES[instance]):
        published = ContractingProcess.objects.filter(process_in_instance_condition())
        imported = set(published.values_list("ocid", flat=True))
    # Every process read from OCDS files that the instance shows is
    # republished under its own ocid, or under the instance's prefix when it
    # has none registered, beside the contracts captured here.
    ocids = {release["ocid"] for release in package["releases"]}
    assert {published_ocid(ocid) for ocid in imported} <= ocids
    mended = package["x_normalizacion"]
    unprefixed = {ocid for ocid in imported if not OCID_PREFIX.match(ocid)}
    assert mended["ocidsConPrefijo"] == len(unprefixed)
    assert all(f"ocds-ruta00-{ocid}" in ocids for ocid in unprefixed)
    if instance == "national":
        assert unprefixed, "the samples hold ocids without a publisher prefix"
        # The samples' 41 processes (60 files), Mexico City's among them.
        assert len(imported) == ContractingProcess.objects.count() == 41
        assert "OCDS-87SD3T-AD-SF-DRM-063-2015" in imported
