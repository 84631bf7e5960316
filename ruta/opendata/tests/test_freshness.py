"""The files are never left behind the data: a periodic check queues a publish."""

from __future__ import annotations

import pytest
from django.db import transaction
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.opendata.freshness import files_behind
from ruta.opendata.services import publish_datasets
from ruta.opendata.tasks import (
    CHECK_TASK,
    PUBLISH_QUEUE,
    PUBLISH_TASK,
    publish_check,
)
from ruta.opendata.tests.conftest import ACTOR
from testkit.factories.works import WorkFactory

# Tables' versions are given at commit: this module's tests commit.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.server]


def _queued() -> int:
    jobs = ProcrastinateJob.objects.filter(task_name=PUBLISH_TASK, status="todo")
    return jobs.count()


def test_a_change_after_the_last_publish_queues_one_publish():
    with transaction.atomic():
        WorkFactory(published=True)
    publish_datasets(actor=ACTOR)
    assert not files_behind()
    assert publish_check() is False
    with transaction.atomic():  # a change the files do not have yet
        WorkFactory(published=True)
    assert files_behind()
    assert publish_check() is True
    assert publish_check() is False  # one waits: no second
    assert _queued() == 1
    publish_datasets(actor=ACTOR)
    assert not files_behind()


def test_with_no_publish_finished_the_files_are_behind():
    assert files_behind()
    assert publish_check() is True


def test_the_check_runs_every_ten_minutes_in_the_open_data_queue():
    (check,) = [
        periodic
        for periodic in app.periodic_registry.periodic_tasks.values()
        if periodic.task.name == CHECK_TASK
    ]
    assert check.cron == "*/10 * * * *"
    assert check.task.queue == PUBLISH_QUEUE
