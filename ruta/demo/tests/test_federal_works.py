"""The demo loads the federal OPA works lists beside the CECOP demo works."""

from __future__ import annotations

import pytest

from ruta.demo.published import (
    DATA,
    FEDERAL_WORKS_FILES,
    OCDS_SAMPLES,
    federal_works_import,
    ocds_samples_import,
)
from ruta.works.models import ContractingProcess, Work, WorkOrigin
from testkit.ocds import ocds_file, release, release_package
from testkit.worklists import opa_2019_row, worklist_file


def test_the_demo_ships_every_public_file_it_loads():
    assert all((DATA / relative).is_file() for relative in FEDERAL_WORKS_FILES)
    assert len(list((DATA / OCDS_SAMPLES).rglob("*.json"))) == 60


def test_load_demo_imports_the_federal_works_lists_once(catalog, tmp_path):
    # Files the test writes under the real files' names, a row each.
    folder = tmp_path / "obra_publica"
    folder.mkdir()
    for number, relative in enumerate(FEDERAL_WORKS_FILES, 1):
        worklist_file(folder, relative.split("/")[1], [opa_2019_row(number)])
    lines = federal_works_import(tmp_path)
    # One note each: the row's point places its work in Hermosillo.
    assert all(line.endswith("imported, 1 findings.") for line in lines)
    assert set(Work.objects.values_list("origin", flat=True)) == {
        WorkOrigin.FEDERAL_OPA
    }
    assert all("already-imported" in line for line in federal_works_import(tmp_path))


@pytest.mark.django_db
def test_load_demo_imports_the_ocds_samples_once(tmp_path):
    folder = tmp_path / OCDS_SAMPLES
    folder.mkdir()
    ocds_file(folder, "a.json", release_package(release()))
    [line] = ocds_samples_import(tmp_path)
    assert line == "OCDS samples (ocds_mexico/): 1 imported, 0 findings."
    assert ContractingProcess.objects.get().ocid == "ocds-tst001-0001"
    assert "1 already-imported" in ocds_samples_import(tmp_path)[0]
