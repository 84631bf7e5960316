"""Every import kind runs as the application's database role.

The application's role owns nothing and may create no temporary table
(``ruta.common.db.roles``); imports stage their rows in temporary tables that
the owner's functions make (``ruta.common.fast.scratch``). Each kind of the
registry imports one of the project's own files here as that role, as the
import page, the command and the worker do in production, on whichever
server the suite runs on (the embedded one or the machine's).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from ruta.common.fast.scratch import scratch_sets
from ruta.demo.documents.demonstration import DEMONSTRATIONS
from ruta.demo.documents.sat69b import sat_sample_bytes
from ruta.demo.published import DATA, OCDS_SAMPLES
from ruta.grants.selectors.zones import DEMONSTRATION_ZONES_FILE
from ruta.ingest import jobs
from ruta.ingest.aids import COLUMNS as AID_COLUMNS
from ruta.ingest.aids import TEMPLATE_EXAMPLE as AID_EXAMPLE
from ruta.ingest.importers import IMPORTERS
from ruta.ingest.loaders.ocds import ocds_paths
from ruta.ingest.models import ImportJob, JobStatus
from ruta.sources.services import ImportStatus
from ruta.works.models import Work
from testkit.actors import TEST_ACTOR
from testkit.statements import example_rows, statement_file
from testkit.worklists import opa_2019_row, worklist_file

pytestmark = [pytest.mark.server, pytest.mark.django_db]


def _demonstration(importer: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        (found,) = [d for d in DEMONSTRATIONS if d.importer == importer]
        path = folder / found.file_name
        path.write_text(found.text(), encoding="utf-8")
        return path

    return write


def _sat_sample(folder: Path) -> Path:
    path = folder / "Listado_Completo_69-B.csv"
    path.write_bytes(sat_sample_bytes())
    return path


# One of the project's own files per import kind.
def _aids_sample(folder: Path) -> Path:
    """The aids template's own example rows, as the staff's file would hold them."""
    path = folder / "ayudas_2025.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=AID_COLUMNS)
        writer.writeheader()
        writer.writerows(AID_EXAMPLE)
    return path


SAMPLES: dict[str, Callable[[Path], Path]] = {
    "action-plan": _demonstration("action-plan"),
    "aids": _aids_sample,
    "budget-statement": lambda folder: statement_file(folder, example_rows()),
    "call-rules": _demonstration("call-rules"),
    "cecop-report": _demonstration("cecop-report"),
    "ocds": lambda folder: ocds_paths(DATA / OCDS_SAMPLES)[0],
    "poa": _demonstration("poa"),
    "sat-69b": _sat_sample,
    "works": lambda folder: worklist_file(
        folder, "opa.csv", [opa_2019_row(n) for n in range(1, 4)]
    ),
    "zap": lambda folder: DEMONSTRATION_ZONES_FILE,
}


def test_every_import_kind_has_a_sample_here():
    assert set(SAMPLES) == set(IMPORTERS)


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_each_import_kind_writes_as_the_application_role(
    kind, catalog, acting_as_app, tmp_path
):
    path = SAMPLES[kind](tmp_path)
    with acting_as_app():
        result = IMPORTERS[kind].load(path=path, actor=TEST_ACTOR)
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            (role,) = cursor.fetchone()
    assert role == "ruta_app_probe"
    assert result.status == ImportStatus.IMPORTED, result.findings
    assert result.document is not None
    # What was read is stored, refused, identical or superseded: counted.
    assert result.tally is not None
    assert result.tally.balanced, result.tally
    assert result.tally.stored > 0


def test_a_works_list_imported_twice_in_one_transaction_as_the_app(
    catalog, acting_as_app, tmp_path
):
    first = worklist_file(tmp_path, "a.csv", [opa_2019_row(1)])
    second = worklist_file(tmp_path, "b.csv", [opa_2019_row(1), opa_2019_row(2)])
    with acting_as_app():
        IMPORTERS["works"].load(path=first, actor=TEST_ACTOR)
        IMPORTERS["works"].load(path=second, actor=TEST_ACTOR)
    assert Work.objects.count() == 2


def test_the_application_role_still_creates_no_temporary_table(acting_as_app):
    with (
        acting_as_app(),
        pytest.raises(DatabaseError, match="temporary"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("CREATE TEMPORARY TABLE works_workevent (id integer)")


def test_the_scratch_functions_create_only_what_they_declare(acting_as_app):
    names = {table.name for scratch in scratch_sets() for table in scratch.tables}
    assert {"works_import_stage", "worklist_import_keys"} <= names
    with acting_as_app(), connection.cursor() as cursor:
        for scratch in scratch_sets():
            scratch.open(cursor)
        cursor.execute(
            "SELECT c.relname FROM pg_class c "
            "WHERE c.relnamespace = pg_my_temp_schema() AND c.relkind = 'r'"
        )
        made = {name for (name,) in cursor.fetchall()}
    assert made == names


@pytest.mark.django_db(transaction=True)
def test_an_import_job_runs_as_the_application_role(catalog, app_role, tmp_path):
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(n) for n in range(1, 4)])
    job = ImportJob.objects.create(kind="works", path=str(path))
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app_role['user']}")
    try:
        done = jobs.import_job_run(job_id=job.pk)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert done.status == JobStatus.SUCCEEDED, done.error
    assert Work.objects.count() == 3
