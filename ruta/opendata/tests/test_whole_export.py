"""The whole demo export validates with the standards' own tools: 0 errors.

Every published work of the demo (the 2024 works and the real federal works
lists, many of them without funding rows or coordinates) as a national
instance exports it and as Sonora's instance does, checked by libcoveoc4ids
and libcoveocds offline; not a package of two works built to pass. The
same world published whole: its data package by Frictionless (every
resource, every key) and its catalogue by DCAT-AP 3.0.0's SHACL shapes,
every registered dataset included, so one added later is checked too.
"""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal

import frictionless
import pytest
from django.db import transaction
from django.test import override_settings
from libcoveoc4ids.api import oc4ids_json_output
from libcoveocds.api import ocds_json_output
from ocdskit.combine import merge as ocdskit_merge
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import DCTERMS

from ruta.accounts.actors import command_actor
from ruta.demo.published import (
    federal_works_import,
    ocds_samples_import,
)
from ruta.ingest.ocds.validate import release_schema
from ruta.opendata.datasets import DATASETS, tables
from ruta.opendata.dcat import catalogue_graph
from ruta.opendata.models import DatasetVersion
from ruta.opendata.normalise import OCID_PREFIX, published_ocid
from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.ocds import ocds_package
from ruta.opendata.services import publish_datasets
from ruta.opendata.tests.offline import no_network, served  # noqa: F401
from ruta.opendata.tests.test_validation import _oc4ids_config, _ocds_config
from ruta.works.models import ContractingProcess, ContractingRelease, Work
from ruta.works.selectors.contracting import process_in_instance_condition
from testkit.seeds import data_path
from testkit.world import constraints_settled, demo_written

pytestmark = [pytest.mark.real_data, pytest.mark.django_db]
URI = "https://datos.example.org/es-mx/datos/"
CENTAVO = Decimal("0.01")
INSTANCES = {"national": "", "sonora": "26"}


@pytest.fixture(scope="module")
def demo_export(django_db_setup, django_db_blocker):
    """The demo's works, federal lists and OCDS samples, shared by the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_written()
        federal_works_import()
        ocds_samples_import()
        constraints_settled()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_published(demo_export, django_db_blocker):
    """The demo world's open data, published once for the module."""
    with django_db_blocker.unblock():
        publish_datasets(actor=command_actor("test"))


def test_the_demos_whole_data_package_is_valid_frictionless_data(
    demo_published, tmp_path
):
    package = DatasetVersion.objects.of("paquete").first().files.get(format="zip")
    with package.file.open("rb") as handle:
        zipfile.ZipFile(io.BytesIO(handle.read())).extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    errors = [error.message for task in report.tasks for error in task.errors]
    assert errors == []
    assert {task.name for task in report.tasks} == {d.slug for d in tables()}
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["obras"] == Work.objects.published().count()


def test_the_demos_catalogue_conforms_to_dcat_ap_3(demo_published):
    shapes = Graph().parse(
        data_path("schemas/dcat-ap/dcat-ap-3.0.0-shacl.ttl"), format="turtle"
    )
    graph = catalogue_graph(site="https://datos.example.org")
    conforms, _report, text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert conforms, text
    listed = {str(slug) for slug in graph.objects(None, DCTERMS.identifier)}
    assert {dataset.slug for dataset in DATASETS.values()} <= listed


def test_ocdskit_compiles_every_stored_process_as_the_platform_does(
    demo_export,
    no_network,  # noqa: F811
):
    """The reference tool merges each process's stored releases (the samples'
    files, kept as published) to the same processes and tender amounts."""
    by_process: dict[str, list[tuple[dict, str]]] = {}
    for ocid, data, version in ContractingRelease.objects.order_by("pk").values_list(
        "process__ocid", "data", "version"
    ):
        by_process.setdefault(ocid, []).append((data, version or "1.1"))
    compiled = {}
    for ocid, releases in by_process.items():
        packages = [
            {"version": version, "releases": [data]} for data, version in releases
        ]
        [release] = ocdskit_merge(
            packages, schema=release_schema(), ignore_version=True
        )
        compiled[ocid] = release
    stored = ContractingProcess.objects.all()
    assert set(compiled) == {process.ocid for process in stored}
    for process in stored:
        tender_value = (compiled[process.ocid].get("tender") or {}).get("value") or {}
        if tender_value.get("amount") is not None:
            # To the centavo: a source's float noise (72349.20000000001) is
            # kept in its release as published, the amount to the centavo.
            amount = Decimal(str(tender_value["amount"])).quantize(CENTAVO)
            assert amount == process.amount, process.ocid


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
