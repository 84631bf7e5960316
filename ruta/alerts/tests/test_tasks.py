"""The alerts' jobs in the background queue."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from ruta.alerts.models import Delivery, DeliveryState
from ruta.alerts.services import events_detect
from ruta.alerts.tasks import ALERTS_QUEUE, alerts_send_task
from ruta.alerts.tests.helpers import ACTOR, follow_by_email
from ruta.works.models import Work, WorkStatus


def test_the_worker_takes_the_alerts_queue(monkeypatch):
    from ruta.ingest.management.commands import worker

    started = []
    monkeypatch.setattr(worker, "call_command", lambda *args: started.append(args))
    call_command("worker", "--one-shot")
    (queues,) = [arg for arg in started[0] if arg.startswith("--queues=")]
    assert ALERTS_QUEUE in queues.removeprefix("--queues=").split(",")


def test_the_periodic_task_detects_and_sends(smtp, work):
    follow_by_email(work, "tere@example.org")
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    summary = alerts_send_task(int(timezone.now().timestamp()))
    assert summary[:2] == ["1 events", "1 sent"]
    assert Delivery.objects.get().state == DeliveryState.SENT
    assert len(smtp.messages) == 1


def test_the_send_command_is_the_same_job(smtp, work, capsys):
    follow_by_email(work, "ugo@example.org")
    call_command("alerts", "send")
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    call_command("alerts", "send")
    call_command("alerts", "send")
    assert len(smtp.messages) == 1
    assert "1 sent" in capsys.readouterr().out
