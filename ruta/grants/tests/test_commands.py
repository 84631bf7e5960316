"""``ruta grants allocate`` and ``ruta grants cfdi``: the platform's functions
on files, for staff and auditors."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from ruta.grants import services
from testkit.cfdi import BILLION_LAUGHS, EXTERNAL_ENTITY, cfdi_xml
from testkit.grants import ADMINISTERING_RFC, PDF, funded_agreement

ALLOCATION = {
    "budget": "250000.00",
    "applications": [
        {
            "folio": 1,
            "organization": "A",
            "requested": "100000.00",
            "eligible": True,
            "score": "90",
            "eligible_at": "2021-03-02T10:00:00",
        },
        {
            "folio": 2,
            "organization": "B",
            "requested": "100000.00",
            "eligible": True,
            "score": "85",
            "eligible_at": "2021-03-02T10:00:00",
        },
        {
            "folio": 3,
            "organization": "C",
            "requested": "100000.00",
            "eligible": True,
            "score": "85",
            "eligible_at": "2021-03-02T10:00:00",
        },
        {
            "folio": 4,
            "organization": "D",
            "requested": "50000.00",
            "eligible": False,
            "score": "0",
            "eligible_at": None,
        },
    ],
    "not_formalized": [1],
}


def run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("grants", *args, stdout=out)
    except CommandError as error:
        return None, out.getvalue(), error
    return json.loads(out.getvalue()), out.getvalue(), None


def test_allocate_replays_section_4_3_with_reassignment(tmp_path):
    path = tmp_path / "fallo.json"
    path.write_text(json.dumps(ALLOCATION))
    result, _out, error = run("allocate", str(path), "--json")
    assert error is None
    rows = {row["folio"]: row for row in result["applications"]}
    assert rows[1]["status"] == "eligible_not_supported"  # not formalised
    assert rows[2] == {**rows[2], "status": "supported", "amount": "100000.00"}
    assert rows[3]["status"] == "supported"  # tie at 85 → folio 2 first; freed money
    assert rows[3]["amount"] == "100000.00"
    assert rows[4]["status"] == "not_eligible"
    assert all(row["reason"] for row in rows.values())
    assert result["shortfall"] == "stop"


def test_allocate_refuses_a_file_naming_the_application_and_the_field(tmp_path):
    bad = {
        **ALLOCATION,
        "applications": [{**ALLOCATION["applications"][0], "requested": "-5"}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result, out, error = run("allocate", str(path), "--json")
    assert error is not None
    payload = json.loads(out)
    assert payload["status"] == "error"
    assert "applications.0.requested" in payload["error"]["message"]


def test_allocate_refuses_a_file_nesting_too_deep_with_a_json_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"applications": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result, out, error = run("allocate", str(path), "--json")
    assert (result, error is not None) == (None, True)
    payload = json.loads(out)
    assert payload["error"]["code"] == "too_deep"
    assert "nests more than 32 arrays or objects deep" in payload["error"]["message"]


def test_cfdi_prints_a_valid_invoice(tmp_path):
    path = tmp_path / "factura.xml"
    path.write_bytes(cfdi_xml())
    result, _out, error = run("cfdi", str(path), "--json")
    assert error is None
    assert result["valid"] is True
    assert result["total"] == "50000.00"
    assert result["issued_at"] == "2021-06-03T10:00:00"
    assert set(result) >= {
        "valid",
        "uuid",
        "emitter_rfc",
        "receiver_rfc",
        "total",
        "issued_at",
        "errors",
    }


def test_cfdi_read_but_invalid_exits_zero_with_its_errors(tmp_path):
    path = tmp_path / "factura.xml"
    path.write_bytes(cfdi_xml(drop="Sello", uuid="xyz"))
    result, _out, error = run("cfdi", str(path), "--json")
    assert error is None
    assert result["valid"] is False
    assert {e["code"] for e in result["errors"]} >= {"missing_attribute", "uuid_format"}


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY, b"no xml"])
def test_cfdi_hostile_or_not_a_cfdi_fails_with_a_json_error(tmp_path, hostile):
    path = tmp_path / "x.xml"
    path.write_bytes(hostile)
    result, out, error = run("cfdi", str(path), "--json")
    assert error is not None
    payload = json.loads(out)
    assert payload["error"]["code"] in {"hostile_xml", "malformed_xml"}


def test_cfdi_against_db_says_the_uuid_is_used(tmp_path, db):
    agreement, _staff, applicant = funded_agreement()
    disbursement = agreement.disbursements.get(number=1)
    xml = cfdi_xml(
        emitter=agreement.application.organization.rfc,
        receiver=ADMINISTERING_RFC,
        fecha="2021-06-02T10:00:00",
    )
    services.cfdi_submit(
        disbursement=disbursement,
        xml=ContentFile(xml, name="f.xml"),
        pdf=ContentFile(PDF, name="f.pdf"),
        actor=applicant,
    )
    path = tmp_path / "again.xml"
    path.write_bytes(xml)
    result, _out, error = run("cfdi", str(path), "--json", "--against-db")
    assert error is None
    assert result["uuid_in_use"] is True
    assert result["valid"] is False
    assert "uuid_reused" in {e["code"] for e in result["errors"]}


def test_a_kept_run_replays_to_the_same_result(tmp_path, db):
    agreement, _staff, _applicant = funded_agreement()
    run = agreement.application.call.allocation_runs.get()
    path = tmp_path / "run.json"
    path.write_text(json.dumps(run.input))
    result, _out, error = run_command_json("allocate", str(path))
    assert error is None
    replayed = {
        row["folio"]: (row["status"], row["amount"]) for row in result["applications"]
    }
    kept = {
        e.application.folio: (e.status, f"{e.amount:.2f}") for e in run.entries.all()
    }
    assert replayed == kept


def run_command_json(*args):
    return run(*args, "--json")


def test_cfdi_says_which_checks_ran_and_a_payment_receipts_amount(tmp_path, settings):
    settings.RUTA_SAT_STATUS_URL = ""
    path = tmp_path / "pago.xml"
    path.write_bytes(cfdi_xml(kind="P", total="12500.00"))
    result, _out, error = run("cfdi", str(path), "--json")
    assert error is None
    assert (result["valid"], result["total"], result["paid"]) == (
        True,
        "0.00",
        "12500.00",
    )
    ran = {check["check"]: check["ran"] for check in result["checks"]}
    assert ran == {
        "readable": True,
        "seal": True,
        "certificate_rfc": True,
        "certificate_number": True,
        "test_authority": True,
        "subtotal": True,
        "total": True,
        "stamp_seal": False,
        "sat_status": False,
    }
    sat = next(check for check in result["checks"] if check["check"] == "sat_status")
    assert "RUTA_SAT_STATUS_URL" in sat["why_not_run"]
