"""The daily deadlines job runs in the background queue, once a day, idempotent."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.grants import tasks
from ruta.grants.models import Notice, ReportStatus
from testkit.grants import funded_agreement
from testkit.queue import run_worker_once


def utc_timestamp(day, hour: int) -> int:
    return int(datetime(day.year, day.month, day.day, hour, tzinfo=UTC).timestamp())


def test_the_job_is_scheduled_every_day_at_the_configured_hour():
    periodic = app.periodic_registry.periodic_tasks[(tasks.DAILY_TASK, "grants-daily")]
    assert periodic.task.queue == tasks.DAILY_QUEUE
    assert periodic.cron == "0 12 * * *"


def test_the_hour_is_configurable(settings):
    settings.RUTA_GRANTS_DAILY_HOUR = 7
    assert tasks.daily_cron() == "0 7 * * *"


def test_a_tick_is_dated_in_the_platform_time_zone(settings):
    settings.TIME_ZONE = "America/Mexico_City"
    # 03:00 UTC on 2 June is still 1 June in central Mexico (UTC-6).
    tick = int(datetime(2021, 6, 2, 3, tzinfo=UTC).timestamp())
    assert tasks.tick_date(tick) == date(2021, 6, 1)


# The worker takes jobs on its own connection: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_day_once_even_when_queued_twice(smtp):
    """§5 A: a late report suspends the disbursements — once, with one notice."""
    agreement, _staff, _applicant = funded_agreement()
    report = agreement.reports.order_by("period_end").first()
    late = report.due_on + timedelta(days=1)
    tasks.grants_daily_task.defer(timestamp=utc_timestamp(late, 12))
    tasks.grants_daily_task.defer(timestamp=utc_timestamp(late, 18))  # a retry
    queued = ProcrastinateJob.objects.filter(task_name=tasks.DAILY_TASK)
    assert {job.queue_name for job in queued} == {"grants"}
    run_worker_once()
    assert set(queued.values_list("status", flat=True)) == {"succeeded"}
    report.refresh_from_db()
    assert report.status == ReportStatus.OVERDUE
    assert agreement.sanctions.filter(cause="report_late").count() == 1
    assert Notice.objects.filter(key=f"overdue:{report.pk}").count() == 1
    overdue = [body for _to, body in smtp.messages if "Informe vencido" in body]
    assert len(overdue) == 1
