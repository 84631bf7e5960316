"""Every file through the storage API, in the buckets of an S3-compatible server.

The module runs moto's standalone server on a port of its own
(``testkit.s3``; no internet), makes a public and a private bucket, and
points the platform at them as ``RUTA_STORAGE_URL`` and
``RUTA_PRIVATE_STORAGE_URL`` do (django-storages' S3 backend). Uploads
through the site land in the bucket their rule declares; a private document
is read only through its permission-checked page, and has no address of
its own.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ruta.accounts.models import Role
from ruta.grants.models import ApplicationDocument
from ruta.ingest import importfiles, jobs
from ruta.ingest.models import ImportJob, JobStatus
from ruta.opendata.models import PublishedFile
from ruta.opendata.services import publish_datasets
from ruta.works.models import Work, WorkDocument, WorkStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.works import WorkFactory, ayuntamiento_of
from testkit.grants import apply, make_call, make_organization, user_with
from testkit.s3 import CREDENTIALS, PRIVATE_BUCKET, PUBLIC_BUCKET, S3Server, s3_server
from testkit.worklists import opa_2019_row, worklist_bytes

pytestmark = pytest.mark.slow

PDF = b"%PDF-1.4\n% comprobante de domicilio con CLABE\n%%EOF\n"


@pytest.fixture(scope="module")
def s3(tmp_path_factory) -> Iterator[S3Server]:
    with s3_server(tmp_path_factory.mktemp("s3")) as server:
        yield server


@pytest.fixture(autouse=True)
def buckets(s3: S3Server, settings, monkeypatch) -> Iterator[S3Server]:
    """Keep every file of the test in the server's buckets, emptied after it."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = s3.storages(settings.STORAGES["staticfiles"])
    settings.RUTA_PRIVATE_FILES_ACCEL = ""
    yield s3
    s3.empty()


def _unsigned_get(address: str) -> int:
    """Return the status of a plain GET of ``address``, as any reader makes it."""
    try:
        with urllib.request.urlopen(address, timeout=30) as read:  # noqa: S310
            return read.status
    except urllib.error.HTTPError as error:
        return error.code


def _photo() -> bytes:
    output = BytesIO()
    Image.new("RGB", (32, 24), "orange").save(output, format="JPEG")
    return output.getvalue()


@pytest.mark.django_db
def test_a_photo_uploaded_on_the_desk_lands_in_the_public_bucket_and_is_read_there(
    client, make_user, hermosillo, buckets
):
    work = WorkFactory(
        municipality=hermosillo,
        executing_agency=ayuntamiento_of(hermosillo),
        status=WorkStatus.IN_EXECUTION,
        published=False,
    )
    client.force_login(make_user(Role.CAPTURE, municipality=hermosillo))
    answer = client.post(
        f"/es-mx/captura/obras/{work.public_id}/",
        {
            "action": "progress",
            "progress-on": "2024-05-01",
            "progress-physical_percent": "40",
            "progress-amount_paid": "100.00",
            "progress-evidence": "Colado de la primera losa",
            "progress-photo": SimpleUploadedFile("foto.jpg", _photo(), "image/jpeg"),
        },
    )
    assert answer.status_code == 302
    stored = WorkDocument.objects.get(work=work).file
    assert re.fullmatch(r"works/documents/\d{4}/[0-9a-f]{32}\.jpg", stored.name)
    assert buckets.keys(PUBLIC_BUCKET) == [stored.name]
    assert stored.name not in buckets.keys(PRIVATE_BUCKET)
    address = stored.url
    assert address.startswith(f"{buckets.endpoint}/{PUBLIC_BUCKET}/works/documents/")
    with urllib.request.urlopen(address, timeout=30) as read:  # noqa: S310 - local
        assert Image.open(BytesIO(read.read())).format == "JPEG"


@pytest.fixture
def application_world(db):
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1)
    rival = user_with(Role.APPLICANT)
    make_organization(2, rival)
    return {"application": application, "applicant": applicant, "rival": rival}


def _document_page(application, document: ApplicationDocument) -> str:
    return reverse(
        "grants:file",
        args=[application.call.code, application.folio, "documento", document.pk],
    )


def test_a_private_document_is_kept_in_the_private_bucket_and_sent_after_the_check(
    client, application_world, buckets
):
    application = application_world["application"]
    client.force_login(application_world["applicant"])
    answer = client.post(
        reverse(
            "grants:document_upload",
            args=[application.call.code, application.folio],
        ),
        {"requirement": "9", "file": ContentFile(PDF, name="comprobante.pdf")},
    )
    assert answer.status_code == 302
    document = application.documents.get(requirement="9")
    name = document.file.name
    assert re.fullmatch(r"grants/documents/\d{4}/[0-9a-f]{32}\.pdf", name)
    assert name in buckets.keys(PRIVATE_BUCKET)
    assert name not in buckets.keys(PUBLIC_BUCKET)
    with pytest.raises(ValueError, match="no public address"):
        document.file.url  # noqa: B018 - the property is what is tried

    page = _document_page(application, document)
    sent = client.get(page)
    assert sent.status_code == 200
    assert b"".join(sent.streaming_content) == PDF
    assert sent["Content-Disposition"].startswith("attachment;")
    assert "X-Accel-Redirect" not in sent
    # Nobody else gets it, and no page names where the bucket keeps it.
    client.force_login(application_world["rival"])
    assert client.get(page).status_code == 404
    client.logout()
    assert client.get(page).status_code == 404
    client.force_login(application_world["applicant"])
    shown = client.get(application.get_absolute_url()).content.decode()
    assert name not in shown
    assert buckets.endpoint not in shown
    # Nor does the bucket give it to anyone who guesses where it is.
    assert _unsigned_get(f"{buckets.endpoint}/{PRIVATE_BUCKET}/{name}") == 403


@pytest.fixture
def staff(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR))
    return client


# The job's progress is written on a second connection, which sees only
# committed rows: this test commits, and the database is emptied after it.
@pytest.mark.django_db(transaction=True)
def test_an_uploaded_works_list_waits_in_the_private_bucket_and_the_worker_imports_it(
    catalog, staff, buckets
):
    content = worklist_bytes([opa_2019_row(1)])
    answer = staff.post(
        "/es-mx/importaciones/",
        {"file": SimpleUploadedFile("opa 2024.csv", content, content_type="text/csv")},
    )
    assert answer.status_code == 302
    job = ImportJob.objects.get()
    assert re.fullmatch(r"[0-9a-f]{16}/opa_2024\.csv", job.path)
    assert buckets.keys(PRIVATE_BUCKET) == [f"imports/{job.path}"]
    assert not buckets.keys(PUBLIC_BUCKET)
    done = jobs.import_job_run(job_id=job.pk)
    assert done.status == JobStatus.SUCCEEDED, done.error
    assert done.rows_read == 1
    assert Work.objects.count() == 1
    assert done.document.name == "opa_2024.csv"


def test_a_queued_file_from_the_command_line_is_kept_in_the_bucket(
    tmp_path, buckets, db
):
    path = tmp_path / "opa.csv"
    path.write_bytes(worklist_bytes([opa_2019_row(1)]))
    job = jobs.import_job_queue(
        kind="works",
        path=importfiles.import_file_keep(path),
        options={},
        actor=TEST_ACTOR,
    )
    assert f"imports/{job.path}" in buckets.keys(PRIVATE_BUCKET)
    with importfiles.import_file_local(job.path) as local:
        assert local.read_bytes() == path.read_bytes()
        assert local.name == "opa.csv"
    assert not local.exists()


@pytest.mark.django_db
def test_published_open_data_files_are_written_to_the_public_bucket(client, buckets):
    publish_datasets(actor=TEST_ACTOR)
    files = list(PublishedFile.objects.all())
    assert files
    kept = set(buckets.keys(PUBLIC_BUCKET))
    assert {published.file.name for published in files} <= kept
    assert all(name.startswith("datos/") for name in kept)
    assert not buckets.keys(PRIVATE_BUCKET)
    works = PublishedFile.objects.get(version__dataset="obras", format="csv")
    answer = client.get("/es-mx/datos/obras/ultimo.csv")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == works.file.open("rb").read()
