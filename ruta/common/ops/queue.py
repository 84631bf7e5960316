"""The background queue's care of jobs whose worker died.

A ``ruta worker`` (procrastinate) writes a heartbeat every 10 seconds into
``procrastinate_workers``. A job still ``doing`` for a worker silent for
``STALLED_AFTER_SECONDS``, or for a worker already pruned, is stalled: its
worker was killed (``kill -9``, out of memory, the machine stopped) and
nothing else will ever finish it. Each task says once what happens then
(``stalled_rule_register``): it runs again, when doing it twice is harmless
(the mail sender, the grants' daily job), or it ends failed (an import:
staff decide whether to queue its file again). A task that says nothing
ends failed; a periodic one runs again at its next tick anyway.

The periodic check (``ruta.common.queue_check``, every minute) applies the
rules, then runs the sweeps apps register (``queue_sweep_register``), such as
the imports' own check by advisory lock, which sees a dead import at once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import async_to_sync
from django.db import connection, transaction
from procrastinate.contrib.django import app
from procrastinate.exceptions import ConnectorException
from procrastinate.jobs import Status

from ruta.common.ops.requestlog import job_arguments

logger = logging.getLogger(__name__)

# procrastinate's own defaults: a worker beats every 10 s and is taken for
# dead after 30 s of silence.
STALLED_AFTER_SECONDS = 30

OnStalled = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class StalledRule:
    """What happens to a job of ``task`` whose worker died."""

    task: str
    retry: bool
    on_stalled: OnStalled | None = None


_RULES: dict[str, StalledRule] = {}
_SWEEPS: dict[str, Callable[[], int]] = {}


def stalled_rule_register(
    task: str, *, retry: bool, on_stalled: OnStalled | None = None
) -> None:
    """Declare whether a stalled job of ``task`` runs again.

    ``on_stalled`` is called with the job's arguments, to close what the job
    left open.
    """
    _RULES[task] = StalledRule(task, retry, on_stalled)


def stalled_rule(task: str) -> StalledRule:
    """Return the rule of ``task``: the registered one, else "ends failed"."""
    return _RULES.get(task) or StalledRule(task, retry=False)


def queue_sweep_register(name: str, sweep: Callable[[], int]) -> None:
    """Run ``sweep`` at every queue check; it returns how many records it closed."""
    _SWEEPS[name] = sweep


@dataclass
class QueueCheckOutcome:
    """What one queue check did."""

    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    swept: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """Return the summary a command or the job's result prints."""
        return [
            f"{len(self.retried)} stalled jobs queued again",
            f"{len(self.failed)} stalled jobs failed",
            *(f"{name}: {count} closed" for name, count in self.swept.items()),
        ]


def stalled_jobs_recover(
    *, seconds_since_heartbeat: float = STALLED_AFTER_SECONDS
) -> QueueCheckOutcome:
    """Retry or fail every job whose worker stopped beating, by its task's rule."""
    outcome = QueueCheckOutcome()
    manager = app.job_manager
    stalled = async_to_sync(manager.get_stalled_jobs)(
        seconds_since_heartbeat=seconds_since_heartbeat
    )
    for job in stalled:
        if job.id is None:
            continue  # only a job never saved lacks an id; none is stalled
        rule = stalled_rule(job.task_name)
        try:
            # A savepoint: a job another check ended first must not abort a
            # caller's transaction.
            with transaction.atomic():
                retried = _job_end(job, retry=rule.retry)
        except ConnectorException:
            continue  # another check (a second worker's) took it first
        (outcome.retried if retried else outcome.failed).append(job.id)
        logger.warning(
            "job %s (%s) stalled: its worker stopped; %s",
            job.id,
            job.task_name,
            "queued again" if retried else "failed",
        )
        if rule.on_stalled is not None:
            rule.on_stalled(_arguments(job))
    return outcome


def queue_check(
    *, seconds_since_heartbeat: float = STALLED_AFTER_SECONDS
) -> QueueCheckOutcome:
    """Recover stalled jobs, then run every registered sweep."""
    outcome = stalled_jobs_recover(seconds_since_heartbeat=seconds_since_heartbeat)
    for name, sweep in _SWEEPS.items():
        outcome.swept[name] = sweep()
    return outcome


def job_fail(job_id: int) -> bool:
    """End the queue's job ``job_id`` failed (its worker is known to be gone).

    Return False when it had already ended.
    """
    try:
        with transaction.atomic():
            async_to_sync(app.job_manager.finish_job_by_id_async)(
                job_id=job_id, status=Status.FAILED, delete_job=False
            )
    except ConnectorException:
        return False
    return True


def _arguments(job: Any) -> dict[str, Any]:
    """Return a job's arguments (Django's connection hands JSON over as text)."""
    found = job.task_kwargs
    arguments = json.loads(found) if isinstance(found, str | bytes) else dict(found)
    return job_arguments(arguments)


def _job_end(job: Any, *, retry: bool) -> bool:
    """Retry or fail ``job``; return whether it was retried.

    A retry refused because a run of the same task already waits (its
    queueing lock) ends the job failed instead: that run does the work.
    """
    if retry:
        try:
            with transaction.atomic():
                async_to_sync(app.job_manager.retry_job)(job)
        except ConnectorException:
            logger.info("job %s not retried: another run already waits", job.id)
        else:
            return True
    async_to_sync(app.job_manager.finish_job)(
        job, status=Status.FAILED, delete_job=False
    )
    return False


@dataclass(frozen=True)
class QueueHealth:
    """Live workers and stalled jobs, read by readiness and the metrics."""

    workers_alive: int
    stalled: int


def queue_health(
    *, seconds_since_heartbeat: float = STALLED_AFTER_SECONDS
) -> QueueHealth:
    """Count the workers that beat within ``seconds_since_heartbeat`` and the
    jobs still ``doing`` for none of them (stalled)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM procrastinate_workers "
            "WHERE last_heartbeat >= now() - make_interval(secs => %s)",
            [seconds_since_heartbeat],
        )
        alive = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM procrastinate_jobs job "
            "LEFT JOIN procrastinate_workers worker ON worker.id = job.worker_id "
            "AND worker.last_heartbeat >= now() - make_interval(secs => %s) "
            "WHERE job.status = 'doing' AND worker.id IS NULL",
            [seconds_since_heartbeat],
        )
        stalled = cursor.fetchone()[0]
    return QueueHealth(workers_alive=alive, stalled=stalled)


@dataclass(frozen=True)
class QueueDepth:
    """One queue's waiting and running jobs, and how long its oldest due one waited."""

    queue: str
    waiting: int
    running: int
    oldest_wait_seconds: float


# The most queues a reading lists: the platform declares about ten.
QUEUES_MOST = 50


def queue_depths() -> list[QueueDepth]:
    """Return each queue's depth, read from the unfinished jobs alone.

    The partial indexes procrastinate keeps on jobs to do or doing make this
    cheap whatever the finished jobs number; a job scheduled for later is
    not waiting until its time comes.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH due AS (SELECT queue_name, status, id, scheduled_at "
            "FROM procrastinate_jobs WHERE status IN ('todo', 'doing') "
            "AND (scheduled_at IS NULL OR scheduled_at <= now())), "
            "oldest AS (SELECT DISTINCT ON (queue_name) queue_name, id, scheduled_at "
            "FROM due WHERE status = 'todo' ORDER BY queue_name, id) "
            "SELECT due.queue_name, count(*) FILTER (WHERE status = 'todo'), "
            "count(*) FILTER (WHERE status = 'doing'), "
            "coalesce(max(EXTRACT(EPOCH FROM now() - greatest(event.at, "
            "oldest.scheduled_at))), 0) "
            "FROM due LEFT JOIN oldest ON oldest.queue_name = due.queue_name "
            "AND oldest.id = due.id LEFT JOIN procrastinate_events event "
            "ON event.job_id = oldest.id AND event.type = 'deferred' "
            "GROUP BY due.queue_name ORDER BY due.queue_name LIMIT %s",
            [QUEUES_MOST],
        )
        rows = cursor.fetchall()
    return [
        QueueDepth(queue, waiting, running, max(0.0, float(wait)))
        for queue, waiting, running, wait in rows
    ]


def queue_problems(
    *, seconds_since_heartbeat: float = STALLED_AFTER_SECONDS
) -> list[str]:
    """Return what keeps the queue from working: no live worker, stalled jobs.

    A worker is alive while its heartbeat is younger than
    ``seconds_since_heartbeat``; a job is stalled as ``stalled_jobs_recover``
    sees it (the periodic check ends it within a minute, so one still there
    means that check is not running either).
    """
    health = queue_health(seconds_since_heartbeat=seconds_since_heartbeat)
    problems = []
    if not health.workers_alive:
        problems.append(f"no worker's heartbeat in {seconds_since_heartbeat:g} s")
    if health.stalled:
        problems.append(f"{health.stalled} jobs stalled")
    return problems
