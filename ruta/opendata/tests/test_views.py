"""Pages and downloads: every parameter bounded, every unknown a 404."""

import base64
import hashlib

import pytest

from ruta.opendata.models import DatasetVersion, PublishedFile


def _body(response):
    return (
        b"".join(response.streaming_content)
        if response.streaming
        else (response.content)
    )


def test_the_index_lists_every_dataset_with_its_latest_files(published, client):
    response = client.get("/es-mx/datos/")
    assert response.status_code == 200
    text = response.content.decode()
    latest = DatasetVersion.objects.of("obras").first()
    assert "Obras públicas" in text
    assert latest.files.get(format="csv").sha256 in text
    assert "/es-mx/datos/obras/ultimo.xlsx" in text


def test_the_index_is_linked_from_every_page(db, client):
    assert 'href="/es-mx/datos/"' in client.get("/es-mx/").content.decode()


def test_a_dataset_page_documents_columns_and_lists_its_history(published, client):
    response = client.get("/es-mx/datos/obras/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "AVANCE_FISICO" in text
    for published_file in PublishedFile.objects.filter(version__dataset="obras"):
        assert published_file.get_absolute_url() in text


def test_a_version_downloads_as_published_with_its_hash(published, client):
    published_file = PublishedFile.objects.filter(format="xlsx").first()
    response = client.get(published_file.get_absolute_url())
    body = _body(response)
    assert response.status_code == 200
    assert hashlib.sha256(body).hexdigest() == published_file.sha256
    assert response["ETag"] == f'"{published_file.sha256}"'
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    assert response["Repr-Digest"] == f"sha-256=:{digest}:"
    assert "Digest" not in response
    assert "attachment" in response["Content-Disposition"]
    assert "max-age=31536000" in response["Cache-Control"]


def test_a_text_download_says_its_charset_and_a_binary_one_does_not(published, client):
    for file_format, content_type in (
        ("csv", "text/csv; charset=utf-8"),
        ("excel.csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        published_file = PublishedFile.objects.filter(format=file_format).first()
        response = client.get(published_file.get_absolute_url())
        assert response["Content-Type"] == content_type


def test_the_latest_download_follows_the_newest_version(published, client):
    response = client.get("/es-mx/datos/obras/ultimo.csv")
    latest = DatasetVersion.objects.of("obras").first().files.get(format="csv")
    assert hashlib.sha256(_body(response)).hexdigest() == latest.sha256


@pytest.mark.parametrize(
    "validator",
    [
        '"{sha}"',
        'W/"{sha}"',  # weak, as a proxy may have made it
        '"otro", "{sha}"',  # a list holding it
        "*",
    ],
)
def test_a_matching_etag_answers_not_modified(published, client, validator):
    latest = DatasetVersion.objects.of("obras").first().files.get(format="json")
    response = client.get(
        "/es-mx/datos/obras/ultimo.json",
        HTTP_IF_NONE_MATCH=validator.format(sha=latest.sha256),
    )
    assert response.status_code == 304
    assert response["ETag"] == f'"{latest.sha256}"'


def test_a_copy_as_new_as_the_version_answers_not_modified(published, client):
    first = client.get("/es-mx/datos/obras/ultimo.json")
    again = client.get(
        "/es-mx/datos/obras/ultimo.json",
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert again.status_code == 304
    other = client.get("/es-mx/datos/obras/ultimo.json", HTTP_IF_NONE_MATCH='"otro"')
    assert other.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/es-mx/datos/no-existe/",
        "/es-mx/datos/no-existe/ultimo.csv",
        "/es-mx/datos/obras/ultimo.exe",
        "/es-mx/datos/obras/ultimo.",
        "/es-mx/datos/obras/999999999.csv",
        "/es-mx/datos/obras/99999999999999999999999.csv",
        "/es-mx/datos/obras/-1.csv",
        "/es-mx/datos/paquete/ultimo.csv",
    ],
)
def test_unknown_datasets_versions_and_formats_are_not_found(published, client, path):
    assert client.get(path).status_code == 404


def test_a_version_of_another_dataset_is_not_found(published, client):
    works = DatasetVersion.objects.of("obras").first()
    assert client.get(f"/es-mx/datos/hallazgos/{works.pk}.csv").status_code == 404


def _publish_jobs():
    from procrastinate.contrib.django.models import ProcrastinateJob

    from ruta.opendata.tasks import PUBLISH_TASK

    return ProcrastinateJob.objects.filter(task_name=PUBLISH_TASK, status="todo")


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/es-mx/datos/obras/ultimo.csv", "Vuelva a intentarlo en 2 minutos."),
        ("/en/datos/obras/ultimo.xlsx", "Try again in 2 minutes."),
        ("/es-mx/datos/paquete/ultimo.zip", "Archivo en preparación"),
    ],
)
def test_before_any_publication_the_files_are_queued_and_the_reader_told(
    db, client, path, said
):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "no-store" in response["Cache-Control"]
    assert said in response.content.decode()
    # However many ask, one regeneration waits.
    client.get(path)
    assert _publish_jobs().count() == 1


def test_before_any_publication_a_format_never_published_is_not_found(db, client):
    assert client.get("/es-mx/datos/paquete/ultimo.csv").status_code == 404
    assert not _publish_jobs().exists()
    assert client.get("/es-mx/datos/").status_code == 200


def test_the_datapackage_points_at_the_latest_versions(published, client):
    descriptor = client.get("/es-mx/datos/datapackage.json").json()
    works = next(r for r in descriptor["resources"] if r["name"] == "obras")
    latest = DatasetVersion.objects.of("obras").first().files.get(format="csv")
    assert works["path"] == f"http://testserver{latest.get_absolute_url()}"
    assert works["hash"] == f"sha256:{latest.sha256}"


@pytest.mark.parametrize(
    "path",
    [
        "/es-mx/datos/obras/ultimo.csv",
        "/es-mx/datos/datapackage.json",
        "/es-mx/datos/catalogo.ttl",
        "/es-mx/datos/catalogo.jsonld",
    ],
)
def test_open_data_files_may_be_read_by_scripts_on_any_site(published, client, path):
    response = client.get(path, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
