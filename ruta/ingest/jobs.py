"""Imports as background jobs: queue one, run it, report its progress.

``import_job_queue`` records an ``ImportJob`` and defers the procrastinate
task (``ruta.ingest.tasks``) that a worker (``ruta worker``) runs through
``import_job_run``. The import writes in its own transaction; the job's
progress (rows read, findings so far) is written on a second connection in
autocommit, so it is visible while the import runs and survives its
rollback. A job refused or failing ends ``failed`` with the reason and
nothing of the import written.

A job's ``path`` is its file's name in the imports storage
(``ruta.ingest.importfiles``), so the worker that runs it may be on another
machine than the web server that took the upload, or an absolute path of
the machine for a file queued by older versions or by tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, SystemActor, person
from ruta.accounts.permissions import Action, require_anywhere
from ruta.common.db.published import data_published_notify
from ruta.common.errors import InputError
from ruta.common.ops.queue import job_fail
from ruta.common.ops.requestlog import job_defer
from ruta.common.refusals import Refused
from ruta.ingest.importers import importer_for
from ruta.ingest.importfiles import (
    import_file_exists,
    import_file_local,
    import_storage,
    import_upload_store,
    is_machine_path,
)
from ruta.ingest.models import INTERRUPTED, ImportJob, JobStatus
from ruta.sources.services import ImportResult

PREVIEW_SALT = "ruta.ingest.document-preview"
PREVIEW_MAX_AGE = 24 * 60 * 60


def import_job_queue(
    *, kind: str, path: Path | str, options: dict[str, Any], actor: Actor
) -> ImportJob:
    """Record a job importing ``path`` and queue it for the worker.

    ``path`` is a name in the imports storage (``import_upload_store``,
    ``import_file_keep``) or, as a ``Path``, a file of this machine, which
    only a worker on this machine can read.
    """
    require_anywhere(actor, Action.CAPTURE)
    importer = importer_for(kind)
    unknown = set(options) - set(importer.options)
    if unknown:
        raise ValueError(f"options not taken by {kind}: {sorted(unknown)}")
    job = ImportJob.objects.create(
        kind=importer.name,
        path=str(path.resolve()) if isinstance(path, Path) else path,
        # A path option (an OCDS mapping) is kept absolute: the worker may
        # run from another directory.
        options=importer.stored_options(options),
        requested_by=person(actor),
        requested_as=str(actor),
    )
    transaction.on_commit(lambda: _defer(job.pk))
    return job


@dataclass(frozen=True)
class DocumentPreview:
    """What the reader found in an uploaded document, and the token to import it."""

    kind: str
    name: str
    result: ImportResult
    token: str


def document_preview(
    *, kind: str, upload: UploadedFile, actor: Actor
) -> DocumentPreview:
    """Keep ``upload`` and read it as ``kind`` without writing anything.

    A document the reader refuses is removed again and its ``DocumentError``
    raised. The token names the kept file, signed, for ``document_confirm``.
    """
    require_anywhere(actor, Action.CAPTURE)
    importer = importer_for(kind)
    if not importer.preview:
        raise ValueError(f"the desk does not read {kind} uploads")
    stored = import_upload_store(upload, rule=importer.upload_rule)
    try:
        with import_file_local(stored) as path:
            result = importer.load(path=path, actor=actor, dry_run=True)
    except InputError:
        import_storage().delete(stored)
        raise
    folder, name = stored.split("/", 1)
    token = signing.dumps(
        {"kind": kind, "folder": folder, "name": name}, salt=PREVIEW_SALT
    )
    return DocumentPreview(kind=kind, name=name, result=result, token=token)


def document_confirm(*, token: str, actor: Actor) -> ImportJob:
    """Queue the import of a previewed document; a token is good once, for a day."""
    try:
        named = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature as forged:
        raise InputError(_("la confirmación no es válida o ya venció")) from forged
    stored = f"{named['folder']}/{named['name']}"
    if not import_storage().exists(stored):
        raise InputError(_("el archivo revisado ya no se conserva; súbalo de nuevo"))
    if ImportJob.objects.filter(path=stored).exists():
        raise InputError(_("este documento ya está en cola"))
    return import_job_queue(kind=named["kind"], path=stored, options={}, actor=actor)


# The task ``ruta.ingest.tasks`` defines, deferred by its name. Imports
# share a lock: one runs at a time, and a worker's other slot stays free for
# mail and the queue check.
JOB_TASK, JOB_QUEUE, JOB_LOCK = "ruta.ingest.import_job", "imports", "imports"


def _defer(job_id: int) -> None:
    from procrastinate.contrib.django import app

    job_defer(
        app.configure_task(JOB_TASK, queue=JOB_QUEUE, lock=JOB_LOCK), job_id=job_id
    )


# The first key of the advisory locks that say a job is being run (the
# second is the job's id); any number no other lock of the database uses.
RUNNING_LOCK_SPACE = 7_201_910


class _ProgressWriter:
    """Writes a job's progress on a connection of its own, in autocommit.

    The connection also holds an advisory lock on the job for as long as it
    runs: if the worker is killed, PostgreSQL ends the connection and frees
    the lock, and ``import_jobs_interrupted_close`` can tell the job stopped.
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.connection = connections["default"].copy()
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s, %s)", [RUNNING_LOCK_SPACE, job_id]
            )

    def update(self, **values: Any) -> None:
        columns = ", ".join(f"{name} = %s" for name in values)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportJob._meta.db_table} SET {columns} WHERE id = %s",  # noqa: S608
                [*values.values(), self.job_id],
            )

    def progress(self, rows: int, findings: int, fraction: float | None) -> None:
        self.update(rows_read=rows, findings=findings)

    def failed(self, *, error: str, result: str) -> None:
        """Mark the job failed, unless its import already committed."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportJob._meta.db_table} SET status = %s, finished = %s, "  # noqa: S608
                "error = %s, result = %s WHERE id = %s AND status = %s",
                [
                    JobStatus.FAILED,
                    timezone.now(),
                    error,
                    result,
                    self.job_id,
                    JobStatus.RUNNING,
                ],
            )

    def close(self) -> None:
        self.connection.close()


def import_jobs_interrupted_close() -> int:
    """Mark failed every running job no worker holds any more; return how many.

    A running job's worker holds its advisory lock (``_ProgressWriter``)
    from before the job is marked running until after it is marked done;
    a running job whose lock this database can take has lost its worker,
    and with it its transaction: nothing of it was written. Its queue job
    is ended failed too, so it stops holding the imports' lock.
    """
    running = ImportJob.objects.filter(status=JobStatus.RUNNING)
    return sum(_close_if_abandoned(pk) for pk in running.values_list("pk", flat=True))


def import_job_stalled_close(arguments: dict[str, Any]) -> None:
    """Close the import of a queue job whose worker died (``ruta.common.ops.queue``).

    The worker may have died before the import started (the job still
    queued) or during it; either way nothing was written.
    """
    job_id = arguments.get("job_id")
    if isinstance(job_id, int):
        _close_if_abandoned(job_id, statuses=(JobStatus.QUEUED, JobStatus.RUNNING))


def _close_if_abandoned(
    job_id: int, statuses: tuple[str, ...] = (JobStatus.RUNNING,)
) -> bool:
    """Mark job ``job_id`` failed if no worker holds it; return whether it was.

    Taking the job's lock for the length of this transaction is the test
    (an advisory lock belongs to this database alone), and keeps a worker
    from starting the job meanwhile.
    """
    with transaction.atomic():
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                [RUNNING_LOCK_SPACE, job_id],
            )
            (free,) = cursor.fetchone()
        if not free:
            return False
        closed = ImportJob.objects.filter(pk=job_id, status__in=statuses).update(
            status=JobStatus.FAILED, finished=timezone.now(), error=INTERRUPTED
        )
    if closed:
        for queued in _queue_jobs_doing(job_id):
            job_fail(queued)
    return bool(closed)


def _queue_jobs_doing(job_id: int) -> list[int]:
    from procrastinate.contrib.django.models import ProcrastinateJob

    return list(
        ProcrastinateJob.objects.filter(
            task_name=JOB_TASK, status="doing", args__job_id=job_id
        ).values_list("id", flat=True)
    )


def import_job_requeue(*, job: ImportJob, actor: Actor) -> ImportJob:
    """Queue again the file of a job that failed; raise ``InputError`` if gone.

    A job still marked running whose worker is gone is closed first, so the
    file can be queued again at once.
    """
    if job.status == JobStatus.RUNNING and _close_if_abandoned(job.pk):
        job.refresh_from_db()
    if job.status != JobStatus.FAILED:
        raise InputError(f"import job {job.pk} did not fail: nothing to queue again")
    if not import_file_exists(job.path):
        raise InputError(
            f"{job.file_name}: the file is no longer there; upload it again"
        )
    path = Path(job.path) if is_machine_path(job.path) else job.path
    return import_job_queue(kind=job.kind, path=path, options=job.options, actor=actor)


def _actor(job: ImportJob) -> Actor:
    return job.requested_by or SystemActor(f"import job {job.pk}")


def import_job_run(*, job_id: int) -> ImportJob:
    """Run job ``job_id``: the import, then its outcome on the job's row.

    A successful import's outcome is written in the import's own
    transaction, so the job's row says "succeeded" exactly when the rows
    were committed: a worker killed at COMMIT leaves either both or neither.
    A failure is written on the progress connection, and only over a job
    still running.
    """
    job = ImportJob.objects.get(pk=job_id)
    writer = _ProgressWriter(job.pk)
    try:
        writer.update(status=JobStatus.RUNNING, started=timezone.now(), error="")
        importer = importer_for(job.kind)
        with import_file_local(job.path) as path, transaction.atomic():
            result = importer.load(
                path=path,
                actor=_actor(job),
                options=importer.parsed_options(job.options),
                on_progress=writer.progress,
            )
            _succeeded(job.pk, result)
    except (InputError, PermissionDenied) as refusal:
        writer.failed(error=f"Nothing was written. {refusal}", result=_refused(refusal))
    except Exception as failure:
        # The import's transaction is rolled back: say so, and let the
        # worker record the failure too.
        writer.failed(
            error=f"Nothing was written. The import stopped: {failure!r}",
            result=json.dumps({"crashed": True}),
        )
        raise
    else:
        data_published_notify(what=f"import {job.kind}")
    finally:
        writer.close()
    job.refresh_from_db()
    return job


def _succeeded(job_id: int, result: ImportResult) -> None:
    """Write a job's success on the import's connection, in its transaction."""
    ImportJob.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        finished=timezone.now(),
        rows_read=result.records_read,
        findings=len(result.findings),
        document_id=result.document.pk if result.document else None,
        result=_json(result),
        error="",
    )


def _refused(refusal: Exception) -> str:
    """Return what the jobs page needs to say a refusal in its own language."""
    kept: dict[str, Any] = {}
    if isinstance(refusal, InputError):
        kept = {"refusal": refusal.as_dict()}
    elif isinstance(refusal, Refused):
        kept = {"refused": refusal.as_dict()}
    return json.dumps(kept, default=str)


def _json(result: ImportResult) -> dict[str, Any]:
    """Return what the jobs page reads of a success: an object, never its text
    (a JSON string kept in the column would hide every key from the page)."""
    summary: dict[str, Any] = {
        "status": result.status.value,
        "name": result.name,
        "sha256": result.sha256,
        **result.payload.get("written", {}),
    }
    if result.tally is not None:
        summary["tally"] = result.tally.as_dict()
    return summary
