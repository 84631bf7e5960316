"""The packages in the Open Contracting standards, declared once.

A whole-instance package is as large as the published works: built on
request it held a web worker for as long as the build took (past the
server's timeout at 100,000 works). So each is written by the publish, like
every dataset, with its versions, sizes and digests, and its address serves
the latest file written (``ruta.opendata.views``). The catalogue, the
publish, the pages and ``ruta export`` all read this declaration.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.ocds import ocds_package

# Where a package's header says when it was written: left out of its digest,
# so a publish of the same data adds no version.
_PUBLISHED_DATE = re.compile(r'"publishedDate":"[^"]*"')


@dataclass(frozen=True)
class StandardPackage:
    """A package in an Open Contracting standard, written at each publish."""

    slug: str
    url_name: str
    title: str
    description: str
    standard: str
    keywords: tuple[str, ...]
    build: Callable[..., Iterator[str]]

    def uri(self) -> str:
        """Return the address the site serves the package at (``RUTA_SITE_URL``)."""
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse(self.url_name)
        return settings.RUTA_SITE_URL.rstrip("/") + path

    def write(self, path: Path) -> str:
        """Write the package to ``path``; return the SHA-256 of its data.

        The digest leaves out the date the header carries, so it changes
        only when what the package says changes.
        """
        digest = hashlib.sha256()
        with path.open("w", encoding="utf-8") as file:
            for index, chunk in enumerate(self.build(uri=self.uri())):
                file.write(chunk)
                undated = _PUBLISHED_DATE.sub("", chunk) if index == 0 else chunk
                digest.update(undated.encode())
        return digest.hexdigest()


OC4IDS = StandardPackage(
    slug="oc4ids",
    url_name="opendata:oc4ids",
    title="Obras públicas en OC4IDS",
    description=(
        "Las obras publicadas como paquete de proyectos OC4IDS 0.9: financiamiento "
        "por fuente, clasificación, ubicación con claves INEGI, beneficiarios, "
        "avance, contrataciones y pagos."
    ),
    standard="https://standard.open-contracting.org/infrastructure/0.9/",
    keywords=("obras públicas", "infraestructura", "OC4IDS"),
    build=oc4ids_package,
)
OCDS = StandardPackage(
    slug="ocds",
    url_name="opendata:ocds",
    title="Contrataciones de obra en OCDS",
    description=(
        "Las contrataciones de las obras publicadas como paquete de entregas OCDS "
        "1.1, con contratos, montos y pagos."
    ),
    standard="https://standard.open-contracting.org/1.1/",
    keywords=("contrataciones", "OCDS"),
    build=ocds_package,
)
STANDARD_PACKAGES: dict[str, StandardPackage] = {
    package.slug: package for package in (OC4IDS, OCDS)
}
