"""The daily reminders: the agency's staff get one e-mail per report and day."""

from __future__ import annotations

from datetime import date

import pytest
from procrastinate.contrib.django import app

from ruta.accounts.actors import command_actor
from ruta.ingest.management.commands.worker import QUEUES
from ruta.timeliness import tasks
from ruta.timeliness.models import Reminder
from ruta.timeliness.services import reminders_send

pytestmark = pytest.mark.django_db

ACTOR = command_actor("calendar tests")
THE_DAY_BEFORE = date(2024, 7, 11)  # the second quarter is due on 12 July


def test_the_day_before_a_quarter_is_due_its_staff_are_reminded_once(unit, mailoutbox):
    outcome = reminders_send(today=THE_DAY_BEFORE, actor=ACTOR)
    key = f"poa-trimestre:{unit.unit_program.pk}:2"
    assert outcome.sent == [f"{key} → 2"]
    assert sorted(address for m in mailoutbox for address in m.to) == sorted(
        [unit.capture.email, unit.validator.email]
    )
    assert {m.kind for m in mailoutbox} == {"notice"}
    assert "12 de julio de 2024" in mailoutbox[0].subject
    again = reminders_send(today=THE_DAY_BEFORE, actor=ACTOR)
    assert again.sent == []
    assert Reminder.objects.filter(key=key).count() == 1
    assert len(mailoutbox) == 2


def test_no_reminder_two_days_before_or_once_delivered(unit):
    assert reminders_send(today=date(2024, 7, 10), actor=ACTOR).sent == []
    # The first quarter was captured on 10 April, before its reminder on the 12th.
    assert reminders_send(today=date(2024, 4, 12), actor=ACTOR).sent == []


def test_the_reminders_run_daily_in_a_queue_the_worker_takes():
    periodic = app.periodic_registry.periodic_tasks[
        (tasks.REMINDERS_TASK, "calendar-reminders")
    ]
    assert periodic.task.queue == tasks.REMINDERS_QUEUE
    assert periodic.cron == "0 12 * * *"
    assert tasks.REMINDERS_QUEUE in QUEUES
