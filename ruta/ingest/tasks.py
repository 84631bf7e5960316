"""The background tasks of imports, run by ``ruta worker`` (procrastinate)."""

from __future__ import annotations

from procrastinate.contrib.django import app

from ruta.ingest.jobs import JOB_QUEUE, JOB_TASK, import_job_run


@app.task(name=JOB_TASK, queue=JOB_QUEUE)
def import_job_task(*, job_id: int) -> None:
    """Run the import job ``job_id`` (its progress and result go on its row)."""
    import_job_run(job_id=job_id)
