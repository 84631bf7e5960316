"""``ruta report annual``: the report as text, and the workbook on request."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from testkit.cecop import CECOP_DEMONSTRATION


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_command_prints_the_tables_and_their_comparison(report_demo):
    output = run("annual", "--agency", "CECOP", "--year", "2024")
    assert f"Compared with {CECOP_DEMONSTRATION.file_name}" in output
    assert "Cells: 98 equal, 0 different, 0 not published" in output
    assert "Cells: 20 equal, 0 different, 8 not published" in output  # indicators
    assert "2 [published 4]" in output  # the semáforo summary
    assert "Findings of the document: 11" in output


def test_command_writes_the_workbook(report_demo, tmp_path):
    path = tmp_path / "informe.xlsx"
    output = run(
        "annual", "--agency", "sonora-cecop", "--year", "2024", "--xlsx", str(path)
    )
    assert f"Workbook written to {path}" in output
    assert "Hallazgos" in load_workbook(path).sheetnames


def test_unknown_agency_is_a_command_error(db):
    with pytest.raises(CommandError, match="no agency has code or acronym 'NADA'"):
        run("annual", "--agency", "NADA", "--year", "2024")
