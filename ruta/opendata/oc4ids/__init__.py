"""The published works as an OC4IDS 0.9 project package, written as it is read."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone, translation

from ruta.opendata.normalise import normalising
from ruta.opendata.oc4ids.project import project_id, work_project
from ruta.opendata.package_selectors import CHUNK_SIZE, published_works_chunked
from ruta.opendata.packages import license_url, publisher, stream_package

OC4IDS_VERSION = "0.9"

__all__ = ["OC4IDS_VERSION", "oc4ids_package", "project_id", "work_project"]


def oc4ids_package(*, uri: str, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """Yield the JSON text of the project package of every published work.

    Labels (funding sources, procedures) are written in the source language,
    Spanish, whatever the reader's language, so the file is the same for all.
    """
    header = {
        "uri": uri,
        "publishedDate": timezone.now(),
        "version": OC4IDS_VERSION,
        "publisher": publisher(),
        "license": license_url(),
    }
    with translation.override(settings.LANGUAGE_CODE), normalising() as mended:
        projects = (work_project(work) for work in published_works_chunked(chunk_size))
        trailer = lambda: {"x_normalizacion": mended.as_json()}  # noqa: E731
        yield from stream_package(header, "projects", projects, trailer)
