"""A published report uploaded on the staff desk: read and shown, then imported.

The report is the CECOP 2024 report's demonstration (``testkit.cecop``).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ruta.accounts.models import Role
from ruta.ingest import jobs
from ruta.ingest.models import ImportJob, JobStatus
from ruta.sources.models import SourceDocument
from testkit.cecop import demonstration_text

PAGE = "/es-mx/importaciones/documento/"
CONFIRM = "/es-mx/importaciones/documento/importar/"


@pytest.fixture
def staff(client, make_user, import_folder):
    client.force_login(make_user(Role.ADMINISTRATOR))
    return client


def _report() -> SimpleUploadedFile:
    content = demonstration_text().encode("utf-8")
    return SimpleUploadedFile("informe 2024.txt", content, content_type="text/plain")


def _token(page: str) -> str:
    return page.split('name="token" value="')[1].split('"')[0]


@pytest.mark.django_db
def test_the_report_is_read_and_its_findings_shown_before_anything_is_written(
    staff, catalog
):
    answer = staff.post(PAGE, {"kind": "cecop-report", "file": _report()})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Lo que se leyó en informe_2024.txt" in page
    assert "11 hallazgos" in page
    # Findings are rebuilt in the page's language.
    assert "la línea base 2021 es 230 en la tabla de resultados" in page
    assert "Confirmar e importar" in page
    assert not SourceDocument.objects.exists()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_confirming_queues_the_import_once(
    staff, catalog, django_capture_on_commit_callbacks
):
    token = _token(
        staff.post(PAGE, {"kind": "cecop-report", "file": _report()}).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff.post(CONFIRM, {"token": token})
    assert answer.status_code == 302
    job = ImportJob.objects.get()
    assert (job.kind, job.status, job.file_name) == (
        "cecop-report",
        JobStatus.QUEUED,
        "informe_2024.txt",
    )
    again = staff.post(CONFIRM, {"token": token}, follow=True)
    assert "No se importó: este documento ya está en cola." in again.content.decode()
    assert ImportJob.objects.count() == 1


@pytest.mark.django_db
def test_a_forged_confirmation_queues_nothing(staff):
    answer = staff.post(
        CONFIRM, {"token": "eyJraW5kIjoiY2Vjb3AifQ:forged"}, follow=True
    )
    assert "No se importó: la confirmación no es válida" in answer.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_document_of_another_kind_is_refused_at_its_field_and_not_kept(
    staff, import_folder, catalog
):
    works_list = SimpleUploadedFile("obras.csv", b"CLAVE,NOMBRE\n1,Obra\n")
    answer = staff.post(PAGE, {"kind": "cecop-report", "file": works_list})
    assert answer.status_code == 400
    assert 'id="id_file-error"' in answer.content.decode()
    assert not [kept for kept in import_folder.rglob("*") if kept.is_file()]


@pytest.mark.django_db
def test_only_capture_staff_may_upload_a_document(client, make_user, import_folder):
    client.force_login(make_user())
    assert (
        client.post(PAGE, {"kind": "cecop-report", "file": _report()}).status_code
        == 403
    )
    assert not import_folder.exists()


@pytest.mark.django_db(transaction=True)
def test_the_queued_report_imports_in_the_background(catalog, tmp_path):
    path = tmp_path / "informe.txt"
    path.write_text(demonstration_text(), encoding="utf-8")
    job = ImportJob.objects.create(kind="cecop-report", path=str(path))
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.SUCCEEDED
    assert done.findings == 11
    assert done.document.sha256 == SourceDocument.objects.get().sha256
