"""The OC4IDS project package: what a published work becomes, to the peso."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft4Validator, FormatChecker

from ruta.opendata.extension import committee_schema
from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.packages import day_start
from ruta.opendata.tests.world import (
    CONTRACTOR_PERSON,
    INVOICE_UUID,
    MEMBER_NAME,
    OCID,
    PAYEE_PERSON,
    PERSON_NAME,
    PERSON_RFC,
    published_works,
)
from ruta.works.models import WorkOrigin
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db
URI = "https://datos.example.org/es-mx/datos/oc4ids.json"


def _package(**options) -> dict:
    return json.loads("".join(oc4ids_package(uri=URI, **options)))


def _project(package: dict, public_id: str) -> dict:
    (found,) = [p for p in package["projects"] if p["id"].endswith(public_id)]
    return found


@pytest.fixture
def project(exported) -> dict:
    return _project(_package(), exported.work.public_id)


def test_only_published_works_are_projects(exported, settings):
    settings.RUTA_OC4IDS_PREFIX = "oc4ids-abc123"
    package = _package()
    assert [p["id"] for p in package["projects"]] == ["oc4ids-abc123-SON-2024-00042"]
    assert package["version"] == "0.9"
    assert package["uri"] == URI


def test_funding_sources_are_the_budget_breakdown_with_funder_parties(project):
    assert project["budget"]["amount"] == {"amount": 3500000.5, "currency": "MXN"}
    (group,) = project["budget"]["budgetBreakdowns"]
    rows = group["budgetBreakdown"]
    assert [(r["description"], r["amount"]["amount"]) for r in rows] == [
        ("Estatal", 1750000.25),
        ("Municipio", 700000),
        ("Federal FAIS", 1050000.25),
    ]
    assert rows[2]["sourceParty"] == {
        "id": "fuente-federal-fais",
        "name": "Federal FAIS",
    }
    assert rows[0]["period"]["startDate"] == "2024-01-01T00:00:00-06:00"
    funders = {p["id"] for p in project["parties"] if "funder" in p["roles"]}
    assert funders == {"fuente-state", "fuente-municipality", "fuente-federal-fais"}


def test_program_and_subprogram_are_classifications(project, exported):
    program, subprogram = project["additionalClassifications"]
    assert program == {
        "scheme": "RUTA-PROGRAMA",
        "id": f"programa/{exported.work.program.code}",
        "description": exported.work.program.name,
    }
    assert subprogram == {
        "scheme": "RUTA-SUBPROGRAMA",
        "id": "subprograma/pavimentacion",
        "description": "Pavimentación",
    }


def test_municipality_is_a_location_with_its_inegi_code_and_point(project):
    place, region = project["locations"]
    assert place["gazetteer"] == {"scheme": "INEGI", "identifiers": ["26030"]}
    assert place["geometry"] == {
        "type": "Point",
        "coordinates": [-110.955919, 29.072967],
    }
    assert place["address"] == {
        "locality": "Hermosillo",
        "region": "Sonora",
        "countryName": "México",
    }
    assert region["description"].startswith("Región 7 Capital")


def test_beneficiaries_are_the_benefit(project):
    (benefit,) = project["benefits"]
    assert benefit["beneficiaries"][0]["numberOfPeople"] == 2350


def test_progress_reports_are_metric_observations(project):
    physical, financial = project["metrics"]
    assert physical["id"] == "physicalProgress"
    assert [o["measure"] for o in physical["observations"]] == [35.5, 70]
    assert physical["observations"][0]["period"]["startDate"] == (
        "2024-05-01T00:00:00-06:00"
    )
    assert [o["value"]["amount"] for o in financial["observations"]] == [
        1225000.18,
        2450000.35,
    ]
    assert [o["measure"] for o in financial["observations"]] == [35, 70]


def test_contracts_are_contracting_processes(project, settings):
    settings.RUTA_OCDS_PREFIX = "ocds-abc123"
    processes = {p["id"]: p["summary"] for p in project["contractingProcesses"]}
    captured = processes["ocds-ruta00-SON-2024-00042-SIDUR-LP-2024-001"]
    assert captured["tender"]["procurementMethod"] == "open"
    assert captured["contractValue"] == {"amount": 2900000, "currency": "MXN"}
    assert captured["suppliers"] == [
        {
            "id": "MX-RFC-CDD150312AB1",
            "name": "Constructora del Desierto, S.A. de C.V.",
        }
    ]
    read = processes[OCID]
    assert read["contractValue"] == {"amount": 280000, "currency": "MXN"}
    assert read["suppliers"] == [
        {
            "id": "proveedor-supervisores-asociados-sc",
            "name": "Supervisores Asociados, S.C.",
        }
    ]


def test_payments_are_transactions_without_a_persons_name(project):
    (read,) = [p for p in project["contractingProcesses"] if p["id"] == OCID]
    transactions = read["summary"]["transactions"]
    assert [(t["id"], t["value"]["amount"]) for t in transactions] == [
        ("C-1-T-1", 84000),
        ("C-1-T-2", 1500),
    ]
    assert transactions[0]["payee"] == {"name": "Supervisores Asociados, S.C."}
    assert "payee" not in transactions[1]


def test_documents_are_linked_with_their_type(project):
    contract, photo = project["documents"]
    assert contract["documentType"] == "contractSigned"
    assert contract["url"].endswith("/SIDUR-LP-2024-001.pdf")
    assert photo["documentType"] == "illustration"
    site = settings.RUTA_SITE_URL.rstrip("/")
    assert photo["url"] == f"{site}{settings.MEDIA_URL}works/documents/2024/avance.jpg"
    assert photo["datePublished"] == "2024-05-02T00:00:00-06:00"


def test_committee_is_the_extension_with_public_facts_only(project):
    committee = project["citizenCommittee"]
    assert committee == {
        "formationDate": "2024-02-15T00:00:00-06:00",
        "memberCount": 3,
    }
    validator = Draft4Validator(committee_schema(), format_checker=FormatChecker())
    assert list(validator.iter_errors(committee)) == []


def test_no_personal_data_is_exported(exported):
    text = "".join(oc4ids_package(uri=URI))
    for value in (PERSON_RFC, PERSON_NAME, PAYEE_PERSON, MEMBER_NAME):
        assert value not in text
    assert "reservado@example.org" not in text
    parties = json.loads(text)["projects"][0]["parties"]
    assert [p for p in parties if p["id"] == "persona-1"] == []
    (person,) = [p for p in parties if p.get("name") == CONTRACTOR_PERSON]
    assert "identifier" not in person


def test_queries_do_not_grow_with_the_number_of_works(exported):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            "".join(oc4ids_package(uri=URI))
        return len(queries)

    few = count()
    published_works(5)
    assert count() == few


def test_chunks_add_queries_per_chunk_not_per_work(exported):
    published_works(4)
    with CaptureQueriesContext(connection) as one_chunk:
        whole = "".join(oc4ids_package(uri=URI))
    with CaptureQueriesContext(connection) as chunks:
        chunked = "".join(oc4ids_package(uri=URI, chunk_size=2))
    assert len(json.loads(chunked)["projects"]) == 5
    assert json.loads(chunked)["projects"] == json.loads(whole)["projects"]
    assert len(chunks) < 3 * len(one_chunk)


def test_a_work_of_a_whole_state_is_located_by_the_states_code(exported):
    WorkFactory(
        public_id="OPA-2024-001",
        municipality=None,
        locality="",
        state=exported.work.municipality.state,
        origin=WorkOrigin.FEDERAL_OPA,
        published=True,
    )
    (place,) = _project(_package(), "OPA-2024-001")["locations"]
    assert place == {
        "id": "entidad",
        "description": "Sonora",
        "gazetteer": {"scheme": "INEGI", "identifiers": ["26"]},
        "address": {"region": "Sonora", "countryName": "México"},
    }


def test_captured_payments_are_transactions_named_by_their_invoice(project):
    (captured,) = [p for p in project["contractingProcesses"] if "SIDUR-LP" in p["id"]]
    (transaction,) = captured["summary"]["transactions"]
    assert transaction["id"] == INVOICE_UUID
    assert transaction["value"] == {"amount": 1225000.18, "currency": "MXN"}
    assert transaction["date"] == "2024-04-15T00:00:00-06:00"
    assert transaction["payer"]["id"].startswith("dependencia-")
    assert transaction["payee"] == captured["summary"]["suppliers"][0]
    payers = {p["id"] for p in project["parties"] if "payer" in p["roles"]}
    assert payers == {transaction["payer"]["id"]}


def test_a_persons_payment_names_the_payee_without_the_rfc(project):
    (captured,) = [p for p in project["contractingProcesses"] if "SIDUR-AD" in p["id"]]
    (transaction,) = captured["summary"]["transactions"]
    assert transaction["id"].startswith("pago-")
    assert PERSON_RFC not in json.dumps(transaction)


def test_dates_start_at_midnight_of_the_instances_own_clock(settings):
    settings.TIME_ZONE = "America/Hermosillo"  # Sonora: UTC−7 all year
    assert day_start(date(2024, 6, 1)) == "2024-06-01T00:00:00-07:00"
    settings.TIME_ZONE = "America/Mexico_City"
    assert day_start(date(2024, 6, 1)) == "2024-06-01T00:00:00-06:00"
