"""The platform's metrics for Prometheus, declared once (docs/deploy.md).

Every series the platform exposes is declared here and only here: the apps
import the metric they count and call it, and the scrape
(``ruta.common.ops.scrape``, served by ``config.metrics``) and the shipped alert
rules' test read ``REGISTRY`` and ``GAUGES``. Labels take bounded values
only: a route's name (never the path someone typed), a status code, a
declared importer, task, queue or message kind, a fixed outcome. No
address, account, mailbox or phone ever becomes a label.

gunicorn serves the site from several processes and ``ruta worker`` runs the
jobs in others. With ``RUTA_METRICS_DIR`` set, each process writes its
counts to a file of its own in that folder (prometheus_client's
multiprocess mode) and a scrape sums every file, so any worker that answers
the scrape answers for all the processes of its machine; the files of
processes gone are folded and removed (``ruta.common.ops.metricsfolder``).
What the database knows (the queue's depth, stalled jobs, the replica's
lag) is read when scraped, never counted (``GAUGES``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, values

# prometheus_client picks its kind of value when first imported; the
# settings name the folder before anything imports it.
MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
if os.environ.get(MULTIPROCESS_VARIABLE) and values.ValueClass is values.MutexValue:
    raise RuntimeError(
        "prometheus_client was imported before the settings named RUTA_METRICS_DIR"
    )

REGISTRY = CollectorRegistry(auto_describe=True)

# A request's answer in seconds: the pages' budget is well under one second,
# the request timeout 30.
SECONDS_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
QUERY_BUCKETS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500)
# Jobs, imports and publishes run from a second to many minutes.
LONG_SECONDS_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 1800.0, 3600.0, 7200.0)

UNMATCHED = "unmatched"  # a request refused before any route was matched

http_requests = Counter(
    "ruta_http_requests",
    "Requests answered, by route name and status code.",
    ["view", "status"],
    registry=REGISTRY,
)
http_request_seconds = Histogram(
    "ruta_http_request_seconds",
    "Seconds from a request's arrival to its answer, by route name.",
    ["view"],
    buckets=SECONDS_BUCKETS,
    registry=REGISTRY,
)
http_request_queries = Histogram(
    "ruta_http_request_queries",
    "Database queries one request made, by route name.",
    ["view"],
    buckets=QUERY_BUCKETS,
    registry=REGISTRY,
)
jobs = Counter(
    "ruta_jobs",
    "Background jobs run, by task and outcome (succeeded, failed).",
    ["task", "outcome"],
    registry=REGISTRY,
)
job_seconds = Histogram(
    "ruta_job_seconds",
    "Seconds a background job ran, by task.",
    ["task"],
    buckets=LONG_SECONDS_BUCKETS,
    registry=REGISTRY,
)
imports = Counter(
    "ruta_imports",
    "Imports run, by importer and outcome (loaded, refused, failed).",
    ["importer", "outcome"],
    registry=REGISTRY,
)
import_rows = Counter(
    "ruta_import_rows",
    "Rows read by loaded imports, by importer.",
    ["importer"],
    registry=REGISTRY,
)
import_findings = Counter(
    "ruta_import_findings",
    "Findings recorded by loaded imports, by importer.",
    ["importer"],
    registry=REGISTRY,
)
import_seconds = Histogram(
    "ruta_import_seconds",
    "Seconds an import ran, by importer.",
    ["importer"],
    buckets=LONG_SECONDS_BUCKETS,
    registry=REGISTRY,
)
publishes = Counter(
    "ruta_publishes",
    "Runs of the open-data publish, by outcome (succeeded, failed).",
    ["outcome"],
    registry=REGISTRY,
)
publish_seconds = Histogram(
    "ruta_publish_seconds",
    "Seconds a publish of the open-data files ran.",
    buckets=LONG_SECONDS_BUCKETS,
    registry=REGISTRY,
)
publish_datasets = Counter(
    "ruta_publish_datasets",
    "Datasets a publish went through, by result (published, unchanged, unread).",
    ["result"],
    registry=REGISTRY,
)
mail_sends = Counter(
    "ruta_mail_sends",
    "Messages handed to the mail server, by kind and outcome (sent, retried, refused).",
    ["kind", "outcome"],
    registry=REGISTRY,
)
whatsapp_sends = Counter(
    "ruta_whatsapp_sends",
    "Messages posted to the WhatsApp Cloud API, by kind and outcome (sent, failed).",
    ["kind", "outcome"],
    registry=REGISTRY,
)
download_refusals = Counter(
    "ruta_download_builds_refused",
    "Downloads not built, by reason (busy: every build slot taken; "
    "too_large: over RUTA_DOWNLOAD_MAX_ROWS).",
    ["reason"],
    registry=REGISTRY,
)

# What the database answers at each scrape (``ruta.common.ops.scrape``).
GAUGES = {
    "ruta_database_up": "Whether the primary database answered the scrape's reads.",
    "ruta_queue_jobs_waiting": "Jobs due and waiting for a worker, by queue.",
    "ruta_queue_jobs_running": "Jobs a worker is running, by queue.",
    "ruta_queue_oldest_wait_seconds": "Seconds the oldest due job has waited, "
    "by queue.",
    "ruta_queue_workers_alive": "Queue workers whose heartbeat is recent.",
    "ruta_queue_jobs_stalled": "Jobs still running for a worker that stopped.",
    "ruta_replica_lag_seconds": "Seconds the read replica replays behind the primary.",
}


def request_view(resolver_match: Any) -> str:
    """Return the route's name for a label: never the path, which anyone types."""
    name = getattr(resolver_match, "view_name", "") or ""
    return name or UNMATCHED


def timed(histogram: Histogram, **labels: str) -> Callable[[], None]:
    """Start timing; return the function that records the seconds since."""
    started = time.perf_counter()

    def record() -> None:
        observed = histogram.labels(**labels) if labels else histogram
        observed.observe(time.perf_counter() - started)

    return record


class RequestMetricsMiddleware:
    """Count each answer by route and status; time it and count its queries.

    Second outermost, just inside the request log: what an inner layer
    refused (a guard, a rate limit) is counted under ``unmatched`` or its route.
    """

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        counter = _QueryCounter()
        started = time.perf_counter()
        with counter.counting():
            response = self.get_response(request)
        seconds = time.perf_counter() - started
        view = request_view(getattr(request, "resolver_match", None))
        http_requests.labels(view=view, status=str(response.status_code)).inc()
        http_request_seconds.labels(view=view).observe(seconds)
        http_request_queries.labels(view=view).observe(counter.count)
        return response


class _QueryCounter:
    """Count the queries every database connection of this thread makes."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], *query: Any) -> Any:
        self.count += 1
        return execute(*query)

    def counting(self) -> ExitStack:
        from django.db import connections

        stack = ExitStack()
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(self))
        return stack


def multiprocess_directory() -> str:
    """Return the folder every process keeps its counts in ("" when none)."""
    return os.environ.get(MULTIPROCESS_VARIABLE, "").strip()


def declared_series() -> set[str]:
    """Return the name of every series the platform exposes, as a scrape writes it.

    A counter ``x`` is written ``x_total`` (and ``x_created``), a histogram
    as ``x_bucket``, ``x_count`` and ``x_sum``; the database's gauges as named.
    """
    suffixes = {
        "counter": ("_total", "_created"),
        "histogram": ("_bucket", "_count", "_sum", "_created"),
        "gauge": ("",),
    }
    names = set(GAUGES)
    for family in REGISTRY.collect():
        names.update(family.name + suffix for suffix in suffixes[family.type])
    return names
