"""``ruta export oc4ids|ocds --output FILE`` writes the packages the site serves."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from ruta.opendata.tests.world import OCID

pytestmark = pytest.mark.django_db


def _export(kind: str, output) -> dict:
    call_command("export", kind, "--output", str(output), stdout=io.StringIO())
    return json.loads(output.read_text(encoding="utf-8"))


def test_oc4ids_writes_the_project_package(exported, tmp_path, settings):
    settings.RUTA_SITE_URL = "https://obras.example.org/"
    package = _export("oc4ids", tmp_path / "oc4ids.json")
    assert package["uri"] == "https://obras.example.org/es-mx/datos/oc4ids.json"
    (project,) = package["projects"]
    assert project["title"] == "Pavimentación de la calle Reforma"


def test_ocds_writes_a_release_per_process_and_captured_contract(exported, tmp_path):
    package = _export("ocds", tmp_path / "ocds.json")
    ocids = [release["ocid"] for release in package["releases"]]
    assert ocids == [
        OCID,
        "ocds-ruta00-SON-2024-00042-SIDUR-LP-2024-001",
        "ocds-ruta00-SON-2024-00042-SIDUR-AD-2024-002",
    ]
    assert package["version"] == "1.1"


def test_an_output_in_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("export", "oc4ids", "--output", str(tmp_path / "no" / "x.json"))


def test_a_kind_is_required(db):
    with pytest.raises(CommandError):
        call_command("export")
