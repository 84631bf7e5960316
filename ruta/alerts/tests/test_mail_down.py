"""With the mail server down, signing up and alerting still work: the mail waits."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from ruta.alerts.models import Delivery, DeliveryState, Subscription
from ruta.alerts.services import deliveries_send, events_detect
from ruta.alerts.tests.helpers import ACTOR, follow_by_email, link_path
from ruta.common.mail import mail_outbox_send
from ruta.common.models import MailState, OutboundMail
from ruta.works.models import Work, WorkStatus


def test_signing_up_with_the_mail_server_down_answers_and_the_mail_follows(
    client, mail_server, work, django_capture_on_commit_callbacks
):
    cache.clear()
    page = f"/es-mx/avisos/seguir/work/{work.public_id}/"
    answers = []
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(client.post(page, {"email": f"p{number}@example.org"}))
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert "Revise su correo" in answers[0].content.decode()  # the usual answer
    assert Subscription.objects.count() == 3
    down = timezone.now()
    assert mail_outbox_send(now=down).retrying == 1  # refused: the run stops
    assert OutboundMail.objects.filter(state=MailState.QUEUED).count() == 3
    mail_server.start()
    assert mail_outbox_send(now=down + timedelta(minutes=1)).sent == 3
    assert mail_outbox_send(now=down + timedelta(hours=2)).sent == 0
    received = sorted(to for (to,), _text in mail_server.inbox.messages)
    assert received == ["p0@example.org", "p1@example.org", "p2@example.org"]
    confirm = link_path(
        mail_server.inbox.parsed()[0].get_content(), "/avisos/confirmar/"
    )
    assert client.post(confirm).status_code == 200


def test_the_alerts_rate_still_paces_what_is_handed_to_the_mail_queue(
    mail_server, work, settings
):
    settings.RUTA_ALERTS_RATE_PER_MINUTE = {"email": 2, "whatsapp": 60}
    for number in range(3):
        follow_by_email(work, f"s{number}@example.org")
    OutboundMail.objects.all().delete()  # the confirmations are not the point
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    assert events_detect(actor=ACTOR) == 1
    outcome = deliveries_send(now=timezone.now(), actor=ACTOR)
    assert (outcome.sent, outcome.waiting) == (2, 1)
    assert OutboundMail.objects.count() == 2
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 2
    mail_server.start()
    assert mail_outbox_send().sent == 2
