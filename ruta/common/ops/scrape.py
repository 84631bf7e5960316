"""What a Prometheus scrape answers: the counts of every process, and the
database's state read at that moment (docs/deploy.md).

The counts are ``ruta.common.ops.metrics``'s: with a folder gathering them
(``RUTA_METRICS_DIR``) every process's, summed, the files of processes
gone folded first (``ruta.common.ops.metricsfolder``); else this process's own.
The database's gauges (``metrics.GAUGES``) are read at each scrape, never
counted: the queue's depth from the unfinished jobs alone, its health as
readiness reads it, the replica's lag. Each read is bounded by
``READ_TIMEOUT_MS``; a primary that does not answer is
``ruta_database_up 0``, a replica that does not answer leaves its lag out.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import DatabaseError, connections, transaction
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.multiprocess import MultiProcessCollector

from ruta.common.db.replica import REPLICA, replica_configured, replica_lag_seconds
from ruta.common.ops.metrics import GAUGES, REGISTRY, multiprocess_directory
from ruta.common.ops.metricsfolder import GONE, files_of_processes_gone
from ruta.common.ops.queue import QueueDepth, QueueHealth, queue_depths, queue_health

READ_TIMEOUT_MS = 1000
# The kinds of files the platform's metrics write (no gauge is counted: the
# database's are read at the scrape), and the scrapes' lock beside them.
FOLDED_KINDS = ("counter", "histogram")
LOCK_FILE = "scrape.lock"
logger = logging.getLogger(__name__)


def metrics_exposition(*, database: bool = True) -> tuple[bytes, str]:
    """Return the scrape's text and its content type.

    Every process's counts when a folder gathers them, else this process's;
    then what the database says now (``database``).
    """
    registry = CollectorRegistry(auto_describe=False)
    directory = multiprocess_directory()
    if directory:
        MultiProcessCollector(registry, path=directory)
    else:
        registry.register(_Declared())  # type: ignore[arg-type]  # a collector by its collect()
    if database:
        registry.register(DatabaseCollector())  # type: ignore[arg-type]  # likewise
    if not directory:
        return generate_latest(registry), CONTENT_TYPE_LATEST
    with _folder_held(Path(directory)):
        files_gone_fold(Path(directory))
        return generate_latest(registry), CONTENT_TYPE_LATEST


@contextmanager
def _folder_held(folder: Path) -> Iterator[None]:
    """Hold the folder against other scrapes: one folds or sums at a time.

    Only scrapes take it; the processes writing their own files never wait.
    """
    with (folder / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def files_gone_fold(folder: Path) -> int:
    """Fold the counts of processes no longer running into one file per kind.

    Return how many files were folded. Counters and histograms add up, so
    the sums a scrape reads are the same before and after; under the
    folder's lock, no scrape reads between the fold and the removal.
    """
    folded = 0
    for kind in FOLDED_KINDS:
        gone = files_of_processes_gone(folder, kind)
        if not gone:
            continue
        kept = MmapedDict(str(folder / f"{kind}_{GONE}.db"))
        try:
            for path in gone:
                _fold(kept, path)
                path.unlink()
                folded += 1
        finally:
            kept.close()
    return folded


def _fold(kept: MmapedDict, path: Path) -> None:
    for key, value, timestamp, _position in MmapedDict.read_all_values_from_file(
        str(path)
    ):
        total, _ = kept.read_value(key)
        kept.write_value(key, total + value, timestamp)


class _Declared:
    """This process's own counts, when no folder gathers every process's."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


class DatabaseCollector:
    """The gauges read from the database at each scrape (``GAUGES``)."""

    def collect(self) -> Iterator[Metric]:
        """Yield the queue's depth and health and the replica's lag, as read now."""
        found = _primary_read()
        yield _gauge("ruta_database_up", [((), 1.0 if found is not None else 0.0)])
        if found is not None:
            depths, health = found
            yield from _queue_gauges(depths, health)
        lag = _replica_lag()
        if lag is not None:
            yield _gauge("ruta_replica_lag_seconds", [((), lag)])


def _queue_gauges(depths: list[QueueDepth], health: QueueHealth) -> Iterator[Metric]:
    per_queue = {
        "ruta_queue_jobs_waiting": [((d.queue,), float(d.waiting)) for d in depths],
        "ruta_queue_jobs_running": [((d.queue,), float(d.running)) for d in depths],
        "ruta_queue_oldest_wait_seconds": [
            ((d.queue,), d.oldest_wait_seconds) for d in depths
        ],
    }
    for name, samples in per_queue.items():
        yield _gauge(name, samples, "queue")
    yield _gauge("ruta_queue_workers_alive", [((), float(health.workers_alive))])
    yield _gauge("ruta_queue_jobs_stalled", [((), float(health.stalled))])


def _gauge(
    name: str, samples: Iterable[tuple[tuple[str, ...], float]], *labels: str
) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, GAUGES[name], labels=list(labels))
    for label_values, value in samples:
        family.add_metric(list(label_values), value)
    return family


def _bounded(alias: str) -> None:
    """Bound the statements of the current transaction on ``alias``."""
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SET LOCAL statement_timeout = {READ_TIMEOUT_MS}")


def _primary_read() -> tuple[list[QueueDepth], QueueHealth] | None:
    """Return the queue's depths and health; None when the primary did not answer."""
    try:
        with transaction.atomic():
            _bounded("default")
            return queue_depths(), queue_health()
    except DatabaseError:
        logger.warning("metrics: the database did not answer", exc_info=True)
        return None


def _replica_lag() -> float | None:
    """Return the replica's lag; None without a replica or when it did not answer."""
    if not replica_configured():
        return None
    try:
        with transaction.atomic(using=REPLICA):
            _bounded(REPLICA)
            return replica_lag_seconds()
    except DatabaseError:
        logger.warning("metrics: the replica did not answer", exc_info=True)
        return None
