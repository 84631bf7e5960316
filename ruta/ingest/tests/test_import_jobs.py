"""Imports as background jobs: queued, run with progress, all or nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.accounts.models import Role
from ruta.demo.documents.poa_samples import sample_forms
from ruta.demo.documents.tmm_f004 import render
from ruta.ingest import jobs
from ruta.ingest.importers import Importer
from ruta.ingest.models import ImportJob, JobStatus
from ruta.sources.models import SourceDocument, StagedRow
from ruta.works.models import Work
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.worklists import opa_2019_row, worklist_file

pytestmark = pytest.mark.server


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
    # Each row: its spending over its budget, and the note placing it in
    # Hermosillo by its point (OPA names only the state).
    assert (done.rows_read, done.findings) == (1501, 3002)
    assert done.result["tally"]["stored"] == 1501
    assert not done.unaccounted
    assert done.counts_text.startswith("1,501 leídos: 1,501 guardados")
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
def test_a_worker_killed_after_the_commit_leaves_the_job_succeeded(
    catalog, tmp_path, monkeypatch
):
    rows = [opa_2019_row(n) for n in range(1, 4)]
    job = ImportJob.objects.create(
        kind="works", path=str(worklist_file(tmp_path, "opa.csv", rows))
    )

    def killed() -> None:
        raise KeyboardInterrupt  # as a worker killed right after COMMIT

    load = Importer.load

    def load_then_die_at_commit(self, **options):
        result = load(self, **options)
        transaction.on_commit(killed)
        return result

    monkeypatch.setattr(Importer, "load", load_then_die_at_commit)
    with pytest.raises(KeyboardInterrupt):
        jobs.import_job_run(job_id=job.pk)
    assert jobs.import_jobs_interrupted_close() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.document is not None
    assert Work.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_refused_file_fails_the_job_with_the_reason(catalog, tmp_path):
    path = tmp_path / "otra.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    job = ImportJob.objects.create(kind="works", path=str(path))
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.FAILED
    assert "no recognisable header" in done.error
    assert not SourceDocument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_import_its_requester_may_not_write_fails_saying_why_in_their_language(
    catalog, make_user, tmp_path
):
    path = tmp_path / "formas.txt"
    path.write_text(render(sample_forms()), encoding="utf-8")
    staff = make_user(Role.CAPTURE, agency=AgencyFactory())  # not the forms' unit
    job = ImportJob.objects.create(kind="poa", path=str(path), requested_by=staff)
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.FAILED
    assert "may not data.capture here" in done.error  # for the logs
    with translation.override("es-mx"):
        assert done.error_text == (
            "No se guardó nada. Su cuenta no tiene permiso para capturar datos en "
            "esta dependencia o municipio."
        )
    with translation.override("en"):
        assert done.error_text == (
            "Nothing was saved. Your account is not allowed to capture data for "
            "this agency or municipality."
        )


def test_a_job_whose_worker_ended_says_so_in_the_page_language():
    job = ImportJob(kind="poa", status=JobStatus.FAILED, error=jobs.INTERRUPTED)
    with translation.override("es-mx"):
        assert job.error_text.startswith("No se guardó nada: la importación se detuvo")
    with translation.override("en"):
        assert job.error_text.startswith("Nothing was saved: the import stopped")


@pytest.mark.django_db(transaction=True)
def test_a_file_nesting_too_deep_fails_the_job_saying_why_in_the_page_language(
    client, make_user, tmp_path
):
    path = tmp_path / "deep.json"
    path.write_text('{"releases": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    job = ImportJob.objects.create(kind="ocds", path=str(path))
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.FAILED
    assert done.error.startswith("Nothing was written. deep.json, line 1:")
    spanish = (
        "No se guardó nada. deep.json: El JSON anida más de 32 arreglos u objetos "
        "(línea 1, columna 45, dentro de releases" + "[0]" * 31 + "); un archivo "
        "tan anidado no se lee."
    )
    with translation.override("es-mx"):
        assert done.error_text == spanish
    with translation.override("en"):
        assert done.error_text.startswith(
            "Nothing was saved. deep.json: The JSON nests more than 32 arrays"
        )
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert spanish in client.get("/es-mx/importaciones/").content.decode()
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
@pytest.mark.django_db
def test_the_jobs_page_says_how_many_works_a_state_instance_leaves_out(
    client, make_user
):
    ImportJob.objects.create(
        kind="works",
        path="/datos/proyectos_opa.csv",
        status=JobStatus.SUCCEEDED,
        result={
            "instance_state": "26",
            "works_in_state": 1200,
            "works_elsewhere": 30510,
            "works_without_state": 412,
        },
    )
    client.force_login(make_user(Role.ADMINISTRATOR))
    page = client.get("/es-mx/importaciones/").content.decode()
    assert (
        "30,922 obras de este archivo no se muestran aquí: 30,510 de otros estados "
        "y 412 de varios estados o de todo el país (se conservan; 1,200 sí se "
        "muestran)."
    ) in page


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


# ------------------------------------------------------- uploads and stops


@pytest.fixture
def staff(client, make_user, import_folder):
    client.force_login(make_user(Role.ADMINISTRATOR))
    return client


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.django_db
def test_an_uploaded_list_is_kept_and_queued_with_its_options(
    staff, import_folder, django_capture_on_commit_callbacks
):
    from testkit.worklists import worklist_bytes

    content = worklist_bytes([opa_2019_row(1)])
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff.post(
            "/es-mx/importaciones/",
            {"file": _upload("opa 2024.csv", content), "as_of": "2024-06-30"},
        )
    assert answer.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == JobStatus.QUEUED
    assert job.options == {"as_of": "2024-06-30"}
    kept = import_folder / job.path
    assert kept.read_bytes() == content
    assert job.file_name == "opa_2024.csv"
    assert kept.parent.parent == import_folder
    assert ProcrastinateJob.objects.filter(args={"job_id": job.pk}).exists()
    page = staff.get("/es-mx/importaciones/").content.decode()
    assert "quedó en cola" in page
    assert '<meta http-equiv="refresh" content="5">' in page


@pytest.mark.django_db(transaction=True)
def test_an_ocds_file_from_the_page_is_queued_with_only_its_own_options(
    staff, catalog, django_capture_on_commit_callbacks
):
    from testkit.ocds import release, release_package

    content = json.dumps(release_package(release())).encode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff.post(
            "/es-mx/importaciones/",
            {
                "kind": "ocds",
                "file": _upload("entregas.json", content),
                "agency": "sonora-cecop",
                "as_of": "2024-06-30",  # a works list's option: not an OCDS one
            },
        )
    assert answer.status_code == 302
    job = ImportJob.objects.get()
    assert (job.kind, job.options) == ("ocds", {"agency": "sonora-cecop"})
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.SUCCEEDED, done.error
    assert done.document.kind == "ocds"


@pytest.mark.django_db
def test_a_file_not_of_its_kind_is_refused_at_its_field(staff):
    answer = staff.post(
        "/es-mx/importaciones/",
        {"kind": "works", "file": _upload("foto.png", b"\x89PNG\r\n\x1a\n0000")},
    )
    assert answer.status_code == 400
    assert "id_file-error" in answer.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_an_empty_upload_is_refused_at_its_field_and_nothing_queued(staff):
    answer = staff.post("/es-mx/importaciones/", {"file": _upload("vacio.csv", b"")})
    assert answer.status_code == 400
    assert "id_file-error" in answer.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_date_of_cut_in_the_future_is_refused(staff):
    answer = staff.post(
        "/es-mx/importaciones/",
        {"file": _upload("a.csv", b"CLAVE\n1\n"), "as_of": "2999-01-01"},
    )
    assert answer.status_code == 400
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_only_capture_staff_may_upload(client, make_user, import_folder):
    client.force_login(make_user())
    answer = client.post("/es-mx/importaciones/", {"file": _upload("a.csv", b"x")})
    assert answer.status_code == 403
    assert not import_folder.exists()


@pytest.mark.django_db(transaction=True)
def test_a_running_job_no_worker_holds_is_marked_failed(catalog):
    from django.db import connections

    orphan = ImportJob.objects.create(
        kind="works", path="/x/a.csv", status=JobStatus.RUNNING
    )
    alive = ImportJob.objects.create(
        kind="works", path="/x/b.csv", status=JobStatus.RUNNING
    )
    worker = connections["default"].copy()
    try:
        with worker.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s, %s)", [jobs.RUNNING_LOCK_SPACE, alive.pk]
            )
        assert jobs.import_jobs_interrupted_close() == 1
    finally:
        worker.close()
    orphan.refresh_from_db()
    alive.refresh_from_db()
    assert orphan.status == JobStatus.FAILED
    assert "Nothing was written" in orphan.error
    assert alive.status == JobStatus.RUNNING
    # Its worker gone, the other one is closed too.
    assert jobs.import_jobs_interrupted_close() == 1


@pytest.mark.django_db
def test_a_failed_job_is_queued_again_from_its_file(
    staff, tmp_path, django_capture_on_commit_callbacks
):
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1)])
    failed = ImportJob.objects.create(
        kind="works",
        path=str(path),
        status=JobStatus.FAILED,
        options={"agency": ""},
        error=jobs.INTERRUPTED,
    )
    gone = ImportJob.objects.create(
        kind="works", path=str(tmp_path / "borrado.csv"), status=JobStatus.FAILED
    )
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/es-mx/importaciones/{failed.pk}/de-nuevo/")
    again = ImportJob.objects.exclude(pk__in=[failed.pk, gone.pk]).get()
    assert again.path == str(path.resolve())
    assert again.status == JobStatus.QUEUED
    answer = staff.post(f"/es-mx/importaciones/{gone.pk}/de-nuevo/", follow=True)
    assert "no longer there" in answer.content.decode()
    assert ImportJob.objects.count() == 3
