"""Jobs of dead workers: each task's rule says whether they run again."""

from __future__ import annotations

import pytest
from django.db import connection
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.common.mail import MAIL_LOCK, MAIL_QUEUE, MAIL_TASK, mail_wake
from ruta.common.ops.queue import queue_check, stalled_rule
from ruta.common.tasks import (
    CHECK_QUEUE,
    CHECK_TASK,
    QUEUE_KEPT_DAYS,
    queue_retention_task,
)
from ruta.ingest.jobs import JOB_TASK
from testkit.queue import run_worker_once

pytestmark = pytest.mark.server


def _doing(task: str, queue: str, worker: int, **arguments) -> int:
    job_id = app.configure_task(task, queue=queue).defer(**arguments)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s "
            "WHERE id = %s",
            [worker, job_id],
        )
    return job_id


def _worker(seconds_since_heartbeat: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) "
            "VALUES (now() - make_interval(secs => %s)) RETURNING id",
            [seconds_since_heartbeat],
        )
        return cursor.fetchone()[0]


def _status(job_id: int) -> str:
    return ProcrastinateJob.objects.get(pk=job_id).status


@pytest.mark.django_db
def test_a_dead_workers_mail_runs_again_and_other_jobs_end_failed():
    dead = _worker(seconds_since_heartbeat=45)
    mail = _doing(MAIL_TASK, MAIL_QUEUE, dead)
    alerts = _doing("ruta.alerts.send", "alerts", dead, timestamp=0)
    outcome = queue_check()
    assert (outcome.retried, outcome.failed) == ([mail], [alerts])
    assert _status(mail) == "todo"
    assert _status(alerts) == "failed"


@pytest.mark.django_db
def test_a_dead_workers_mail_run_ends_when_another_run_already_waits():
    dead = _worker(seconds_since_heartbeat=45)
    stalled = _doing(MAIL_TASK, MAIL_QUEUE, dead)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_jobs SET queueing_lock = %s WHERE id = %s",
            [MAIL_LOCK, stalled],
        )
    mail_wake()  # a run waits, holding the queueing lock
    outcome = queue_check()
    assert (outcome.retried, outcome.failed) == ([], [stalled])
    assert _status(stalled) == "failed"


@pytest.mark.django_db
def test_a_live_workers_jobs_are_left_alone():
    alive = _worker(seconds_since_heartbeat=5)
    mail = _doing(MAIL_TASK, MAIL_QUEUE, alive)
    outcome = queue_check()
    assert (outcome.retried, outcome.failed) == ([], [])
    assert _status(mail) == "doing"


def test_an_import_is_never_run_again_by_itself():
    assert stalled_rule(JOB_TASK).retry is False
    assert stalled_rule(MAIL_TASK).retry is True


def test_the_check_runs_every_minute_before_other_waiting_jobs():
    (check,) = [
        periodic
        for periodic in app.periodic_registry.periodic_tasks.values()
        if periodic.task.name == CHECK_TASK
    ]
    assert check.cron == "* * * * *"
    assert check.configure_kwargs["priority"] > 0


def _finished(task: str, queue: str, status: str, days_ago: int, **arguments) -> int:
    """Return a job of ``task`` that ended ``status`` ``days_ago`` days ago."""
    job_id = app.configure_task(task, queue=queue).defer(**arguments)
    with connection.cursor() as cursor:
        for step in ("doing", status):
            cursor.execute(
                "UPDATE procrastinate_jobs SET status = %s WHERE id = %s",
                [step, job_id],
            )
        _backdated(cursor, job_id, days_ago)
    return job_id


def _backdated(cursor, job_id: int, days_ago: int) -> None:
    cursor.execute(
        "UPDATE procrastinate_events SET at = now() - make_interval(days => %s) "
        "WHERE job_id = %s",
        [days_ago, job_id],
    )


# The worker takes jobs on its own connection: this test commits.
@pytest.mark.django_db(transaction=True)
def test_the_retention_removes_every_queues_jobs_finished_long_enough_ago():
    kept_days = QUEUE_KEPT_DAYS
    old_mail = _finished(MAIL_TASK, MAIL_QUEUE, "succeeded", kept_days + 1)
    old_alerts = _finished("ruta.alerts.send", "alerts", "failed", kept_days + 1)
    recent = _finished(MAIL_TASK, MAIL_QUEUE, "succeeded", kept_days - 1)
    waiting = app.configure_task(MAIL_TASK, queue=MAIL_QUEUE, schedule_in={"days": 1})
    waiting_id = waiting.defer()
    with connection.cursor() as cursor:
        _backdated(cursor, waiting_id, kept_days + 1)
    queue_retention_task.defer(timestamp=0)
    run_worker_once()
    remaining = set(ProcrastinateJob.objects.values_list("id", flat=True))
    assert not {old_mail, old_alerts} & remaining
    assert {recent, waiting_id} <= remaining


def test_the_retention_runs_daily_in_the_checks_queue():
    periodic = app.periodic_registry.periodic_tasks[
        (queue_retention_task.name, "queue-retention")
    ]
    assert periodic.task.queue == CHECK_QUEUE
    assert periodic.cron == "50 3 * * *"
