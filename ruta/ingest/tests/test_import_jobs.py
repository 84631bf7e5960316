"""Imports as background jobs: queued, run with progress, all or nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.accounts.models import Role
from ruta.ingest import jobs
from ruta.ingest.models import ImportJob, JobStatus
from ruta.sources.models import SourceDocument, StagedRow
from ruta.works.models import Work
from testkit.actors import TEST_ACTOR
from testkit.worklists import opa_2019_row, worklist_file


@pytest.mark.django_db
def test_queueing_records_the_job_and_hands_it_to_the_queue(
    tmp_path, django_capture_on_commit_callbacks
):
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1)])
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.import_job_queue(
            kind="works", path=path, options={"agency": ""}, actor=TEST_ACTOR
        )
    assert job.status == JobStatus.QUEUED
    queued = ProcrastinateJob.objects.get(task_name="ruta.ingest.import_job")
    assert queued.args == {"job_id": job.pk}
    assert queued.queue_name == "imports"


@pytest.mark.django_db
def test_the_command_queues_a_works_file(tmp_path, django_capture_on_commit_callbacks):
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1)])
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", "works", str(path), "--queue", stdout=out)
    job = ImportJob.objects.get()
    assert f"import job {job.pk}" in out.getvalue()
    assert ProcrastinateJob.objects.filter(args={"job_id": job.pk}).exists()


# The job's progress is written on a second connection, which sees only
# committed rows: these tests commit, and the database is emptied after them.
@pytest.mark.django_db(transaction=True)
def test_a_job_runs_and_keeps_its_progress_and_result(catalog, tmp_path):
    rows = [opa_2019_row(n, EJERCIDO="950000") for n in range(1, 1502)]
    job = ImportJob.objects.create(
        kind="works", path=str(worklist_file(tmp_path, "opa.csv", rows))
    )
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.SUCCEEDED
    assert (done.rows_read, done.findings) == (1501, 1501)
    assert done.document is not None
    assert done.started <= done.finished
    assert Work.objects.count() == 1501


@pytest.mark.django_db(transaction=True)
def test_a_job_stopped_half_way_writes_nothing_and_runs_again(
    catalog, tmp_path, monkeypatch
):
    rows = [opa_2019_row(n) for n in range(1, 1200)]
    job = ImportJob.objects.create(
        kind="works", path=str(worklist_file(tmp_path, "opa.csv", rows))
    )
    seen = []

    def stop(rows: int, findings: int, fraction) -> None:
        seen.append(rows)
        raise KeyboardInterrupt  # as a worker killed after the first 1,000 rows

    real = jobs._ProgressWriter.progress
    monkeypatch.setattr(jobs._ProgressWriter, "progress", lambda self, *a: stop(*a))
    with pytest.raises(KeyboardInterrupt):
        jobs.import_job_run(job_id=job.pk)
    assert seen == [1000]
    assert not SourceDocument.objects.exists()
    assert not Work.objects.exists()
    assert not StagedRow.objects.exists()
    monkeypatch.setattr(jobs._ProgressWriter, "progress", real)
    again = jobs.import_job_run(job_id=job.pk)
    assert again.status == JobStatus.SUCCEEDED
    assert Work.objects.count() == 1199


@pytest.mark.django_db(transaction=True)
def test_a_refused_file_fails_the_job_with_the_reason(catalog, tmp_path):
    path = tmp_path / "otra.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    job = ImportJob.objects.create(kind="works", path=str(path))
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.FAILED
    assert "no recognisable header" in done.error
    assert not SourceDocument.objects.exists()


@pytest.mark.django_db
def test_the_staff_page_lists_jobs_to_capture_staff_only(client, make_user):
    ImportJob.objects.create(
        kind="works", path="/datos/proyectos_opa.csv", rows_read=1234, findings=56
    )
    assert client.get("/es-mx/importaciones/").status_code == 302
    client.force_login(make_user())
    assert client.get("/es-mx/importaciones/").status_code == 403
    client.force_login(make_user(Role.ADMINISTRATOR))
    page = client.get("/es-mx/importaciones/").content.decode()
    assert "proyectos_opa.csv" in page
    assert "1,234" in page
    assert "/datos/proyectos_opa.csv" not in page  # the server's folders stay hidden


@pytest.mark.django_db
def test_the_template_downloads_and_reads_back_as_a_template(
    client, make_user, tmp_path
):
    from ruta.ingest.worklist import worklist_open

    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.get("/es-mx/importaciones/plantilla-obras.csv")
    assert response["Content-Type"].startswith("text/csv")
    path = tmp_path / "plantilla.csv"
    path.write_bytes(response.content)
    assert worklist_open(path).column_set.code == "template"
