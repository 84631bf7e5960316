"""Where the platform keeps files: folders of this machine, or two buckets.

``STORAGES`` (Django's storage API) has three places every file goes
through, declared once here and read by the settings:

- ``default``: the public files (works' documents and photos, committees'
  visit photos, the published open-data files; ``ruta.common.files.uploads``);
- ``private``: the files with personal data, sent only by the views that
  check who asks (``ruta.common.files.privatefiles``);
- ``imports``: the files uploaded for the import worker, never served.

Without ``RUTA_STORAGE_URL`` they are folders (``MEDIA_ROOT``,
``RUTA_PRIVATE_ROOT``, ``RUTA_IMPORT_DIR``), which several machines must
share. With it, they are buckets of an S3-compatible object storage
(django-storages' S3 backend): ``RUTA_STORAGE_URL`` names the public
bucket, ``RUTA_PRIVATE_STORAGE_URL`` the private one, which holds the
private files and, under ``imports/``, the import uploads. Each is
``s3://BUCKET[/PREFIX]`` with optional parameters:

- ``endpoint``: the server of an S3-compatible service (MinIO, a
  provider's), ``https://…``; AWS's own when absent;
- ``region``: the bucket's region;
- ``address`` (public bucket only): where readers get the public files
  (a CDN, or the bucket's own site), ``https://host[/path]``; the
  bucket's address when absent.

Credentials are the standard ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` of the environment (or the machine's role),
read by boto3, never written in these URLs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
PREFIX = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")
REGION = re.compile(r"[a-z0-9-]{1,40}")
IMPORTS_FOLDER = "imports"
PARAMETERS = {"endpoint", "region", "address"}


class StorageUrlError(ValueError):
    """A storage URL that names no usable bucket; the message says why."""


def _web_address(value: str, what: str) -> tuple[str, str]:
    """Return the scheme and the host[/path] of ``value``, an http(s) address."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StorageUrlError(f"{what} must be an http:// or https:// address")
    if parts.query or parts.fragment:
        raise StorageUrlError(f"{what} takes no query or fragment")
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


def bucket_options(url: str, *, public: bool) -> dict[str, Any]:
    """Return the S3 backend's options for ``url`` (``s3://BUCKET[/PREFIX]?…``)."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise StorageUrlError("must be s3://BUCKET, optionally /PREFIX and ?endpoint=")
    bucket, prefix = parts.netloc, parts.path.strip("/")
    if not BUCKET_NAME.fullmatch(bucket):
        raise StorageUrlError(f"{bucket!r} is not a bucket name (3-63 a-z, 0-9, . -)")
    if prefix and (
        not PREFIX.fullmatch(prefix) or {".", ".."} & set(prefix.split("/"))
    ):
        raise StorageUrlError(f"{prefix!r} is not a folder (A-Z a-z 0-9 . _ - /)")
    given = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    allowed = PARAMETERS if public else PARAMETERS - {"address"}
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise StorageUrlError(f"unknown parameters {unknown}; known: {sorted(allowed)}")
    values = {name: given[name][-1].strip() for name in given}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": prefix,
        # Names are random and never reused; nothing is overwritten.
        "file_overwrite": False,
        # No ACLs: what is public is the public bucket's own policy.
        "default_acl": None,
        "querystring_auth": not public,
    }
    if values.get("endpoint"):
        scheme, host = _web_address(values["endpoint"], "endpoint")
        options["endpoint_url"] = f"{scheme}://{host}"
        # A bucket of an S3-compatible server is a folder of its address.
        options["addressing_style"] = "path"
    if values.get("region"):
        if not REGION.fullmatch(values["region"]):
            raise StorageUrlError(f"{values['region']!r} is not a region name")
        options["region_name"] = values["region"]
    if values.get("address"):
        scheme, host = _web_address(values["address"], "address")
        options["custom_domain"] = host
        options["url_protocol"] = f"{scheme}:"
    return options


def file_storages(
    public_url: str,
    private_url: str,
    *,
    private_root: Path,
    import_dir: Path,
) -> dict[str, dict[str, Any]]:
    """Return ``STORAGES``' three places of files (``staticfiles`` is the settings').

    Folders when both URLs are blank; buckets when both name one. Raise
    ``StorageUrlError`` naming the variable at fault otherwise.
    """
    if not public_url and not private_url:
        return {
            # MEDIA_ROOT and MEDIA_URL, read by the backend itself.
            "default": {
                "BACKEND": "ruta.common.files.wholefiles.WholeFileSystemStorage"
            },
            "private": {
                "BACKEND": "ruta.common.files.privatefiles.PrivateFileSystemStorage",
                "OPTIONS": {"location": private_root},
            },
            "imports": {
                "BACKEND": "ruta.common.files.privatefiles.PrivateFileSystemStorage",
                "OPTIONS": {"location": import_dir},
            },
        }
    if not public_url or not private_url:
        raise StorageUrlError(
            "RUTA_STORAGE_URL and RUTA_PRIVATE_STORAGE_URL go together: files "
            "with personal data never go to the public bucket"
        )
    public = _named("RUTA_STORAGE_URL", public_url, public=True)
    private = _named("RUTA_PRIVATE_STORAGE_URL", private_url, public=False)
    if public["bucket_name"] == private["bucket_name"]:
        raise StorageUrlError(
            "RUTA_PRIVATE_STORAGE_URL must name another bucket than "
            "RUTA_STORAGE_URL: a public bucket's policy would publish it"
        )
    imports = {
        **private,
        "location": "/".join(filter(None, (private["location"], IMPORTS_FOLDER))),
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": public},
        "private": {
            "BACKEND": "ruta.common.files.buckets.PrivateS3Storage",
            "OPTIONS": private,
        },
        "imports": {
            "BACKEND": "ruta.common.files.buckets.PrivateS3Storage",
            "OPTIONS": imports,
        },
    }


def _named(variable: str, url: str, *, public: bool) -> dict[str, Any]:
    try:
        return bucket_options(url, public=public)
    except StorageUrlError as error:
        raise StorageUrlError(f"{variable}: {error}") from error


def uses_buckets(storages: dict[str, dict[str, Any]]) -> bool:
    """Return whether ``storages`` keeps the private files in a bucket."""
    return storages["private"]["BACKEND"] != (
        "ruta.common.files.privatefiles.PrivateFileSystemStorage"
    )
