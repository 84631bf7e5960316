"""Importing OCDS files: processes, parties, contracts and payments; idempotent."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.ingest.jobs import import_job_queue, import_job_run
from ruta.ingest.loaders.ocds import ocds_import
from ruta.ingest.models import ImportJob, JobStatus
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentFinding, SourceDocument
from ruta.sources.services import ImportStatus
from ruta.works.models import (
    ContractingContract,
    ContractingParty,
    ContractingPayment,
    ContractingProcess,
    ContractingRelease,
)
from testkit.actors import TEST_ACTOR
from testkit.factories.works import WorkFactory
from testkit.ocds import (
    PERSON_RFC,
    ocds_file,
    record_package,
    release,
    release_package,
)

pytestmark = pytest.mark.django_db


def _import(path, **options):
    return ocds_import(path=path, actor=TEST_ACTOR, **options)


def _snapshot() -> tuple[int, ...]:
    return (
        SourceDocument.objects.count(),
        DocumentFinding.objects.count(),
        ContractingProcess.objects.count(),
        ContractingRelease.objects.count(),
        ContractingParty.objects.count(),
        ContractingContract.objects.count(),
        ContractingPayment.objects.count(),
    )


def test_a_release_package_stores_the_process_contract_and_payment(tmp_path):
    path = ocds_file(tmp_path, "p.json", release_package(release()))
    result = _import(path)
    assert result.status == ImportStatus.IMPORTED
    process = ContractingProcess.objects.get(ocid="ocds-tst001-0001")
    assert process.document.kind == "ocds"
    assert process.amount == Decimal("1500000.00")
    assert process.method == "open"
    contract = process.contracts.get()
    assert contract.supplier == "Constructora del Norte SA de CV"
    payment = contract.payments.get()
    assert (payment.amount, payment.payer) == (Decimal("500000.00"), "Tesorería")
    assert process.work is None


def test_the_same_file_twice_changes_nothing(tmp_path):
    path = ocds_file(tmp_path, "p.json", release_package(release()))
    _import(path)
    before = _snapshot()
    assert _import(path).status == ImportStatus.ALREADY_IMPORTED
    assert _snapshot() == before


def test_a_later_release_updates_the_process_and_keeps_the_earlier(tmp_path):
    _import(ocds_file(tmp_path, "a.json", release_package(release())))
    later = release(
        id="ocds-tst001-0001-02", date="2024-05-01T00:00:00Z", amount=1800000
    )
    _import(ocds_file(tmp_path, "b.json", record_package([later])))
    process = ContractingProcess.objects.get(ocid="ocds-tst001-0001")
    assert process.amount == Decimal("1800000.00")
    assert process.releases.count() == 2
    amounts = process.events.order_by("pgh_id").values_list("amount", flat=True)
    assert list(amounts) == [Decimal("1500000.00"), Decimal("1800000.00")]


def test_a_release_id_published_again_with_other_content_is_kept_and_named(
    tmp_path,
):
    _import(ocds_file(tmp_path, "a.json", release_package(release())))
    again = release(supplier="Otra Constructora SA de CV", supplier_rfc="OCO150312AB1")
    result = _import(ocds_file(tmp_path, "b.json", release_package(again)))
    assert result.status == ImportStatus.IMPORTED
    process = ContractingProcess.objects.get(ocid="ocds-tst001-0001")
    kept = process.releases.order_by("pk").values_list("release_id", "document__name")
    assert list(kept) == [
        ("ocds-tst001-0001-01", "a.json"),
        ("ocds-tst001-0001-01", "b.json"),
    ]
    assert process.contracts.get().supplier == "Otra Constructora SA de CV"
    [finding] = result.document.findings.filter(code="ocds-release-id-reused")
    assert "ya se publicó en a.json releases[0] con otro contenido" in finding.message
    counts = {k: v for k, v in result.payload.items() if k.startswith("releases_")}
    assert counts == {
        "releases_read": 1,
        "releases_refused": 0,
        "releases_stored": 1,
        "releases_identical": 0,
    }


def test_a_release_published_again_unchanged_is_counted_and_not_stored_twice(
    tmp_path,
):
    _import(ocds_file(tmp_path, "a.json", release_package(release())))
    later = release(id="ocds-tst001-0001-02", date="2024-05-01T00:00:00Z")
    result = _import(
        ocds_file(tmp_path, "b.json", release_package(release(), later, release()))
    )
    assert ContractingRelease.objects.count() == 2
    assert not result.document.findings.filter(code="ocds-release-id-reused")
    assert result.payload["releases_read"] == 3
    assert result.payload["releases_stored"] == 1
    assert result.payload["releases_identical"] == 2


def test_a_record_that_only_links_its_releases_is_refused_and_the_tally_balances(
    tmp_path,
):
    link = {"url": "https://example.org/r.json", "date": "2014-11-20T00:00:00Z"}
    package = record_package([release()])
    package["records"].append({"ocid": "ocds-tst001-0009", "releases": [link]})
    result = _import(ocds_file(tmp_path, "r.json", package))
    assert result.tally is not None
    assert result.tally.as_dict() | {"unit": ""} == {
        "unit": "",
        "read": 2,
        "stored": 1,
        "refused": 1,
        "identical": 0,
        "superseded": 0,
        "missing": 0,
        "balanced": True,
    }
    assert not ContractingProcess.objects.filter(ocid="ocds-tst001-0009").exists()
    assert result.document.findings.filter(code="ocds-release-unreadable").count() == 1


def test_a_natural_person_is_kept_only_in_the_personal_fields(tmp_path):
    data = release(supplier="Juana Pérez López", supplier_rfc=PERSON_RFC)
    _import(ocds_file(tmp_path, "p.json", release_package(data)))
    person = ContractingParty.objects.get(is_person=True)
    assert (person.name, person.person_name) == ("", "Juana Pérez López")
    contract = ContractingContract.objects.get()
    assert contract.supplier == ""
    assert contract.supplier_is_person
    payment = ContractingPayment.objects.get()
    assert (payment.payee, payment.payee_person) == ("", "Juana Pérez López")


def test_a_process_links_to_the_work_its_project_id_names(tmp_path):
    work = WorkFactory(public_id="OB-2024-001")
    _import(ocds_file(tmp_path, "p.json", release_package(release())))
    assert ContractingProcess.objects.get().work == work


def test_a_later_file_in_another_version_is_reported_and_names_no_one_twice(
    tmp_path,
):
    older = release()
    for party in older["parties"]:
        del party["id"]
    del older["awards"][0]["suppliers"][0]["id"]
    _import(ocds_file(tmp_path, "a.json", {**release_package(older), "version": "1.0"}))
    later = release(id="ocds-tst001-0001-02", date="2024-05-01T00:00:00Z")
    result = _import(ocds_file(tmp_path, "b.json", release_package(later)))
    assert result.document.findings.filter(code="ocds-versions-mixed").count() == 1
    process = ContractingProcess.objects.get()
    assert process.parties.filter(name="Constructora del Norte SA de CV").count() == 1
    assert list(process.releases.values_list("version", flat=True)) == ["1.0", "1.1"]


def test_a_mapping_file_links_a_process_to_a_work(tmp_path):
    work = WorkFactory(public_id="OB-7")
    mapping = tmp_path / "map.csv"
    mapping.write_text("ocid,work\nocds-tst001-0001,OB-7\n", encoding="utf-8")
    data = release(project="")
    _import(ocds_file(tmp_path, "p.json", release_package(data)), mapping=mapping)
    assert ContractingProcess.objects.get().work == work


def test_a_mapping_naming_an_unknown_work_writes_nothing(tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("ocds-tst001-0001,NO-SUCH\n", encoding="utf-8")
    path = ocds_file(tmp_path, "p.json", release_package(release()))
    before = _snapshot()
    with pytest.raises(DocumentError, match="NO-SUCH"):
        _import(path, mapping=mapping)
    assert _snapshot() == before


def test_schema_findings_are_stored_with_the_document(tmp_path):
    bad = release()
    bad["tender"]["value"]["amount"] = "mucho"
    result = _import(ocds_file(tmp_path, "p.json", release_package(bad)))
    stored = result.document.findings.get(code="ocds-schema")
    assert stored.values["ocid"] == "ocds-tst001-0001"
    assert ContractingProcess.objects.get().amount is None


def test_a_bad_file_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"releases": [ {"ocid": ', encoding="utf-8")
    before = _snapshot()
    with pytest.raises(DocumentError, match="malformed JSON"):
        _import(path)
    assert _snapshot() == before


def test_the_command_dry_run_prints_json_and_writes_nothing(tmp_path):
    data = release(supplier="Juana Pérez López", supplier_rfc=PERSON_RFC)
    path = ocds_file(tmp_path, "p.json", release_package(data))
    out = StringIO()
    call_command("ingest", "ocds", str(path), "--dry-run", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["import"]["status"] == "dry-run"
    [process] = printed["processes"]
    assert process["contracts"][0]["suppliers"] == ["(persona física)"]
    assert "Juana" not in out.getvalue()
    assert PERSON_RFC not in out.getvalue()
    assert _snapshot() == (0,) * 7


def test_a_200_kb_nested_file_gives_a_json_refusal_and_writes_nothing(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert path.stat().st_size == 200_000
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was written.*32 arrays"):
        call_command("ingest", "ocds", str(path), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert (printed["status"], printed["written"], printed["kind"]) == (
        "error",
        False,
        "document",
    )
    error = printed["error"]
    assert (error["file"], error["line"], error["code"]) == (
        "deep.json",
        1,
        "json-too-deep",
    )
    assert error["values"]["path"] == "[0]" * 32
    assert _snapshot() == (0,) * 7


def test_the_command_reads_a_directory_and_names_a_refused_file(tmp_path):
    ocds_file(tmp_path, "a.json", release_package(release()))
    (tmp_path / "b.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(CommandError, match="b.json"):
        call_command("ingest", "ocds", str(tmp_path), stdout=StringIO())
    assert ContractingProcess.objects.count() == 1


def test_the_work_page_and_the_api_show_the_process_without_the_person(
    client, tmp_path
):
    work = WorkFactory(public_id="OB-2024-001", published=True)
    data = release(supplier="Juana Pérez López", supplier_rfc=PERSON_RFC)
    _import(ocds_file(tmp_path, "p.json", release_package(data)))
    page = client.get(work.get_absolute_url()).content.decode()
    assert "ocds-tst001-0001" in page
    assert "Persona física (nombre reservado)" in page
    answer = client.get("/api/v1/contracting/ocds-tst001-0001")
    assert answer.status_code == 200
    body = answer.json()
    assert body["work"] == "OB-2024-001"
    [contract] = body["contracts"]
    assert contract["supplier"] is None
    assert contract["payments"][0]["payee"] is None
    for text in (page, answer.content.decode()):
        assert "Juana" not in text
        assert PERSON_RFC not in text


def test_a_later_file_naming_no_work_keeps_the_link(tmp_path):
    work = WorkFactory(public_id="OB-2024-001")
    _import(ocds_file(tmp_path, "a.json", release_package(release())))
    later = release(id="r-2", date="2024-06-01T00:00:00Z", project="")
    _import(ocds_file(tmp_path, "b.json", release_package(later)))
    assert ContractingProcess.objects.get().work == work


def test_a_binary_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(DocumentError, match="photo.json"):
        _import(path)
    assert _snapshot() == (0,) * 7


def test_the_command_queues_each_file_of_a_directory_as_a_job(
    tmp_path, django_capture_on_commit_callbacks
):
    folder = tmp_path / "ocds"
    folder.mkdir()
    ocds_file(folder, "a.json", release_package(release()))
    ocds_file(folder, "b.json", release_package(release(ocid="ocds-tst001-0002")))
    mapping = tmp_path / "map.csv"
    mapping.write_text("ocid,work\n", encoding="utf-8")
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "ingest", "ocds", str(folder), "--queue", "--map", str(mapping), stdout=out
        )
    jobs = list(ImportJob.objects.order_by("pk"))
    assert [Path(job.path).name for job in jobs] == ["a.json", "b.json"]
    assert {job.options["mapping"] for job in jobs} == {str(mapping.resolve())}
    assert f"import jobs {jobs[0].pk}, {jobs[1].pk}" in out.getvalue()
    assert (
        ProcrastinateJob.objects.filter(task_name="ruta.ingest.import_job").count() == 2
    )
    assert _snapshot() == (0,) * 7


# The job's progress is written on a second connection, which sees only
# committed rows: this test commits, and the database is emptied after it.
@pytest.mark.django_db(transaction=True)
def test_a_queued_ocds_file_imports_when_the_worker_runs_it(tmp_path):
    with transaction.atomic():  # the work and its funding row, as one commit
        work = WorkFactory(public_id="OB-7")
    mapping = tmp_path / "map.csv"
    mapping.write_text("ocid,work\nocds-tst001-0001,OB-7\n", encoding="utf-8")
    path = ocds_file(tmp_path, "p.json", release_package(release(project="")))
    job = import_job_queue(
        kind="ocds", path=path, options={"mapping": mapping}, actor=TEST_ACTOR
    )
    done = import_job_run(job_id=job.pk)
    assert done.status == JobStatus.SUCCEEDED
    assert done.document.kind == "ocds"
    assert ContractingProcess.objects.get().work == work


def test_queueing_an_empty_directory_queues_nothing(tmp_path):
    with pytest.raises(CommandError, match="Nothing was queued.*no .json"):
        call_command("ingest", "ocds", str(tmp_path), "--queue", stdout=StringIO())
    assert not ImportJob.objects.exists()
