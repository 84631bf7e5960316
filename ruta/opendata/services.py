"""Publishing the open-data files: regenerate every dataset, keep every version.

``publish_datasets`` reads a dataset only when a table it was last read
from has changed since (``ruta.opendata.readings``): a publish after a
change to the POA reads no work. A dataset read is streamed once, into its
canonical CSV and a local file of the rows; only when the CSV differs from
the last version's (by SHA-256) are the other formats written from that
file and a new version recorded, so running it twice adds nothing.
No table is ever held whole in memory: rows come from server-side cursors,
files are written row by row to a temporary folder and copied in pieces;
the folders a killed run left are removed when the next one starts
(``scratch``). Each run first computes and keeps the red flags
(``ruta.flags.services.flags_refresh``), which write only what changed.
A run that finishes notes the tables' versions it read from
(``freshness``), by which a periodic check knows the files are behind.
Files are saved under new names, never over an older version's; the
versions and files are audit-tracked, each insert naming the actor. The
OC4IDS and OCDS packages are datasets of the same registry, written whole
to a file, so no request ever builds them (``ruta.opendata.standards``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pghistory
from django.core.files.base import ContentFile, File
from django.db import connection, transaction
from django.utils import timezone

from ruta.accounts.actors import Actor, audit_context
from ruta.common.ops import metrics
from ruta.flags.services import flags_refresh
from ruta.opendata.datasets import DATASETS, PACKAGE, STANDARD, TABLE, Dataset
from ruta.opendata.files import (
    file_sha256,
    package_zip_write,
    sha256,
    table_formats_start,
    table_read,
)
from ruta.opendata.freshness import publish_mark, source_versions
from ruta.opendata.models import DatasetVersion, FileFormat, PublishedFile
from ruta.opendata.readings import (
    built_from,
    built_from_note,
    reading,
    reading_current,
)
from ruta.opendata.scratch import scratch_folder, scratch_leftovers_remove
from ruta.opendata.standards import standard_write


@dataclass
class PublishOutcome:
    """Which datasets got a new version, which were read and found unchanged,
    and which were not read (no table they come from changed)."""

    published: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def results(self) -> dict[str, list[str]]:
        """Return the datasets by what became of them, as the metrics count them."""
        return {
            "published": self.published,
            "unchanged": self.unchanged,
            "unread": self.unread,
        }

    def lines(self) -> list[str]:
        """Return a summary for a command or a job's result."""
        return [
            f"new versions: {', '.join(self.published) or 'none'}",
            f"unchanged: {', '.join(self.unchanged) or 'none'}",
            f"not read, their tables unchanged: {', '.join(self.unread) or 'none'}",
        ]


# What a dataset's publish gives when its reading still held.
UNREAD = object()


def publish_datasets(*, actor: Actor, every: bool = False) -> PublishOutcome:
    """Regenerate the files of every dataset whose tables changed; record the
    ones whose data changed (``every``: read every dataset, changed or not).

    Every dataset is read and written first, then each version recorded, in
    the catalogue's order: a large table's workbook, written by a process of
    its own, goes on while the next tables are read (``_publish_started``).
    """
    seconds_record = metrics.timed(metrics.publish_seconds)
    try:
        outcome = _publish(actor=actor, every=every)
    except BaseException:
        metrics.publishes.labels(outcome="failed").inc()
        raise
    finally:
        seconds_record()
    metrics.publishes.labels(outcome="succeeded").inc()
    for result, slugs in outcome.results().items():
        metrics.publish_datasets.labels(result=result).inc(len(slugs))
    return outcome


def _publish(*, actor: Actor, every: bool) -> PublishOutcome:
    """Do ``publish_datasets``'s work, which counts it."""
    outcome = PublishOutcome()
    scratch_leftovers_remove()
    # The red flags are computed from the data being published and kept
    # first, so their dataset and pages agree with the other files.
    flags_refresh(actor=actor)
    versions = source_versions()  # before reading: a change after is newer
    with pghistory.context(service="publish_datasets"), ExitStack() as held:
        started = [
            (dataset, _publish_started(dataset, actor, held, every=every))
            for dataset in DATASETS.values()
            if dataset.kind != PACKAGE
        ]
        for dataset, finish in started:
            _record(outcome, dataset, finish())
        _record(outcome, _package(), _publish_package(actor, every=every, held=held))
    publish_mark(versions)
    return outcome


def _record(outcome: PublishOutcome, dataset: Dataset, version: Any) -> None:
    if version is UNREAD:
        target = outcome.unread
    else:
        target = outcome.published if version is not None else outcome.unchanged
    target.append(dataset.slug)


def _package() -> Dataset:
    return next(d for d in DATASETS.values() if d.kind == PACKAGE)


def _publish_started(
    dataset: Dataset, actor: Actor, held: ExitStack, *, every: bool = False
) -> Callable[[], Any]:
    """Write ``dataset``'s files; return what records its version (None if
    unchanged, ``UNREAD`` if not read).

    A dataset none of whose tables changed since its last reading is not
    read (unless ``every``). A table is read from the database once,
    streamed into its canonical CSV (whose digest says whether the data
    changed) and a local file of its rows; only if it changed are the other
    formats written, from that file, the workbook above all being costly.
    Memory stays flat at any number of rows; the disk holds the files, in
    folders ``held`` removes at the end.
    """
    if not every and reading_current(dataset.slug):
        return _unread
    if dataset.kind == TABLE and dataset.rows is not None:
        folder = scratch_folder(held)
        with reading(dataset.slug) as read_from:
            read = table_read(dataset, folder)
        if _is_latest_digest(dataset.slug, read.digest):
            read_from.note()
            return _unchanged
        under_way = table_formats_start(dataset, read)
        held.callback(under_way.stop)

        def table_version() -> DatasetVersion | None:
            written = under_way.finish()
            version = version_publish(
                dataset=dataset,
                files=dict(written.paths),
                digest=written.digest,
                rows=written.rows,
                years=written.years,
                actor=actor,
            )
            read_from.note()
            return version

        return table_version
    if dataset.kind == STANDARD:
        version = _publish_standard(dataset, actor, held)
        return lambda: version
    return _unchanged


def _publish_standard(
    dataset: Dataset, actor: Actor, held: ExitStack
) -> DatasetVersion | None:
    """Write a standard's package whole to a file; record it if what it says
    changed (the date in its header aside)."""
    path = scratch_folder(held) / f"{dataset.slug}.json"
    with reading(dataset.slug) as read_from:
        digest = standard_write(dataset, path)
    version = version_publish(
        dataset=dataset, files={FileFormat.JSON: path}, digest=digest, actor=actor
    )
    read_from.note()
    return version


def _unchanged() -> None:
    return None


def _unread() -> object:
    return UNREAD


def _is_latest_digest(slug: str, digest: str) -> bool:
    """Return whether ``digest`` is that of the latest version of ``slug``."""
    last = DatasetVersion.objects.of(slug).first()
    return last is not None and last.data_sha256 == digest


def _publish_package(actor: Actor, *, held: ExitStack, every: bool = False) -> Any:
    """Publish the zip of every table's latest CSV, if any table changed.

    Not built at all (``UNREAD``) when it was last built from the same
    files, under the same code and settings.
    """
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
        members.append((dataset, csv))
    if not members:
        return None
    slug, sources = (
        _package().slug,
        sha256(
            "".join(
                f"{dataset.slug} {csv.sha256}\n" for dataset, csv in members
            ).encode()
        ),
    )
    if not every and built_from(slug, sources):
        return UNREAD
    path = scratch_folder(held) / "paquete.zip"
    package_zip_write(members, path)
    version = version_publish(
        dataset=_package(),
        files={FileFormat.ZIP: path},
        digest=file_sha256(path),
        actor=actor,
    )
    built_from_note(slug, sources)
    return version


@transaction.atomic
def version_publish(
    *,
    dataset: Dataset,
    files: dict[str, bytes | Path],
    digest: str,
    rows: int | None = None,
    years: tuple[int, int] | None = None,
    actor: Actor,
) -> DatasetVersion | None:
    """Record a version of ``dataset`` with ``files``, unless ``digest`` is unchanged.

    ``digest`` is what decides a change (of a table's plain CSV): other
    formats may carry the time they were written (a workbook does). A file
    is its bytes or the path of a file written beforehand, copied in pieces.
    """
    _lock(dataset.slug)
    if _is_latest_digest(dataset.slug, digest):
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
    files: dict[str, bytes | Path],
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
    version: DatasetVersion, file_format: str, content: bytes | Path, stamp: str
) -> PublishedFile:
    name = f"{version.dataset}-{stamp}.{file_format}"
    if isinstance(content, Path):
        record = PublishedFile(
            version=version,
            format=file_format,
            size=content.stat().st_size,
            sha256=file_sha256(content),
        )
        with content.open("rb") as handle:
            record.file.save(name, File(handle), save=False)
    else:
        record = PublishedFile(
            version=version,
            format=file_format,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        record.file.save(name, ContentFile(content), save=False)
    record.save()
    return record
