"""The data package is valid Frictionless data, checked by the reference tool."""

import io
import json
import zipfile

import frictionless

from ruta.opendata.datasets import tables
from ruta.opendata.models import DatasetVersion


def _unpacked(tmp_path):
    zip_file = DatasetVersion.objects.of("paquete").first().files.get(format="zip")
    with zip_file.file.open("rb") as handle:
        zipfile.ZipFile(io.BytesIO(handle.read())).extractall(tmp_path)
    return tmp_path / "datapackage.json"


def test_the_package_validates_with_frictionless_with_no_errors(published, tmp_path):
    report = frictionless.validate(str(_unpacked(tmp_path)))
    errors = [error.message for task in report.tasks for error in task.errors]
    assert errors == []
    assert report.valid
    assert len(report.tasks) == len(tables())


def test_every_table_is_a_resource_with_rows(published, tmp_path):
    descriptor = json.loads(_unpacked(tmp_path).read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == {dataset.slug for dataset in tables()}
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["obras"] == 2
    assert rows["poa-avances"] == 1
    assert rows["contrataciones"] == 2


def test_the_package_names_its_licence(published, tmp_path, settings):
    descriptor = json.loads(_unpacked(tmp_path).read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == settings.RUTA_DATA_LICENSE
