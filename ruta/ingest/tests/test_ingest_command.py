"""The ``ruta ingest`` command: thin, printing what the loader did.

The CECOP report it imports is the 2024 report's demonstration
(``testkit.cecop``), which prints the original's tables and findings.
"""

import io
import json
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command
from django.db import ProgrammingError

from ruta.ingest.importers import IMPORTERS
from ruta.ingest.management.commands import ingest
from ruta.sources.models import PublishedRow, SourceDocument
from testkit.cecop import demonstration_document, edited_demonstration


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_dry_run_json_lists_tables_indicators_and_findings(catalog, demonstration_file):
    data = json.loads(
        run("cecop-report", str(demonstration_file), "--dry-run", "--json")
    )
    assert [table["id"] for table in data["tables"]] == [
        "tsam_by_subprogram",
        "gse_by_subprogram",
        "tsam_by_region",
        "gse_by_region",
        "drought_aid",
        "aid_by_concept",
    ]
    committees = data["indicators"][2]
    assert {key: committees[key] for key in ("baseline", "goal", "direction")} == {
        "baseline": "90",
        "goal": "87",
        "direction": "ascending",
    }
    assert committees["results"] == {"2022": "375.45", "2023": "101.5", "2024": "87"}
    assert [item["semaphore"] for item in data["indicators"]] == [
        "red",
        "green",
        "red",
        "green",
    ]
    assert len(data["findings"]) == 11
    assert {"message", "where"} <= set(data["findings"][0])
    assert data["import"]["status"] == "dry-run"


def test_dry_run_writes_nothing(catalog, demonstration_file):
    run("cecop-report", str(demonstration_file), "--dry-run", "--json")
    assert (SourceDocument.objects.count(), PublishedRow.objects.count()) == (0, 0)


def test_summary_lists_tables_rows_and_findings(catalog, demonstration_file):
    output = run("cecop-report", str(demonstration_file))
    assert ": imported" in output
    assert "Tables read: 14, rows: 77" in output
    assert "drought_aid           13 rows" in output
    assert "Findings: 11" in output
    aid = demonstration_document().report().indicator_results.rows[3].place
    assert f"where: {aid.describe()}" in output


def test_second_run_says_already_imported(catalog, demonstration_file):
    run("cecop-report", str(demonstration_file))
    output = run("cecop-report", str(demonstration_file))
    assert "already imported: nothing changed" in output
    assert SourceDocument.objects.count() == 1


def test_bad_document_is_a_command_error_naming_the_cell(catalog, write_report):
    path = write_report(edited_demonstration("19,934,628.64", "1,2a3.00"))
    with pytest.raises(CommandError) as caught:
        run("cecop-report", str(path))
    message = str(caught.value)
    assert message.startswith("Nothing was written.")
    assert "table 'tsam_by_subprogram', row 1, field 'total'" in message
    assert "malformed figure '1,2a3.00'" in message


def test_unknown_kind_is_refused(db, demonstration_file):
    with pytest.raises(CommandError, match="invalid choice"):
        run("informe", str(demonstration_file))


def test_a_database_without_the_platform_tables_is_named_not_traced(
    db, demonstration_file, monkeypatch
):
    def unmigrated(**kwargs):
        raise ProgrammingError('relation "ingest_sourcedocument" does not exist')

    cecop = IMPORTERS["cecop-report"]
    monkeypatch.setitem(IMPORTERS, "cecop-report", replace(cecop, loader=unmigrated))
    with pytest.raises(ProgrammingError):  # the tables are there: a real error
        run("cecop-report", str(demonstration_file), "--dry-run")
    monkeypatch.setattr(ingest.connection.introspection, "table_names", list)
    with pytest.raises(CommandError, match="run `ruta migrate`"):
        run("cecop-report", str(demonstration_file), "--dry-run")


def _failed_json(*args: str) -> dict:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_failure_for_a_missing_file_is_an_error_object(db, tmp_path):
    data = _failed_json("poa", str(tmp_path / "no-existe.txt"))
    assert (data["status"], data["written"], data["kind"]) == (
        "error",
        False,
        "document",
    )
    assert "cannot read the file" in data["error"]["reason"]
    assert data["error"]["file"].endswith("no-existe.txt")


def test_json_failure_for_a_file_that_is_not_utf8_names_the_byte(db, tmp_path):
    path = tmp_path / "informe.txt"
    path.write_bytes(b"Informe \xff\xfe anual")
    data = _failed_json("cecop-report", str(path))
    assert data["error"]["file"] == "informe.txt"
    assert "byte 8" in data["error"]["reason"]


def test_json_failure_for_a_refused_document_names_table_row_and_field(
    catalog, write_report
):
    path = write_report(edited_demonstration("19,934,628.64", "1,2a3.00"))
    data = _failed_json("cecop-report", str(path))
    assert (data["error"]["table"], data["error"]["row"], data["error"]["field"]) == (
        "tsam_by_subprogram",
        1,
        "total",
    )
    assert not SourceDocument.objects.exists()
    assert not PublishedRow.objects.exists()
