"""Publishing the open-data files: regenerate every dataset, keep every version.

``publish_datasets`` reads each dataset's rows once and writes its canonical
CSV; only when that differs from the last version's (by SHA-256) does it
write the other formats and record a new version, so running it twice adds
nothing and costs little (the workbook is most of the work).
Files are saved under new names, never over an older version's; the
versions and files are audit-tracked, each insert naming the actor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pghistory
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from ruta.accounts.actors import Actor, audit_context
from ruta.opendata.datasets import DATASETS, DOCUMENT, PACKAGE, TABLE, Dataset
from ruta.opendata.files import package_zip, sha256, table_csv, table_files
from ruta.opendata.models import DatasetVersion, FileFormat, PublishedFile


@dataclass
class PublishOutcome:
    """Which datasets got a new version and which were unchanged."""

    published: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return a summary for a command or a job's result."""
        return [
            f"new versions: {', '.join(self.published) or 'none'}",
            f"unchanged: {', '.join(self.unchanged) or 'none'}",
        ]


def publish_datasets(*, actor: Actor) -> PublishOutcome:
    """Regenerate every dataset's files; record the ones whose data changed."""
    outcome = PublishOutcome()
    with pghistory.context(service="publish_datasets"):
        for dataset in DATASETS.values():
            if dataset.kind == PACKAGE:
                continue
            _record(outcome, dataset, _publish_one(dataset, actor))
        _record(outcome, _package(), _publish_package(actor))
    return outcome


def _record(outcome: PublishOutcome, dataset: Dataset, version: Any) -> None:
    target = outcome.published if version is not None else outcome.unchanged
    target.append(dataset.slug)


def _package() -> Dataset:
    return next(d for d in DATASETS.values() if d.kind == PACKAGE)


def _publish_one(dataset: Dataset, actor: Actor) -> DatasetVersion | None:
    """Write ``dataset``'s files; return its new version, or None if unchanged."""
    if dataset.kind == TABLE and dataset.rows is not None:
        rows = list(dataset.rows())
        csv = table_csv(dataset, rows)
        if _is_latest(dataset.slug, csv):
            return None  # the other formats, a workbook above all, cost more
        files = table_files(dataset, rows, csv)
        years = _years(rows, dataset.year_field)
        return version_publish(
            dataset=dataset,
            files=files,
            data=csv,
            rows=len(rows),
            years=years,
            actor=actor,
        )
    if dataset.kind == DOCUMENT and dataset.build is not None:
        files = dataset.build()
        data = b"".join(files[name] for name in sorted(files))
        return version_publish(dataset=dataset, files=files, data=data, actor=actor)
    return None


def _is_latest(slug: str, data: bytes) -> bool:
    """Return whether ``data`` is what the latest version of ``slug`` holds."""
    last = DatasetVersion.objects.of(slug).first()
    return last is not None and last.data_sha256 == sha256(data)


def _publish_package(actor: Actor) -> DatasetVersion | None:
    """Publish the zip of every table's latest CSV, if any table changed."""
    latest = {
        version.dataset: version
        for version in DatasetVersion.objects.latest_per_dataset()
    }
    members = []
    for dataset in DATASETS.values():
        version = latest.get(dataset.slug)
        if dataset.kind != TABLE or version is None:
            continue
        csv = next(f for f in version.files.all() if f.format == FileFormat.CSV)
        with csv.file.open("rb") as handle:
            members.append((dataset, handle.read()))
    if not members:
        return None
    content = package_zip(members)
    return version_publish(
        dataset=_package(), files={FileFormat.ZIP: content}, data=content, actor=actor
    )


def _years(rows: Sequence[dict[str, Any]], name: str) -> tuple[int, int] | None:
    years = [row[name] for row in rows if name and row.get(name)]
    return (min(years), max(years)) if years else None


@transaction.atomic
def version_publish(
    *,
    dataset: Dataset,
    files: dict[str, bytes],
    data: bytes,
    rows: int | None = None,
    years: tuple[int, int] | None = None,
    actor: Actor,
) -> DatasetVersion | None:
    """Record a version of ``dataset`` with ``files``, unless ``data`` is unchanged.

    ``data`` is what decides a change (a table's plain CSV): other formats
    may carry the time they were written (a workbook does).
    """
    digest = sha256(data)
    _lock(dataset.slug)
    if _is_latest(dataset.slug, data):
        return None
    with pghistory.context(**audit_context(actor)):
        return _version_write(dataset, files, digest, timezone.now(), rows, years)


def _lock(slug: str) -> None:
    """Hold a lock on ``slug`` until the transaction ends.

    Two runs at once (the job and the command) would otherwise both see
    the same last version and both add the next one.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"opendata:{slug}"]
        )


def _version_write(
    dataset: Dataset,
    files: dict[str, bytes],
    digest: str,
    now: datetime,
    rows: int | None,
    years: tuple[int, int] | None,
) -> DatasetVersion:
    version = DatasetVersion.objects.create(
        dataset=dataset.slug,
        created_at=now,
        data_sha256=digest,
        rows=rows,
        first_year=years[0] if years else None,
        last_year=years[1] if years else None,
    )
    stamp = f"{now:%Y%m%dT%H%M%S}-{digest[:12]}"
    for file_format, content in files.items():
        _file_save(version, str(file_format), content, stamp)
    return version


def _file_save(
    version: DatasetVersion, file_format: str, content: bytes, stamp: str
) -> PublishedFile:
    record = PublishedFile(
        version=version,
        format=file_format,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    name = f"{version.dataset}-{stamp}.{file_format}"
    record.file.save(name, ContentFile(content), save=False)
    record.save()
    return record
