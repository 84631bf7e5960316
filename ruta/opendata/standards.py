"""How a package in an Open Contracting standard is written and addressed.

A whole-instance package is as large as the published works: built on
request it held a web worker for as long as the build took (past the
server's timeout at 100,000 works). So each is written by the publish, like
every dataset of the registry (``ruta.opendata.datasets``, kind
``STANDARD``), with its versions, sizes and digests; its own address
(``/datos/<slug>.json``, named ``opendata:<slug>``) serves the latest file
written, and its header names that address.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ruta.opendata.datasets import Dataset

# Where a package's header says when it was written: left out of its digest,
# so a publish of the same data adds no version.
_PUBLISHED_DATE = re.compile(r'"publishedDate":"[^"]*"')


def standard_url_name(dataset: Dataset) -> str:
    """Return the name of the address that serves ``dataset``'s latest package."""
    return f"opendata:{dataset.slug}"


def standard_uri(dataset: Dataset) -> str:
    """Return the address the site serves the package at (``RUTA_SITE_URL``)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(standard_url_name(dataset))
    return settings.RUTA_SITE_URL.rstrip("/") + path


def standard_stream(dataset: Dataset) -> Iterator[str]:
    """Yield ``dataset``'s package as JSON text, naming its own address."""
    if dataset.stream is None:
        raise ValueError(f"{dataset.slug} is not a standard package")
    return dataset.stream(uri=standard_uri(dataset))


def standard_write(dataset: Dataset, path: Path) -> str:
    """Write ``dataset``'s package to ``path``; return the SHA-256 of its data.

    The digest leaves out the date the header carries, so it changes only
    when what the package says changes.
    """
    digest = hashlib.sha256()
    with path.open("w", encoding="utf-8") as file:
        for index, chunk in enumerate(standard_stream(dataset)):
            file.write(chunk)
            undated = _PUBLISHED_DATE.sub("", chunk) if index == 0 else chunk
            digest.update(undated.encode())
    return digest.hexdigest()
