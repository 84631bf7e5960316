"""One importer registry: the command, jobs and import pages read the same kinds."""

from __future__ import annotations

import importlib
import io
import tomllib
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from ruta.accounts.models import Role
from ruta.ingest.forms import DocumentUploadForm, QueuedUploadForm
from ruta.ingest.importers import IMPORTERS, OPTIONS, importers_previewed
from ruta.ingest.jobs import import_job_queue
from ruta.ingest.management.commands.ingest import Command
from ruta.ingest.models import ImportJob
from ruta.sources.models import DocumentKind
from testkit.actors import TEST_ACTOR

ROOT = Path(__file__).resolve().parents[3]


def _help() -> str:
    return Command().create_parser("ruta", "ingest").format_help()


def test_the_command_takes_exactly_the_registered_kinds():
    parser = Command().create_parser("ruta", "ingest")
    (kind,) = [action for action in parser._actions if action.dest == "kind"]
    assert list(kind.choices) == list(IMPORTERS)


def test_the_commands_help_names_each_kind_with_its_label_and_options():
    text = " ".join(_help().split())
    for importer in IMPORTERS.values():
        assert f"{importer.name} {importer.label}" in text
    assert "[--agency --map]" in text  # ocds


def test_the_import_page_offers_the_previewed_kinds_by_the_same_names():
    offered = DocumentUploadForm().fields["kind"].choices
    assert offered == [(i.name, i.label) for i in importers_previewed()]
    assert {name for name, _label in offered} == {
        "aids",
        "budget-statement",
        "call-rules",
        "cecop-report",
        "poa",
        "zap",
    }


@pytest.mark.django_db
def test_the_jobs_list_shows_each_jobs_kind_by_its_importers_label(
    client, make_user, tmp_path
):
    for importer in IMPORTERS.values():
        ImportJob.objects.create(kind=importer.name, path=f"/x/{importer.name}.txt")
    client.force_login(make_user(Role.ADMINISTRATOR))
    page = client.get("/es-mx/importaciones/").content.decode()
    for importer in IMPORTERS.values():
        assert f"<td>{importer.label}</td>" in page


def test_every_stored_document_kind_has_its_importer():
    stored = [
        kind for importer in IMPORTERS.values() for kind in importer.document_kinds
    ]
    assert sorted(stored) == sorted(DocumentKind.values)


def test_every_reader_is_held_pure_by_the_import_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (pure,) = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["id"] == "pure-readers-and-rules"
    ]
    for importer in IMPORTERS.values():
        assert importer.reader in pure["source_modules"], importer.name
        importlib.import_module(importer.reader)


def test_every_option_a_loader_takes_is_declared_and_known_to_its_loader():
    from inspect import signature

    for importer in IMPORTERS.values():
        parameters = signature(importer.loader).parameters
        assert {"path", "actor", "dry_run"} <= set(parameters), importer.name
        for name in importer.options:
            assert name in OPTIONS
            assert name in parameters, (importer.name, name)


@pytest.mark.django_db
def test_a_jobs_options_come_back_as_the_loader_takes_them(tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("ocid,work\n", encoding="utf-8")
    job = import_job_queue(
        kind="ocds",
        path=tmp_path / "a.json",
        options={"agency": "", "mapping": mapping},
        actor=TEST_ACTOR,
    )
    assert job.options == {"mapping": str(mapping.resolve())}
    assert IMPORTERS["ocds"].parsed_options(job.options) == {"mapping": mapping}
    works = IMPORTERS["works"]
    kept = works.stored_options({"as_of": date(2024, 6, 30), "agency": "x"})
    assert works.parsed_options(kept) == {"as_of": date(2024, 6, 30), "agency": "x"}


@pytest.mark.django_db
def test_an_option_the_kind_does_not_take_is_refused_naming_it(tmp_path):
    path = tmp_path / "forma.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="poa takes no --agency"):
        call_command("ingest", "poa", str(path), "--agency", "cecop")


@pytest.mark.django_db
def test_every_kind_can_be_queued(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "documento.txt"
    path.write_text("x", encoding="utf-8")
    for importer in IMPORTERS.values():
        call_command(
            "ingest", importer.name, str(path), "--queue", stdout=io.StringIO()
        )
    assert sorted(ImportJob.objects.values_list("kind", flat=True)) == sorted(IMPORTERS)


@pytest.mark.django_db
def test_jobs_recorded_under_the_old_cecop_name_take_the_importers_name():
    migration = importlib.import_module(
        "ruta.ingest.migrations.0005_import_job_kinds_are_importer_names"
    )
    old = ImportJob.objects.create(kind="cecop", path="/x/informe.txt")
    # The migration writes on the migrating connection, as migrate gives it.
    migration.forwards(apps, SimpleNamespace(connection=connection))
    old.refresh_from_db()
    assert old.kind == "cecop-report"
    assert old.kind_label == str(IMPORTERS["cecop-report"].label)


def test_the_import_pages_offer_every_kind_the_command_takes_by_its_name():
    queued = QueuedUploadForm().fields["kind"].choices
    previewed = DocumentUploadForm().fields["kind"].choices
    assert sorted([*queued, *previewed]) == sorted(
        (importer.name, importer.label) for importer in IMPORTERS.values()
    )
