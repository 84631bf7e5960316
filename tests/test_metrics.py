"""Metrics for Prometheus: what a scrape shows, who may scrape, every process summed.

The counts live in the process (``ruta.common.ops.metrics.REGISTRY``) and grow
from test to test, so each test reads a series before and after what it does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from procrastinate.contrib.django import app
from prometheus_client.parser import text_string_to_metric_families

from ruta.accounts.actors import command_actor
from ruta.alerts.channels import ChannelError, WhatsAppChannel
from ruta.alerts.message_templates import ALERT
from ruta.alerts.models import MessageKind
from ruta.common.mail import DeclaredEmail, mail_outbox_send, mail_queue
from ruta.common.models import MailKind
from ruta.common.ops.metrics import MULTIPROCESS_VARIABLE, UNMATCHED
from ruta.common.ops.metricsfolder import GONE, metrics_folder_prepare
from ruta.common.ops.scrape import metrics_exposition
from ruta.common.web.builds import BUILD_LOCK_SPACE
from ruta.demo.documents.sat69b import sat_sample_bytes
from ruta.ingest.importers import IMPORTERS
from ruta.opendata.services import publish_datasets
from ruta.sources.findings import DocumentError

ROOT = Path(__file__).resolve().parent.parent
METRICS = "/metrics/"
ACTOR = command_actor("metrics tests")

Series = dict[tuple[str, frozenset[tuple[str, str]]], float]


def _series(text: str) -> Series:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _scraped(client) -> Series:
    answer = client.get(METRICS)
    assert answer.status_code == 200
    return _series(answer.content.decode())


def _value(series: Series, name: str, **labels: str) -> float:
    return series.get((name, frozenset(labels.items())), 0.0)


def _own(name: str, **labels: str) -> float:
    """Return a series of this process's counts, without reading the database."""
    text = metrics_exposition(database=False)[0].decode()
    return _value(_series(text), name, **labels)


@pytest.mark.django_db
def test_a_scrape_shows_requests_by_route_and_status_never_by_path(client):
    view = {"view": "health-live"}
    before = _scraped(client)
    for _ in range(3):
        client.get(reverse("health-live"))
    client.get("/es-mx/no-hay-tal-pagina-tecolote/")
    text = client.get(METRICS).content.decode()
    after = _series(text)
    counted = {"view": "health-live", "status": "200"}
    assert (
        _value(after, "ruta_http_requests_total", **counted)
        - _value(before, "ruta_http_requests_total", **counted)
        == 3
    )
    seconds = "ruta_http_request_seconds_count"
    assert _value(after, seconds, **view) - _value(before, seconds, **view) == 3
    # Liveness reads nothing: three requests, none with a query.
    queries = {**view, "le": "0.0"}
    bucket = "ruta_http_request_queries_bucket"
    assert _value(after, bucket, **queries) - _value(before, bucket, **queries) == 3
    # An address nobody routes is counted as unmatched: the path typed
    # never becomes a label (a word no figure's digits can spell).
    assert "tecolote" not in text
    assert _value(after, "ruta_http_requests_total", view=UNMATCHED, status="404") >= 1


@pytest.mark.django_db
@pytest.mark.server
def test_a_scrape_reads_the_queues_depth_and_health_from_the_database(client):
    app.configure_task("ruta.common.queue_check", queue="metricas").defer(timestamp=0)
    series = _scraped(client)
    assert _value(series, "ruta_database_up") == 1
    assert _value(series, "ruta_queue_jobs_waiting", queue="metricas") == 1
    assert _value(series, "ruta_queue_jobs_running", queue="metricas") == 0
    assert _value(series, "ruta_queue_oldest_wait_seconds", queue="metricas") >= 0
    assert _value(series, "ruta_queue_workers_alive") == 0
    assert _value(series, "ruta_queue_jobs_stalled") == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.server
def test_a_job_the_worker_runs_is_counted_by_task_and_outcome():
    from ruta.common.tasks import CHECK_QUEUE, CHECK_TASK
    from testkit.queue import run_worker_once

    labels = {"task": CHECK_TASK, "outcome": "succeeded"}
    before = _own("ruta_jobs_total", **labels)
    app.configure_task(CHECK_TASK, queue=CHECK_QUEUE).defer(timestamp=0)
    run_worker_once()
    assert _own("ruta_jobs_total", **labels) == before + 1
    assert _own("ruta_job_seconds_count", task=CHECK_TASK) >= 1


@pytest.mark.django_db
def test_an_import_is_counted_once_with_its_rows_findings_and_outcome(tmp_path):
    sat = IMPORTERS["sat-69b"]
    kind = {"importer": sat.name}
    path = tmp_path / "Listado_Completo_69-B.csv"
    path.write_bytes(sat_sample_bytes())
    loaded = {**kind, "outcome": "loaded"}
    runs = _own("ruta_imports_total", **loaded)
    rows = _own("ruta_import_rows_total", **kind)
    result = sat.load(path=path, actor=ACTOR)
    assert _own("ruta_imports_total", **loaded) == runs + 1
    assert _own("ruta_import_rows_total", **kind) == rows + result.records_read
    assert result.records_read > 0
    assert _own("ruta_import_seconds_count", **kind) >= 1
    # A refused file is counted refused; a preview (dry run) is not counted.
    refused = {**kind, "outcome": "refused"}
    before_refused = _own("ruta_imports_total", **refused)
    bad = tmp_path / "malo.csv"
    bad.write_bytes(sat_sample_bytes((("ABC150312AB1", "EJEMPLO", "Investigado", {}),)))
    with pytest.raises(DocumentError):
        sat.load(path=bad, actor=ACTOR)
    assert _own("ruta_imports_total", **refused) == before_refused + 1
    sat.load(path=path, actor=ACTOR, dry_run=True)
    assert _own("ruta_imports_total", **loaded) == runs + 1


@pytest.mark.django_db
def test_a_publish_is_counted_with_its_datasets_and_seconds():
    before = _own("ruta_publishes_total", outcome="succeeded")
    seconds = _own("ruta_publish_seconds_count")
    outcome = publish_datasets(actor=ACTOR)
    assert _own("ruta_publishes_total", outcome="succeeded") == before + 1
    assert _own("ruta_publish_seconds_count") == seconds + 1
    counted = sum(
        _own("ruta_publish_datasets_total", result=result)
        for result in outcome.results()
    )
    assert counted >= sum(len(slugs) for slugs in outcome.results().values())


@pytest.mark.django_db
def test_the_scrape_answers_only_the_networks_allowed_and_is_never_kept(client):
    answer = client.get(METRICS)
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    # Another address; loopback relaying someone through a proxy not trusted.
    assert client.get(METRICS, REMOTE_ADDR="203.0.113.9").status_code == 404
    relayed = client.get(METRICS, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert relayed.status_code == 404
    with override_settings(
        RUTA_TRUSTED_PROXIES=["127.0.0.1"], RUTA_METRICS_ALLOWED=["10.20.0.0/16"]
    ):
        # Behind a trusted proxy: the address it reports decides.
        assert client.get(METRICS, HTTP_X_FORWARDED_FOR="10.20.3.4").status_code == 200
        assert client.get(METRICS, HTTP_X_FORWARDED_FOR="10.21.3.4").status_code == 404
        assert client.get(METRICS).status_code == 404  # loopback no longer listed


# A process of the platform: the settings read first, as every entry point does.
CHILD = """
import config.settings.test
from ruta.common.ops import metrics
metrics.jobs.labels(task="ruta.tests.sumado", outcome="succeeded").inc(%d)
"""


def _process_counts(folder: Path, count: int) -> None:
    """Run a process of the platform that counts ``count`` jobs, in ``folder``."""
    environment = {**os.environ, "RUTA_METRICS_DIR": str(folder)}
    environment.pop(MULTIPROCESS_VARIABLE, None)  # the settings set it
    subprocess.run(
        [sys.executable, "-c", CHILD % count],
        env=environment,
        cwd=ROOT,
        check=True,
        timeout=120,
    )


def test_every_process_counts_in_the_folder_and_a_scrape_sums_them(
    tmp_path, monkeypatch
):
    labels = {"task": "ruta.tests.sumado", "outcome": "succeeded"}
    for count in (2, 3):
        _process_counts(tmp_path, count)
    assert len(list(tmp_path.glob("counter_*.db"))) == 2
    monkeypatch.setenv(MULTIPROCESS_VARIABLE, str(tmp_path))
    assert _own("ruta_jobs_total", **labels) == 5
    # The scrape folded the files of the processes gone into one per kind,
    # and the sums read the same after it and after the next process.
    assert sorted(path.name for path in tmp_path.glob("*.db")) == [
        f"counter_{GONE}.db",
        f"histogram_{GONE}.db",
    ]
    assert _own("ruta_jobs_total", **labels) == 5
    _process_counts(tmp_path, 4)
    assert _own("ruta_jobs_total", **labels) == 9
    assert len(list(tmp_path.glob("counter_*.db"))) == 1


def test_a_servers_start_removes_the_counts_of_processes_gone_only(tmp_path):
    _process_counts(tmp_path, 1)
    ended = list(tmp_path.glob("*.db"))
    folded = tmp_path / f"counter_{GONE}.db"
    folded.write_bytes(b"")
    # This process stands for a queue worker that runs on.
    running = tmp_path / f"counter_{os.getpid()}.db"
    running.write_bytes(b"")
    assert metrics_folder_prepare(str(tmp_path)) == len(ended) + 1
    assert [path.name for path in tmp_path.glob("*.db")] == [running.name]


@pytest.mark.django_db
def test_a_message_the_mail_server_takes_is_counted_sent_by_kind():
    sent = {"kind": MailKind.NOTICE, "outcome": "sent"}
    before = _own("ruta_mail_sends_total", **sent)
    message = DeclaredEmail("s", "b", to=["alguien@example.mx"], kind=MailKind.NOTICE)
    mail_queue(messages=[message])
    assert mail_outbox_send().sent == 1
    assert _own("ruta_mail_sends_total", **sent) == before + 1


def _whatsapp_counts() -> list[float]:
    return [
        _own("ruta_whatsapp_sends_total", kind=MessageKind.ALERT, outcome=outcome)
        for outcome in ("sent", "failed")
    ]


def _api_down(payload: dict) -> dict:
    raise ChannelError("whatsapp: down")


@pytest.mark.django_db
def test_a_whatsapp_message_is_counted_sent_or_failed_by_kind():
    sent, failed = _whatsapp_counts()
    values = ["algo", "https://example.mx/o", "https://example.mx/d"]
    phone = "+526621234567"
    WhatsAppChannel(post=lambda payload: {}).template(
        phone, ALERT, values, MessageKind.ALERT
    )
    with pytest.raises(ChannelError):
        WhatsAppChannel(post=_api_down).template(
            phone, ALERT, values, MessageKind.ALERT
        )
    assert _whatsapp_counts() == [sent + 1, failed + 1]


@pytest.mark.django_db
def test_a_download_refused_for_want_of_a_build_slot_is_counted(client, settings):
    busy = _own("ruta_download_builds_refused_total", reason="busy")
    settings.RUTA_DOWNLOAD_BUILDS = 1
    other = connections["default"].copy()
    try:
        with other.cursor() as cursor:  # every slot taken by another build
            cursor.execute("SELECT pg_advisory_lock(%s, 0)", [BUILD_LOCK_SPACE])
        assert client.get(reverse("works:download", args=["csv"])).status_code == 503
    finally:
        other.close()
    assert _own("ruta_download_builds_refused_total", reason="busy") == busy + 1
