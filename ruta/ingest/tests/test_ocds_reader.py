"""The OCDS reader: kinds recognised from content, refusals, findings by place."""

from __future__ import annotations

import json

import pytest

from ruta.common.web.jsoninput import JSON_MAX_DEPTH
from ruta.ingest.ocds import ocds_parse, processes_compile, releases_validate
from ruta.sources.findings import DocumentError
from testkit.ocds import (
    COMPANY_RFC,
    PERSON_RFC,
    record_package,
    release,
    release_package,
)
from testkit.seeds import data_path


def _text(data: object) -> str:
    return json.dumps(data)


def test_a_release_package_compiles_its_process_with_payments():
    parsed = ocds_parse("p.json", _text(release_package(release())))
    assert parsed.kind == "release package"
    assert parsed.entries == 1
    [process], findings = processes_compile("p.json", parsed.releases)
    assert findings == []
    assert process.ocid == "ocds-tst001-0001"
    assert process.buyer == "Secretaría de Obras"
    assert str(process.amount) == "1500000.00"
    [contract] = process.contracts
    assert (contract.start.isoformat(), contract.end.isoformat()) == (
        "2024-02-01",
        "2024-08-31",
    )
    [payment] = contract.payments
    assert (str(payment.amount), payment.payer, payment.payee) == (
        "500000.00",
        "Tesorería",
        "Constructora del Norte SA de CV",
    )
    assert process.project_ids == ("OB-2024-001",)


def test_a_record_package_reads_each_records_releases_in_date_order():
    first = release(id="r1", date="2024-01-10T00:00:00Z", amount=1000)
    later = release(id="r2", date="2024-03-10T00:00:00Z", amount=2000)
    parsed = ocds_parse("r.json", _text(record_package([later, first])))
    assert parsed.kind == "record package"
    [process], _ = processes_compile("r.json", parsed.releases)
    assert str(process.amount) == "2000.00"
    assert process.release_ids == ("r2", "r1")


def test_a_natural_persons_rfc_marks_the_party_as_a_person():
    data = release(supplier_rfc=PERSON_RFC, supplier="Juana Pérez López")
    [process], _ = processes_compile(
        "x", ocds_parse("x", _text(release_package(data))).releases
    )
    person = next(p for p in process.parties if p.identifier == PERSON_RFC)
    assert person.is_person
    company = next(p for p in process.parties if "buyer" in p.roles)
    assert not company.is_person


def test_json_lines_are_read_and_a_bad_line_is_a_finding_with_its_place():
    lines = [_text(release(id="a")), "{not json", _text(release(id="b", ocid="o-2"))]
    parsed = ocds_parse("l.jsonl", "\n".join(lines))
    assert parsed.entries == 3
    assert len(parsed.releases) == 2
    [finding] = parsed.findings
    assert finding.message.startswith("línea 2: la línea no es JSON")


def test_a_release_without_ocid_is_a_finding_the_rest_is_read():
    package = release_package(release(), {"id": "lost"})
    parsed = ocds_parse("p.json", _text(package))
    assert len(parsed.releases) == 1
    [finding] = parsed.findings
    assert finding.code == "ocds-release-unreadable"
    assert "releases[1]" in finding.message


def _linking_record(ocid: str) -> dict[str, object]:
    """A record as DNCP Paraguay prints some: links to its releases, no compiled one."""
    link = {
        "url": "https://example.org/datos/id/planning/0009.json",
        "date": "2014-11-20T14:37:05-05:00",
        "tag": ["planning"],
    }
    return {"ocid": ocid, "releases": [link]}


def test_a_record_that_only_links_its_releases_is_a_finding_not_a_release():
    package = record_package([release()])
    package["records"].append(_linking_record("ocds-tst001-0009"))
    parsed = ocds_parse("r.json", _text(package))
    assert parsed.entries == 2
    assert [r.ocid for r in parsed.releases] == ["ocds-tst001-0001"]
    [finding] = parsed.findings
    assert finding.code == "ocds-release-unreadable"
    assert finding.values["reason"] == "linked"
    assert finding.message.startswith(
        "records[1].releases: el registro solo enlaza sus entregas (1, por su url)"
    )


def test_a_linking_record_with_its_compiled_release_reads_the_compiled_one():
    record = _linking_record("ocds-tst001-0001") | {"compiledRelease": release()}
    parsed = ocds_parse("r.json", _text({"records": [record]}))
    [read] = parsed.releases
    assert (read.place, read.ocid) == ("records[0].compiledRelease", "ocds-tst001-0001")
    assert parsed.findings == ()


def test_schema_problems_are_findings_naming_ocid_release_and_path():
    bad = release()
    bad["tender"]["value"]["amount"] = "mucho"
    parsed = ocds_parse("p.json", _text(release_package(bad)))
    findings = releases_validate("p.json", parsed.releases)
    assert findings
    assert findings[0].values["ocid"] == "ocds-tst001-0001"
    assert findings[0].values["path"] == "$.tender.value.amount"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"releases": [', "malformed JSON at line 1"),
        ('{"name": "a spreadsheet"}', "not OCDS"),
        ('{"uri": "x", "releases": []}', "holds no release"),
        ('"a string"', "not OCDS"),
    ],
)
def test_a_file_that_is_not_ocds_is_refused_naming_it(text, reason):
    with pytest.raises(DocumentError) as refused:
        ocds_parse("bad.json", text)
    assert reason in str(refused.value)
    assert "bad.json" in str(refused.value)


def _deep(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


def test_a_file_nesting_deeper_than_the_limit_is_refused_naming_where():
    with pytest.raises(DocumentError) as refused:
        ocds_parse("deep.json", "[" * 100_000 + "]" * 100_000)
    error = refused.value
    assert error.code == "json-too-deep"
    assert (error.file, error.line) == ("deep.json", 1)
    assert error.values["column"] == JSON_MAX_DEPTH + 1
    assert "more than 32 arrays or objects deep" in str(error)


def test_a_json_lines_line_too_deep_is_a_finding_the_rest_is_read():
    deep = release(id="deep")
    deep["tender"]["extra"] = _deep(JSON_MAX_DEPTH)
    lines = [_text(release(id="a")), _text(deep), _text(release(id="b"))]
    parsed = ocds_parse("l.jsonl", "\n".join(lines))
    assert [r.release_id for r in parsed.releases] == ["a", "b"]
    [finding] = parsed.findings
    assert finding.values["reason"] == "too_deep"
    assert finding.values["line"] == 2
    assert finding.values["path"].startswith("tender.extra[0][0]")


def test_a_release_nested_to_the_limit_is_validated_and_compiled():
    data = release()
    # The package, its releases, the release and its tender hold the rest.
    data["tender"]["extra"] = _deep(JSON_MAX_DEPTH - 4)
    parsed = ocds_parse("p.json", _text(release_package(data)))
    assert parsed.findings == ()
    releases_validate("p.json", parsed.releases)
    [process], _ = processes_compile("p.json", parsed.releases)
    assert process.ocid == "ocds-tst001-0001"


def test_a_1_0_transaction_names_payer_and_payee_by_their_legal_name():
    # Mexico City's releases are OCDS 1.0: their transactions name the
    # provider and receiver organisations in legalName.
    path = data_path("ocds_mexico/cdmx/releases/OCDS-87SD3T-AD-SF-DRM-063-2015-01.json")
    parsed = ocds_parse(path.name, path.read_text(encoding="utf-8"))
    processes, _findings = processes_compile(path.name, parsed.releases)
    payments = [
        payment
        for process in processes
        for contract in process.contracts
        for payment in contract.payments
    ]
    assert payments
    assert {(payment.payer, payment.payee) for payment in payments} == {
        ("SECRETARÍA DE FINANZAS", "COMUNIC@RTE & CONSULTING SA DE CV")
    }


def test_an_ocid_without_a_publisher_prefix_is_a_finding_and_is_kept():
    unprefixed = release()
    unprefixed["ocid"] = "PC-0016"
    parsed = ocds_parse("p.json", _text(release_package(unprefixed, release())))
    processes, findings = processes_compile("p.json", parsed.releases)
    assert {process.ocid for process in processes} == {"PC-0016", "ocds-tst001-0001"}
    assert [(f.code, f.values["ocid"]) for f in findings] == [
        ("ocds-ocid-prefix", "PC-0016")
    ]


def test_a_negative_amount_is_kept_as_published_and_named_in_a_finding():
    data = release(amount=-2500)
    parsed = ocds_parse("p.json", _text(release_package(data)))
    [process], findings = processes_compile("p.json", parsed.releases)
    assert str(process.amount) == "-2500.00"
    assert {(f.code, f.severity, f.values["amount"]) for f in findings} == {
        ("ocds-amount-negative", "warning", "-2500")
    }
    assert "tender.value" in {f.values["path"] for f in findings}


def _as_1_0(data: dict) -> dict:
    """Return ``data`` as OCDS 1.0 wrote it: organisations without ids."""
    data = json.loads(json.dumps(data))
    del data["buyer"]["id"]
    for party in data["parties"]:
        del party["id"]
    for award in data["awards"]:
        for supplier in award["suppliers"]:
            del supplier["id"]
    return data


def test_releases_of_two_versions_are_a_finding_and_name_each_party_once():
    older = {**release_package(_as_1_0(release())), "version": None}
    newer = release_package(
        release(id="ocds-tst001-0001-02", date="2024-05-01T00:00:00Z")
    )
    placed = [
        *ocds_parse("old.json", _text(older)).releases,
        *ocds_parse("new.json", _text(newer)).releases,
    ]
    assert [p.version for p in placed] == ["1.0", "1.1"]
    [process], findings = processes_compile("new.json", placed)
    [mixed] = [f for f in findings if f.code == "ocds-versions-mixed"]
    assert mixed.values == {"ocid": "ocds-tst001-0001", "versions": "1.0, 1.1"}
    names = [party.name for party in process.parties]
    assert names == ["Secretaría de Obras", "Constructora del Norte SA de CV"]
    assert process.parties[1].party_id == COMPANY_RFC
    [award] = process.awards
    assert award.suppliers == ("Constructora del Norte SA de CV",)


def test_bare_releases_of_two_undeclared_versions_are_told_by_their_shape():
    older = _as_1_0(release())
    newer = release(id="ocds-tst001-0001-02", date="2024-05-01T00:00:00Z")
    placed = [
        *ocds_parse("old.json", _text(older)).releases,
        *ocds_parse("new.json", _text(newer)).releases,
    ]
    assert [p.version for p in placed] == ["1.0", "1.1"]
    _processes, findings = processes_compile("new.json", placed)
    [mixed] = [f for f in findings if f.code == "ocds-versions-mixed"]
    assert mixed.values["versions"] == "1.0, 1.1"


def test_a_bare_release_naming_no_organisation_has_no_version():
    bare = {"ocid": "ocds-tst001-0002", "id": "1", "date": "2024-01-01T00:00:00Z"}
    [placed] = ocds_parse("bare.json", _text(bare)).releases
    assert placed.version == ""


def test_releases_of_one_version_are_no_finding():
    package = release_package(
        release(), release(id="ocds-tst001-0001-02", date="2024-05-01T00:00:00Z")
    )
    _, findings = processes_compile(
        "p.json", ocds_parse("p.json", _text(package)).releases
    )
    assert findings == []
