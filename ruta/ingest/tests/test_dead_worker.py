"""An import whose worker is killed ends failed, unwritten, and runs again when queued.

Real workers: ``ruta worker`` runs in a process of its own against the test
database and is killed with SIGKILL. The test holds the import half-way
with a database lock it owns (no sleeping race): a table lock stops the
import at its first write of works; the job's own advisory lock stops the
worker before the import starts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection, connections
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.accounts.models import Role
from ruta.common.db.urls import database_url
from ruta.common.ops.queue import queue_check
from ruta.ingest import jobs
from ruta.ingest.models import ImportJob, JobStatus
from ruta.sources.models import SourceDocument
from ruta.works.models import Work
from testkit.actors import TEST_ACTOR
from testkit.worklists import opa_2019_row, worklist_file

ROOT = Path(__file__).resolve().parents[3]
ROWS = 1200

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.server]


def _worker(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("RUTA_DATABASE_OWNER_URL", "RUTA_TEST_DATABASE")
    }
    env.update(
        DATABASE_URL=database_url(connection.settings_dict),
        DJANGO_SETTINGS_MODULE="config.settings.test",
        # A worker whose database is gone stops after this wait, not 30 s.
        RUTA_WORKER_DATABASE_WAIT="3",
    )
    log = (tmp_path / f"worker-{time.monotonic_ns()}.log").open("w")
    return subprocess.Popen(  # noqa: S603 - the platform's own command
        [sys.executable, "-m", "ruta", "worker", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _until(condition: Callable[[], bool], what: str, seconds: float = 90) -> None:
    """Wait for ``condition`` (a state of the database), failing after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _one(sql: str, params: list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def _waiting_on(kind: str) -> bool:
    """Return whether a backend of the test database waits on a lock of ``kind``."""
    return bool(
        _one(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND wait_event = %s",
            [kind],
        )
    )


def _job_lock_held(job: ImportJob) -> bool:
    return bool(
        _one(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
            "AND database = (SELECT oid FROM pg_database "
            "WHERE datname = current_database()) "
            "AND classid = %s AND objid = %s",
            [jobs.RUNNING_LOCK_SPACE, job.pk],
        )
    )


def _queue_job(job: ImportJob) -> ProcrastinateJob:
    return ProcrastinateJob.objects.get(args={"job_id": job.pk})


def _queue_status(job: ImportJob) -> str:
    return _queue_job(job).status


def _status(job: ImportJob) -> str:
    job.refresh_from_db()
    return job.status


def _kill(worker: subprocess.Popen) -> None:
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)


@pytest.fixture
def holder() -> Iterator:
    """A connection of the test's own, to hold locks the worker will wait on."""
    held = connections["default"].copy()
    yield held
    held.close()


@pytest.fixture
def queued(catalog, tmp_path) -> ImportJob:
    rows = [opa_2019_row(n) for n in range(1, ROWS + 1)]
    path = worklist_file(tmp_path, "opa.csv", rows)
    return jobs.import_job_queue(kind="works", path=path, options={}, actor=TEST_ACTOR)


def test_a_worker_killed_mid_import_leaves_the_job_failed_and_it_runs_again(
    queued, holder, tmp_path, client, make_user
):
    holder.set_autocommit(False)
    with holder.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {Work._meta.db_table} IN EXCLUSIVE MODE")
    worker = _worker(tmp_path)
    try:
        _until(lambda: _status(queued) == JobStatus.RUNNING, "the import to start")
        _until(lambda: _waiting_on("relation"), "the import to wait for the works")
    finally:
        _kill(worker)
    holder.rollback()  # the killed worker's transaction may end now
    _until(lambda: not _job_lock_held(queued), "the dead worker's lock to go")
    assert _status(queued) == JobStatus.RUNNING  # nobody has looked yet

    outcome = queue_check()

    assert outcome.swept["imports"] == 1
    assert _status(queued) == JobStatus.FAILED
    assert queued.error == jobs.INTERRUPTED
    assert "worker ended" in queued.error
    assert _queue_status(queued) == "failed"  # not retried by itself
    client.force_login(make_user(Role.ADMINISTRATOR))
    answer = client.post(f"/es-mx/importaciones/{queued.pk}/de-nuevo/")
    assert answer.status_code == 302
    again = ImportJob.objects.exclude(pk=queued.pk).get()
    rerun = _worker(tmp_path, "--one-shot")
    assert rerun.wait(timeout=300) == 0
    assert _status(again) == JobStatus.SUCCEEDED
    assert Work.objects.count() == ROWS
    assert SourceDocument.objects.count() == 1


def test_a_worker_killed_before_the_import_started_is_found_by_its_heartbeat(
    queued, holder, tmp_path
):
    with holder.cursor() as cursor:  # the worker will wait for the job's lock
        cursor.execute(
            "SELECT pg_advisory_lock(%s, %s)", [jobs.RUNNING_LOCK_SPACE, queued.pk]
        )
    worker = _worker(tmp_path)
    try:
        _until(lambda: _waiting_on("advisory"), "the worker to take the job")
    finally:
        _kill(worker)
    holder.close()
    _until(lambda: not _job_lock_held(queued), "the dead worker's lock to go")
    assert _status(queued) == JobStatus.QUEUED
    assert _queue_status(queued) == "doing"
    assert queue_check().failed == []  # its heartbeat is still fresh
    with connection.cursor() as cursor:  # half a minute later
        cursor.execute(
            "UPDATE procrastinate_workers "
            "SET last_heartbeat = last_heartbeat - interval '1 minute'"
        )

    outcome = queue_check()

    # The dead worker may also have taken its periodic queue check: that
    # job is failed too.
    assert _queue_job(queued).id in outcome.failed
    assert _queue_status(queued) == "failed"
    assert _status(queued) == JobStatus.FAILED
    assert queued.error == jobs.INTERRUPTED


def test_a_lock_on_the_same_number_in_another_database_keeps_no_job_alive(
    catalog, settings
):
    job = ImportJob.objects.create(
        kind="works", path="/x/a.csv", status=JobStatus.RUNNING
    )
    elsewhere = connections["default"].copy()
    elsewhere.settings_dict["NAME"] = "postgres"
    try:
        with elsewhere.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s, %s)", [jobs.RUNNING_LOCK_SPACE, job.pk]
            )
        assert jobs.import_jobs_interrupted_close() == 1
    finally:
        elsewhere.close()
    assert _status(job) == JobStatus.FAILED


def _worker_backends() -> int:
    return _one(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid()"
    )


def test_a_worker_that_loses_its_database_exits_with_a_failure(tmp_path):
    """A supervisor restarts a worker that stopped failed, not one that says it
    finished: the database refusing it must end it non-zero."""
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    worker = _worker(tmp_path)
    try:
        _until(lambda: _worker_backends() > 0, "the worker to connect")
        # From the server's maintenance database: a database cannot shut itself.
        with connection._nodb_cursor() as cursor:  # noqa: SLF001
            cursor.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        code = worker.wait(timeout=120)
    finally:
        with connection._nodb_cursor() as cursor:  # noqa: SLF001
            cursor.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        if worker.poll() is None:
            _kill(worker)
    assert code != 0
