"""The restore drill: works deleted by mistake, got back as they were a minute before.

The module makes a cluster of its own (``testkit.backups``), points the
application at it, loads the catalog, imports a works list and captures
five proposals, and backs both the database and the kept files up with
``ruta backup``. Then, as a day goes: a second works list is imported (a
file kept in the imports storage), the files' backup runs as its cron
would, the time is noted, the proposals and the upload are deleted by
mistake, and ``ruta backup restore --to`` that time writes a new cluster
and new folders. The new cluster's works, their audit events and the
files' index must be the noted time's; a restore ``--to latest`` has the
deletion too. Once with pgBackRest on Debian's PostgreSQL (the machine's
server), and once with ``pg_basebackup`` and a WAL folder on the embedded
server's own PostgreSQL (the wheel's). The pgBackRest drill is skipped
without pgBackRest or Debian's binaries; CI sets ``RUTA_REQUIRE_BACKUP=1``,
which makes that a failure. The times the drill took are printed
(docs/deploy.md keeps them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import override_settings

from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.common.db import backups as dbbackups
from ruta.common.files import backups as filebackups
from ruta.ingest import jobs
from ruta.ingest.importfiles import import_file_keep, import_storage
from ruta.ingest.models import ImportJob, JobStatus
from ruta.works.models import Work, WorkStatus
from testkit.backups import Drill, backup_tools_required, drill_cluster
from testkit.database import schema_restore
from testkit.factories.works import WorkFactory
from testkit.replica import Server
from testkit.worklists import opa_2019_row, worklist_file

pytestmark = pytest.mark.slow

# What the drill compares: the works and their audit events, row for row.
TABLES = ("works_work", "works_workevent")


@dataclass(frozen=True)
class Restored:
    """The noted time's state, and the new cluster and folders restored to it."""

    expected_rows: dict[str, bytes]
    expected_files: dict[str, dict[str, tuple[str, int]]]
    server: Server
    files: Path
    seconds: dict[str, float]
    drill: Drill


def _rows(server: Server) -> dict[str, bytes]:
    """Return each compared table's rows, as COPY writes them, in key order."""
    rows = {}
    with server.connect() as connection:
        for table in TABLES:
            copied = bytearray()
            with connection.cursor().copy(
                f"COPY (SELECT * FROM {table} ORDER BY 1) TO STDOUT"  # noqa: S608
            ) as copy:
                for data in copy:
                    copied += data
            rows[table] = bytes(copied)
    return rows


def _files(folders: dict[str, Path]) -> dict[str, dict[str, tuple[str, int]]]:
    """Return the kept files' index: each storage's names, hashes and sizes."""
    return {
        alias: {
            name: (sha256, size)
            for name, (sha256, size, _mtime) in filebackups.folder_index(folder).items()
        }
        for alias, folder in folders.items()
    }


def _works_import(tmp: Path, name: str, numbers: range) -> None:
    """Import a works list uploaded to the imports storage, as the worker does."""
    path = worklist_file(tmp, name, [opa_2019_row(n) for n in numbers])
    job = ImportJob.objects.create(kind="works", path=import_file_keep(path))
    assert jobs.import_job_run(job_id=job.pk).status == JobStatus.SUCCEEDED


def _now(server: Server) -> datetime:
    moment = server.one("SELECT clock_timestamp()")
    assert isinstance(moment, datetime)
    return moment


def _settings(drill: Drill) -> dict[str, object]:
    """Return the drill's settings: its folders for files, its backups."""
    folders = _folders(drill)
    kept = {
        alias: {
            "BACKEND": "ruta.common.files.privatefiles.PrivateFileSystemStorage"
            if alias != "default"
            else "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder},
        }
        for alias, folder in folders.items()
    }
    backups = drill.backups
    return {
        "STORAGES": {**kept, "staticfiles": settings.STORAGES["staticfiles"]},
        "RUTA_BACKUP_DIR": backups.directory,
        "RUTA_BACKUP_METHOD": backups.method,
        "RUTA_BACKUP_STANZA": backups.stanza,
        "RUTA_PGBACKREST_CONFIG": str(backups.config or ""),
        "RUTA_BACKUP_DATABASE_URL": backups.url,
        "RUTA_BACKUP_BINARIES": str(backups.binaries or ""),
        "RUTA_BACKUP_OS_USER": backups.run_as or "",
    }


def _folders(drill: Drill) -> dict[str, Path]:
    return {alias: drill.files / alias for alias in filebackups.FILE_STORAGES}


@contextmanager
def _pointed_at(server: Server) -> Iterator[None]:
    """Point the application's connections at ``server`` for the block."""
    default = connections[DEFAULT_DB_ALIAS]
    kept = dict(default.settings_dict)
    for connection in connections.all():
        connection.close()
    default.settings_dict.update(server.settings(kept))
    try:
        yield
    finally:
        for connection in connections.all():
            connection.close()
        default.settings_dict.clear()
        default.settings_dict.update(kept)


def _timed(seconds: dict[str, float], name: str, *command: str) -> None:
    started = time.monotonic()
    call_command("backup", *command, stdout=StringIO())
    seconds[name] = round(time.monotonic() - started, 2)


def _day_of_work(drill: Drill, tmp: Path) -> Restored:
    """Back up, import, note the time, delete by mistake, restore to the time."""
    seconds: dict[str, float] = {}
    if not schema_restore(drill.server.url()):
        call_command("migrate", interactive=False, verbosity=0)
    catalog_load(read_catalog())
    _works_import(tmp, "primera.csv", range(1, 21))
    with transaction.atomic():  # a work and its funding commit together
        WorkFactory.create_batch(5)  # proposals captured on the desk
    _timed(seconds, "database backup", "database")
    finished = dbbackups.database_backups(drill.backups)[-1].finished
    while _now(drill.server) < finished:  # a restore reaches after a copy's end
        time.sleep(0.05)
    _timed(seconds, "files backup", "files")
    _works_import(tmp, "segunda.csv", range(21, 31))
    _timed(seconds, "files backup", "files")
    noted = _now(drill.server)
    expected_rows = _rows(drill.server)
    expected_files = _files(_folders(drill))
    assert b"\n" in expected_rows["works_work"]
    # The mistake: the proposals deleted, and the second upload with them.
    with transaction.atomic():
        assert Work.objects.filter(status=WorkStatus.PROPOSED).delete()[0]
    second = ImportJob.objects.order_by("pk").last()
    assert second is not None
    import_storage().delete(second.path)
    call_command("backup", "files", stdout=StringIO())
    dbbackups.archived_through_now(drill.server.url())
    restored_files = drill.folder / "restored-files"
    _timed(
        seconds, "restore", "restore", "--to", noted.isoformat(),
        "--database-into", str(drill.restored.data),
        "--files-into", str(restored_files),
    )  # fmt: skip
    started = time.monotonic()
    drill.start(drill.restored)
    seconds["replay to the time"] = round(time.monotonic() - started, 2)
    return Restored(
        expected_rows, expected_files, drill.restored, restored_files, seconds, drill
    )


@pytest.fixture(scope="module", params=[dbbackups.PGBACKREST, dbbackups.BASEBACKUP])
def restored(request, django_db_blocker, tmp_path_factory) -> Iterator[Restored]:
    binaries = backup_tools_required(request.param)
    tmp = tmp_path_factory.mktemp("drill")
    with drill_cluster(binaries, request.param) as drill:
        with (
            django_db_blocker.unblock(),
            override_settings(**_settings(drill)),
            _pointed_at(drill.server),
        ):
            done = _day_of_work(drill, tmp)
        print(f"\n{request.param} drill, seconds: {done.seconds}")  # noqa: T201
        yield done


def test_the_restored_works_are_those_of_the_noted_time(restored):
    assert _rows(restored.server)["works_work"] == restored.expected_rows["works_work"]


def test_the_restored_audit_events_are_those_of_the_noted_time(restored):
    rows = _rows(restored.server)["works_workevent"]
    assert rows == restored.expected_rows["works_workevent"]


def test_the_restored_files_are_those_indexed_at_the_noted_time(restored):
    folders = {alias: restored.files / alias for alias in filebackups.FILE_STORAGES}
    assert _files(folders) == restored.expected_files
    assert len(restored.expected_files["imports"]) == 2


def test_the_restored_cluster_takes_writes(restored):
    with restored.server.connect() as connection:
        connection.execute("CREATE TABLE drill_written (id int)")
        connection.execute("DROP TABLE drill_written")


def test_a_restore_to_the_latest_replays_every_archived_write(restored):
    drill = restored.drill
    with override_settings(**_settings(drill)):
        call_command(
            "backup", "restore", "--to", "latest",
            "--database-into", str(drill.latest.data), stdout=StringIO(),
        )  # fmt: skip
    drill.start(drill.latest)
    counted = (
        "SELECT count(*) FILTER (WHERE status = 'proposed'), count(*) FROM works_work"
    )
    with drill.latest.connect() as connection:
        assert connection.execute(counted).fetchone() == (0, 30)
