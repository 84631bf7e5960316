"""The demo loads the federal OPA works lists beside the CECOP demo works."""

from __future__ import annotations

import pytest

from ruta.demo.management.commands.load_demo import (
    FEDERAL_WORKS_FILES,
    federal_works_import,
    ocds_samples_import,
)
from ruta.works.models import ContractingProcess, Work, WorkOrigin
from testkit.ocds import ocds_file, release, release_package
from testkit.worklists import opa_2019_row, worklist_file


def test_load_demo_imports_the_federal_works_lists_found(
    catalog, tmp_path, monkeypatch
):
    # A subset the test writes, under the real files' names: the demo takes
    # whatever the data folder holds.
    folder = tmp_path / "obra_publica"
    folder.mkdir()
    worklist_file(folder, FEDERAL_WORKS_FILES[1].split("/")[1], [opa_2019_row(1)])
    monkeypatch.setenv("RUTA_DATA_DIR", str(tmp_path))
    lines = federal_works_import()
    assert "not found" in lines[0]
    assert lines[1].endswith("imported, 0 findings.")
    assert Work.objects.get().origin == WorkOrigin.FEDERAL_OPA
    assert "already-imported" in federal_works_import()[1]


@pytest.mark.django_db
def test_load_demo_imports_the_ocds_samples_found(tmp_path, monkeypatch):
    folder = tmp_path / "ocds_mexico"
    folder.mkdir()
    monkeypatch.setenv("RUTA_DATA_DIR", str(tmp_path / "elsewhere"))
    assert "not found" in ocds_samples_import()[0]
    ocds_file(folder, "a.json", release_package(release()))
    monkeypatch.setenv("RUTA_DATA_DIR", str(tmp_path))
    [line] = ocds_samples_import()
    assert line == "OCDS samples (ocds_mexico/): 1 imported, 0 findings."
    assert ContractingProcess.objects.get().ocid == "ocds-tst001-0001"
    assert "1 already-imported" in ocds_samples_import()[0]
