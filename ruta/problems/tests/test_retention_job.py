"""The contact-expiry job: scheduled daily, run by the worker and by a command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.problems import tasks
from ruta.problems.models import ProblemReport
from testkit.factories.problems import ProblemReportFactory
from testkit.queue import run_worker_once


def _closed_long_ago(report: ProblemReport, days: int) -> None:
    ProblemReport.objects.filter(pk=report.pk).update(
        status="resolved", closed_at=timezone.now() - timedelta(days=days)
    )


def test_the_job_is_scheduled_daily_in_its_queue():
    periodic = app.periodic_registry.periodic_tasks[
        (tasks.EXPIRE_TASK, "problems-expire-contacts")
    ]
    assert periodic.task.queue == tasks.EXPIRE_QUEUE
    assert periodic.cron == "40 4 * * *"


def test_the_command_erases_expired_contact_and_says_how_many(work, settings):
    settings.RUTA_REPORTER_CONTACT_RETENTION_DAYS = 10
    expired, kept = ProblemReportFactory(work=work), ProblemReportFactory(work=work)
    _closed_long_ago(expired, 11)
    out = StringIO()
    call_command("problems", "expire-contacts", stdout=out)
    assert "contact data erased from 1 report(s)" in out.getvalue()
    assert not ProblemReport.objects.get(pk=expired.pk).has_contact
    assert ProblemReport.objects.get(pk=kept.pk).has_contact


# The worker takes jobs on its own connection: this test commits.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_queued_job(settings):
    settings.RUTA_REPORTER_CONTACT_RETENTION_DAYS = 10
    with transaction.atomic():  # a work's funding must add up when it commits
        report = ProblemReportFactory()
    _closed_long_ago(report, 30)
    tasks.contacts_expire_task.defer(timestamp=int(timezone.now().timestamp()))
    run_worker_once()
    queued = ProcrastinateJob.objects.filter(task_name=tasks.EXPIRE_TASK)
    assert set(queued.values_list("status", flat=True)) == {"succeeded"}
    assert not ProblemReport.objects.get(pk=report.pk).has_contact
