"""The packages validate with the Open Contracting tools, offline: 0 errors.

The schemas and codelists are the official files of ``../shared/data``
(``RUTA_DATA_DIR``); like the seed tests, these run whenever they are there
and fail in CI when they are not (``RUTA_REQUIRE_SEEDS``).
"""

from __future__ import annotations

import json

import pytest
from libcoveoc4ids.api import oc4ids_json_output
from libcoveoc4ids.config import LibCoveOC4IDSConfig
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig

from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.ocds import ocds_package
from ruta.opendata.tests.offline import no_network, served, standard_zip  # noqa: F401
from ruta.opendata.tests.world import published_works
from testkit.factories.works import SubprogramFactory, WorkFactory
from testkit.seeds import data_path

pytestmark = [pytest.mark.real_data, pytest.mark.django_db]
URI = "https://datos.example.org/es-mx/datos/"


def _oc4ids_config(base: str) -> LibCoveOC4IDSConfig:
    schemas = f"{base}oc4ids/"
    return LibCoveOC4IDSConfig(
        {
            "schema_host": schemas,
            "schema_version_choices": {"0.9.5": ("0.9.5", schemas)},
            "schema_codelists": {"0.9": f"{schemas}codelists/"},
            # libcove fetches the project schema again for every project
            # otherwise: 6,754 local requests, most of a national check's time.
            "cache_all_requests": True,
        }
    )


def _ocds_config(base: str) -> LibCoveOCDSConfig:
    folder = data_path("schemas/ocds-1.1")
    return LibCoveOCDSConfig(
        {
            "standard_zip": standard_zip(folder, "1__1__5"),
            "schema_version_choices": {"1.1": ("1.1", f"{base}ocds-1.1/", "1__1__5")},
            "schema_codelists": {"1.1": f"{base}ocds-1.1/codelists/"},
            "context": "api",
            "cache_all_requests": True,
        }
    )


@pytest.fixture
def schemas_url(no_network):  # noqa: F811
    with served(data_path("schemas")) as base:
        yield base
    assert no_network == []


def test_oc4ids_package_has_no_validation_error(exported, schemas_url):
    published_works(2)
    # A program and a subprogram with the same key, as the federal records have.
    code = exported.work.program.code
    WorkFactory(published=True, subprogram=SubprogramFactory(code=code))
    package = json.loads("".join(oc4ids_package(uri=f"{URI}oc4ids.json")))
    result = oc4ids_json_output(
        json_data=package, lib_cove_oc4ids_config=_oc4ids_config(schemas_url)
    )
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert len(package["projects"]) == 4


def test_ocds_package_has_no_validation_error(exported, schemas_url):
    published_works(2)
    package = json.loads("".join(ocds_package(uri=f"{URI}ocds.json")))
    result = ocds_json_output(
        json_data=package, lib_cove_ocds_config=_ocds_config(schemas_url)
    )
    assert result["validation_errors"] == []
    assert result.get("additional_closed_codelist_values", {}) == {}
    assert len(package["releases"]) == 5
