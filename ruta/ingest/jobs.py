"""Imports as background jobs: queue one, run it, report its progress.

``import_job_queue`` records an ``ImportJob`` and defers the procrastinate
task (``ruta.ingest.tasks``) that a worker (``ruta worker``) runs through
``import_job_run``. The import writes in its own transaction; the job's
progress (rows read, findings so far) is written on a second connection in
autocommit, so it is visible while the import runs and survives its
rollback. A job refused or failing ends ``failed`` with the reason and
nothing of the import written.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, SystemActor, person
from ruta.accounts.permissions import Action, can_anywhere
from ruta.common.errors import InputError
from ruta.common.published import data_published_notify
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.ingest.loaders.ocds import ocds_import
from ruta.ingest.loaders.poa import poa_import
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.models import INTERRUPTED, ImportJob, JobStatus
from ruta.sources.services import ImportResult


def _document_job(
    importer: Callable[..., ImportResult],
) -> Callable[..., ImportResult]:
    """Return ``importer`` as a job runs it: a report is read whole, no progress."""

    def run(*, path: Path, actor: Actor, on_progress: Any = None) -> ImportResult:
        return importer(path=path, actor=actor)

    return run


def _ocds_job(
    *,
    path: Path,
    actor: Actor,
    on_progress: Any = None,
    agency: str = "",
    mapping: str = "",
) -> ImportResult:
    """Import one OCDS file as a job: a file is read whole, no progress."""
    return ocds_import(
        path=path,
        actor=actor,
        agency=agency,
        mapping=Path(mapping) if mapping else None,
    )


# kind → loader taking (path, actor, on_progress, **options)
JOB_LOADERS: dict[str, Callable[..., ImportResult]] = {
    "works": works_file_import,
    "cecop": _document_job(cecop_report_import),
    "poa": _document_job(poa_import),
    "ocds": _ocds_job,
}
JOB_OPTIONS = {
    "works": ("agency", "program", "as_of"),
    "cecop": (),
    "poa": (),
    "ocds": ("agency", "mapping"),
}
PREVIEW_SALT = "ruta.ingest.document-preview"
PREVIEW_MAX_AGE = 24 * 60 * 60
# The readers a desk upload is previewed with (nothing written) before it is queued.
DOCUMENT_PREVIEWS: dict[str, Callable[..., ImportResult]] = {
    "cecop": cecop_report_import,
    "poa": poa_import,
}


def import_job_queue(
    *, kind: str, path: Path, options: dict[str, Any], actor: Actor
) -> ImportJob:
    """Record a job importing ``path`` and queue it for the worker."""
    if not can_anywhere(actor, Action.CAPTURE):
        raise PermissionDenied(f"{actor} may not import documents")
    if kind not in JOB_LOADERS:
        raise ValueError(f"no background import for {kind!r}")
    unknown = set(options) - set(JOB_OPTIONS[kind])
    if unknown:
        raise ValueError(f"options not taken by {kind}: {sorted(unknown)}")
    job = ImportJob.objects.create(
        kind=kind,
        path=str(path.resolve()),
        # A path option (an OCDS mapping) is kept absolute: the worker may
        # run from another directory.
        options={
            k: str(v.resolve() if isinstance(v, Path) else v)
            for k, v in options.items()
            if v
        },
        requested_by=person(actor),
        requested_as=str(actor),
    )
    transaction.on_commit(lambda: _defer(job.pk))
    return job


def import_upload_store(upload: UploadedFile) -> Path:
    """Keep an uploaded file where the worker reads it; return its path.

    Each upload gets a folder of its own under ``RUTA_IMPORT_DIR``, so two
    uploads of the same name never overwrite each other and the file keeps
    its name (letters, digits, dots and dashes), which the imported
    document shows.
    """
    folder = Path(settings.RUTA_IMPORT_DIR) / uuid.uuid4().hex[:16]
    folder.mkdir(parents=True)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(upload.name or "archivo").name)
    path = folder / (stem.lstrip(".")[-120:] or "archivo")
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


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
    if not can_anywhere(actor, Action.CAPTURE):
        raise PermissionDenied(f"{actor} may not import documents")
    path = import_upload_store(upload)
    try:
        result = DOCUMENT_PREVIEWS[kind](path=path, actor=actor, dry_run=True)
    except InputError:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise
    token = signing.dumps(
        {"kind": kind, "folder": path.parent.name, "name": path.name},
        salt=PREVIEW_SALT,
    )
    return DocumentPreview(kind=kind, name=path.name, result=result, token=token)


def document_confirm(*, token: str, actor: Actor) -> ImportJob:
    """Queue the import of a previewed document; a token is good once, for a day."""
    try:
        named = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature as forged:
        raise InputError(_("la confirmación no es válida o ya venció")) from forged
    path = Path(settings.RUTA_IMPORT_DIR) / named["folder"] / named["name"]
    if not path.is_file():
        raise InputError(_("el archivo revisado ya no se conserva; súbalo de nuevo"))
    if ImportJob.objects.filter(path=str(path.resolve())).exists():
        raise InputError(_("este documento ya está en cola"))
    return import_job_queue(kind=named["kind"], path=path, options={}, actor=actor)


# The task ``ruta.ingest.tasks`` defines, deferred by its name.
JOB_TASK, JOB_QUEUE = "ruta.ingest.import_job", "imports"


def _defer(job_id: int) -> None:
    from procrastinate.contrib.django import app

    app.configure_task(JOB_TASK, queue=JOB_QUEUE).defer(job_id=job_id)


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

    def close(self) -> None:
        self.connection.close()


def import_jobs_interrupted_close() -> int:
    """Mark failed every running job no worker holds any more; return how many.

    A running job's worker holds its advisory lock (``_ProgressWriter``);
    without it the job's transaction is gone and nothing of it was written.
    """
    running = ImportJob.objects.filter(status=JobStatus.RUNNING)
    held = _jobs_held()
    return running.exclude(pk__in=held).update(
        status=JobStatus.FAILED, finished=timezone.now(), error=INTERRUPTED
    )


def _jobs_held() -> list[int]:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' "
            "AND classid = %s AND objsubid = 2 AND granted",
            [RUNNING_LOCK_SPACE],
        )
        return [row[0] for row in cursor.fetchall()]


def import_job_requeue(*, job: ImportJob, actor: Actor) -> ImportJob:
    """Queue again the file of a job that failed; raise ``InputError`` if gone."""
    if job.status != JobStatus.FAILED:
        raise InputError(f"import job {job.pk} did not fail: nothing to queue again")
    path = Path(job.path)
    if not path.is_file():
        raise InputError(
            f"{job.file_name}: the file is no longer there; upload it again"
        )
    return import_job_queue(kind=job.kind, path=path, options=job.options, actor=actor)


def _actor(job: ImportJob) -> Actor:
    return job.requested_by or SystemActor(f"import job {job.pk}")


def _options(job: ImportJob) -> dict[str, Any]:
    from datetime import date

    options: dict[str, Any] = dict(job.options)
    if "as_of" in options:
        options["as_of"] = date.fromisoformat(options["as_of"])
    return options


def import_job_run(*, job_id: int) -> ImportJob:
    """Run job ``job_id``: the import, then its outcome on the job's row."""
    job = ImportJob.objects.get(pk=job_id)
    writer = _ProgressWriter(job.pk)
    try:
        writer.update(status=JobStatus.RUNNING, started=timezone.now(), error="")
        result = JOB_LOADERS[job.kind](
            path=Path(job.path),
            actor=_actor(job),
            on_progress=writer.progress,
            **_options(job),
        )
    except (InputError, PermissionDenied) as refusal:
        writer.update(
            status=JobStatus.FAILED,
            finished=timezone.now(),
            error=f"Nothing was written. {refusal}",
        )
    except Exception as failure:
        # The import's transaction is rolled back: say so, and let the
        # worker record the failure too.
        writer.update(
            status=JobStatus.FAILED,
            finished=timezone.now(),
            error=f"Nothing was written. The import stopped: {failure!r}",
        )
        raise
    else:
        writer.update(
            status=JobStatus.SUCCEEDED,
            finished=timezone.now(),
            rows_read=result.payload.get("records", result.rows),
            findings=len(result.findings),
            document_id=result.document.pk if result.document else None,
            result=_json(result),
        )
        data_published_notify(what=f"import {job.kind}")
    finally:
        writer.close()
    job.refresh_from_db()
    return job


def _json(result: ImportResult) -> Any:
    import json

    summary = {
        "status": result.status.value,
        "name": result.name,
        "sha256": result.sha256,
        **result.payload.get("written", {}),
    }
    return json.dumps(summary)
