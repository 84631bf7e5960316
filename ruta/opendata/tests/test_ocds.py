"""The OCDS release package: a compiled release per process with a contract."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ruta.opendata.ocds import ocds_package
from ruta.opendata.tests.world import (
    OCID,
    PAYEE_PERSON,
    PERSON_NAME,
    PERSON_RFC,
    published_works,
)

pytestmark = pytest.mark.django_db
URI = "https://datos.example.org/es-mx/datos/ocds.json"


def _releases() -> dict[str, dict]:
    package = json.loads("".join(ocds_package(uri=URI)))
    return {release["ocid"]: release for release in package["releases"]}


def test_a_process_read_from_ocds_keeps_its_ocid_and_public_rows(exported):
    release = _releases()[OCID]
    assert release["date"] == "2024-03-10T00:00:00-06:00"
    assert release["tag"] == ["compiled"]
    assert [party["id"] for party in release["parties"]] == ["MX-RFC-SUP010101AB1"]
    (contract,) = release["contracts"]
    assert contract["value"] == {"amount": 280000, "currency": "MXN"}
    payments = contract["implementation"]["transactions"]
    assert [(p["id"], p["value"]["amount"]) for p in payments] == [
        ("T-1", 84000),
        ("T-2", 1500),
    ]
    assert "payee" not in payments[1]


def test_a_captured_contract_is_a_release_under_the_publishers_prefix(
    exported, settings
):
    settings.RUTA_OCDS_PREFIX = "ocds-abc123"
    release = _releases()["ocds-abc123-SON-2024-00042-SIDUR-LP-2024-001"]
    assert release["date"] == "2024-02-20T00:00:00-06:00"
    assert release["buyer"] == {
        "id": "dependencia-sidur",
        "name": "Secretaría de Obras",
    }
    assert release["tender"]["procurementMethod"] == "open"
    assert release["tender"]["procurementMethodDetails"] == "Licitación pública"
    (award,) = release["awards"]
    assert award["value"] == {"amount": 2900000, "currency": "MXN"}
    assert award["suppliers"] == [
        {"id": "MX-RFC-CDD150312AB1", "name": "Constructora del Desierto, S.A. de C.V."}
    ]


def test_no_unpublished_work_and_no_personal_data(exported):
    text = "".join(ocds_package(uri=URI))
    assert "OCULTO-001" not in text
    for value in (PERSON_RFC, PERSON_NAME, PAYEE_PERSON):
        assert value not in text


def test_queries_do_not_grow_with_the_number_of_contracts(exported):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            "".join(ocds_package(uri=URI))
        return len(queries)

    few = count()
    published_works(5)
    assert count() == few
