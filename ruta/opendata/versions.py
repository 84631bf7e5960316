"""Reads of the published versions, for the pages, the downloads and DCAT."""

from __future__ import annotations

from dataclasses import dataclass

from ruta.opendata.datasets import DATASETS, Dataset
from ruta.opendata.models import DatasetVersion, FileFormat, PublishedFile
from ruta.opendata.standards import standard_url_name

# How many versions a dataset's page lists; older ones stay downloadable.
HISTORY_LIMIT = 200


@dataclass(frozen=True)
class Listed:
    """A dataset with its latest version (``None`` before the first publish)."""

    dataset: Dataset
    latest: DatasetVersion | None

    @property
    def files(self) -> list[PublishedFile]:
        """Return the latest version's files in the formats' order."""
        if self.latest is None:
            return []
        return sorted(self.latest.files.all(), key=_format_order)

    @property
    def address_name(self) -> str:
        """Return the name of a standard package's own address."""
        return standard_url_name(self.dataset)


def _format_order(file: PublishedFile) -> int:
    return FileFormat.values.index(file.format)


def datasets_listed() -> list[Listed]:
    """Return every registered dataset with its latest version and files."""
    latest = {v.dataset: v for v in DatasetVersion.objects.latest_per_dataset()}
    return [Listed(dataset, latest.get(slug)) for slug, dataset in DATASETS.items()]


def dataset_history(slug: str) -> list[DatasetVersion]:
    """Return the versions of dataset ``slug``, newest first, with their files."""
    return list(DatasetVersion.objects.of(slug)[:HISTORY_LIMIT])


def file_of_version(slug: str, version: int, fmt: str) -> PublishedFile | None:
    """Return the file of format ``fmt`` of version ``version`` of ``slug``."""
    return (
        PublishedFile.objects.select_related("version")
        .filter(version__dataset=slug, version_id=version, format=fmt)
        .first()
    )


def file_latest(slug: str, fmt: str) -> PublishedFile | None:
    """Return the file of format ``fmt`` of the latest version of ``slug``."""
    return (
        PublishedFile.objects.select_related("version")
        .filter(version__dataset=slug, format=fmt)
        .order_by("-version__created_at", "-version_id")
        .first()
    )


def files_all() -> list[PublishedFile]:
    """Return every published file of every version (the catalogue lists them)."""
    return list(
        PublishedFile.objects.select_related("version").order_by(
            "version__dataset", "-version__created_at", "-version_id", "format"
        )
    )
