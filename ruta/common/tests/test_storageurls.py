"""Where files go: folders, or the two buckets the storage URLs name, or an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from ruta.common.files.storageurls import StorageUrlError, file_storages, uses_buckets

PRIVATE_ROOT, IMPORT_DIR = Path("/srv/ruta/private"), Path("/srv/ruta/imports")


def _storages(public: str, private: str) -> dict:
    return file_storages(
        public, private, private_root=PRIVATE_ROOT, import_dir=IMPORT_DIR
    )


def test_without_urls_every_file_is_in_a_folder_of_the_machine():
    found = _storages("", "")
    assert found["default"]["BACKEND"].endswith("FileSystemStorage")
    assert found["private"]["OPTIONS"] == {"location": PRIVATE_ROOT}
    assert found["imports"]["OPTIONS"] == {"location": IMPORT_DIR}
    assert not uses_buckets(found)


def test_two_buckets_hold_public_files_private_files_and_import_uploads():
    found = _storages(
        "s3://ruta-publico?endpoint=https://minio.example:9000&region=mx-central-1"
        "&address=https://archivos.example.gob.mx/publico",
        "s3://ruta-privado/sonora",
    )
    public, private, imports = (found[key]["OPTIONS"] for key in found)
    assert found["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["bucket_name"] == "ruta-publico"
    assert public["endpoint_url"] == "https://minio.example:9000"
    assert public["addressing_style"] == "path"
    assert public["region_name"] == "mx-central-1"
    assert public["custom_domain"] == "archivos.example.gob.mx/publico"
    assert public["url_protocol"] == "https:"
    assert public["querystring_auth"] is False
    assert public["default_acl"] is None
    assert found["private"]["BACKEND"] == "ruta.common.files.buckets.PrivateS3Storage"
    assert (private["bucket_name"], private["location"]) == ("ruta-privado", "sonora")
    assert (imports["bucket_name"], imports["location"]) == (
        "ruta-privado",
        "sonora/imports",
    )
    assert uses_buckets(found)


@pytest.mark.parametrize(
    ("public", "private", "message"),
    [
        ("s3://ruta-publico", "", "go together"),
        ("", "s3://ruta-privado", "go together"),
        ("s3://ruta", "s3://ruta/privado", "another bucket"),
        ("https://ruta-publico", "s3://ruta-privado", "RUTA_STORAGE_URL: must be s3"),
        ("s3://Ruta_Publico", "s3://ruta-privado", "not a bucket name"),
        ("s3://ruta-publico/../x", "s3://ruta-privado", "not a folder"),
        ("s3://ruta-publico?endpoint=ftp://x", "s3://ruta-privado", "endpoint"),
        ("s3://ruta-publico?acl=public-read", "s3://ruta-privado", "unknown"),
        ("s3://ruta-publico", "s3://ruta-privado?address=https://x", "unknown"),
        ("s3://ruta-publico?region=Mars 1", "s3://ruta-privado", "region"),
    ],
)
def test_a_storage_url_that_names_no_usable_bucket_is_refused(public, private, message):
    with pytest.raises(StorageUrlError, match=message):
        _storages(public, private)
