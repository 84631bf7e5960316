"""E-mail alerts end to end, against a local SMTP server."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from unittest import mock

from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from ruta.alerts import rules, services
from ruta.alerts.models import (
    AlertEvent,
    Delivery,
    DeliveryState,
    Subscription,
    SubscriptionState,
)
from ruta.alerts.services import deliveries_send, digests_send, events_detect
from ruta.alerts.tests.helpers import ACTOR, follow_by_email, link_path
from ruta.works.models import Work, WorkStatus
from testkit.factories.works import ProgressFactory


def _body(message: EmailMessage) -> str:
    return message.get_content()


def _follow_page(work: Work) -> str:
    return f"/es-mx/avisos/seguir/work/{work.public_id}/"


def _status_change(work: Work, status: str) -> None:
    Work.objects.filter(pk=work.pk).update(status=status)


def test_the_double_opt_in_arrives_and_only_its_link_confirms(
    client, smtp, work, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(_follow_page(work), {"email": "Ana@Example.org"})
    assert answer.status_code == 200
    assert [to for to, _text in smtp.messages] == [["ana@example.org"]]
    subscription = Subscription.objects.get()
    assert subscription.state == SubscriptionState.PENDING
    confirm = link_path(_body(smtp.parsed()[0]), "/avisos/confirmar/")
    assert client.get(confirm).status_code == 200  # a scanner's GET spends nothing
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.PENDING
    assert client.post(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.CONFIRMED


def test_an_alert_arrives_and_its_one_click_unsubscribe_works(smtp, work):
    subscription = follow_by_email(work, "beto@example.org")
    events_detect(actor=ACTOR)  # the cursor starts at the newest event
    _status_change(work, WorkStatus.CONTRACTED)
    assert events_detect(actor=ACTOR) == 1
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 1
    (alert,) = smtp.parsed()
    assert "HMO-2024-0777" in _body(alert)
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = link_path(alert["List-Unsubscribe"], "/avisos/baja/")
    strict = Client(enforce_csrf_checks=True)  # a mail client has no session
    answer = strict.post(
        unsubscribe,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 200
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.ENDED
    _status_change(work, WorkStatus.IN_EXECUTION)
    events_detect(actor=ACTOR)
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 0
    assert len(smtp.messages) == 1


def test_every_alert_links_to_the_persons_own_data(smtp, work):
    follow_by_email(work, "carla@example.org")
    events_detect(actor=ACTOR)
    ProgressFactory(work=work)
    events_detect(actor=ACTOR)
    deliveries_send(now=timezone.now(), actor=ACTOR)
    my_data = link_path(_body(smtp.parsed()[0]), "/avisos/mis-datos/")
    page = Client().get(my_data)
    assert page.status_code == 200
    assert "carla@example.org" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")


def test_a_replayed_confirmation_link_is_refused_and_changes_nothing(
    client, smtp, work, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_follow_page(work), {"email": "dora@example.org"})
    confirm = link_path(_body(smtp.parsed()[0]), "/avisos/confirmar/")
    client.post(confirm)
    before = Subscription.objects.values().get()
    replay = client.post(confirm)
    assert replay.status_code == 400
    assert "ya se usó" in replay.content.decode()
    assert Subscription.objects.values().get() == before


def test_a_forged_confirmation_link_is_refused(
    client, smtp, work, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_follow_page(work), {"email": "eva@example.org"})
    confirm = link_path(_body(smtp.parsed()[0]), "/avisos/confirmar/")
    forged = confirm.rstrip("/")[:-3] + "xyz/"
    answer = client.post(forged)
    assert answer.status_code == 400
    assert "no es válido" in answer.content.decode()
    assert Subscription.objects.get().state == SubscriptionState.PENDING


def test_an_expired_confirmation_link_is_refused(
    client, smtp, work, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_follow_page(work), {"email": "fer@example.org"})
    confirm = link_path(_body(smtp.parsed()[0]), "/avisos/confirmar/")
    later = timezone.now().timestamp() + (settings.RUTA_ALERTS_CONFIRM_HOURS + 1) * 3600
    with mock.patch.object(signing.time, "time", return_value=later):
        answer = client.post(confirm)
    assert answer.status_code == 400
    assert "venció" in answer.content.decode()
    assert Subscription.objects.get().state == SubscriptionState.PENDING


def test_a_flood_of_sign_ups_from_one_address_is_throttled(
    client, smtp, work, settings, django_capture_on_commit_callbacks
):
    cache.clear()
    settings.RUTA_ALERTS_SIGNUPS_PER_HOUR = 3
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(_follow_page(work), {"email": f"p{n}@example.org"})
            for n in range(5)
        ]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert Subscription.objects.count() == 3
    assert len(smtp.messages) == 3
    assert "Demasiadas solicitudes" in answers[-1].content.decode()


def test_a_filled_honeypot_is_ignored_silently(client, smtp, work):
    answer = client.post(
        _follow_page(work), {"email": "robot@example.org", "website": "spam"}
    )
    assert answer.status_code == 200
    assert Subscription.objects.count() == 0


def test_a_bad_address_is_refused_at_its_field(client, smtp, work):
    answer = client.post(_follow_page(work), {"email": "no-es-correo"})
    assert answer.status_code == 400
    assert Subscription.objects.count() == 0


def test_a_weekly_digest_gathers_the_events_in_one_message(smtp, work):
    follow_by_email(work, "gil@example.org", digest=True)
    events_detect(actor=ACTOR)
    _status_change(work, WorkStatus.CONTRACTED)
    ProgressFactory(work=work)
    assert events_detect(actor=ACTOR) == 2
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 0
    assert digests_send(now=timezone.now(), actor=ACTOR) == 1
    assert digests_send(now=timezone.now(), actor=ACTOR) == 0
    (digest,) = smtp.parsed()
    assert _body(digest).count("- Obra HMO-2024-0777") == 2
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert AlertEvent.objects.count() == 2


def test_an_address_has_one_pending_confirmation_whose_page_lists_all_it_confirms(
    client, smtp, work, hermosillo, django_capture_on_commit_callbacks
):
    place = f"/es-mx/avisos/seguir/municipality/{hermosillo.code}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_follow_page(work), {"email": "gil@example.org"})
        client.post(place, {"email": "gil@example.org"})
        client.post(_follow_page(work), {"email": "gil@example.org"})
    assert len(smtp.messages) == 1  # asked three times: one link
    confirm = link_path(_body(smtp.parsed()[0]), "/avisos/confirmar/")
    page = client.get(confirm).content.decode()
    assert work.public_id in page
    assert "Hermosillo" in page
    assert client.post(confirm).status_code == 200
    states = set(Subscription.objects.values_list("state", flat=True))
    assert states == {SubscriptionState.CONFIRMED}
    assert Subscription.objects.count() == 2


def test_a_later_request_replaces_the_pending_link_with_a_fresh_one(
    client, smtp, work, hermosillo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_follow_page(work), {"email": "hilda@example.org"})
    first = link_path(_body(smtp.parsed()[0]), "/avisos/confirmar/")
    later = timezone.now() + rules.CONFIRMATION_REUSED_FOR + timedelta(minutes=1)
    with (
        mock.patch.object(services.timezone, "now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(
            f"/es-mx/avisos/seguir/municipality/{hermosillo.code}/",
            {"email": "hilda@example.org"},
        )
    second = link_path(_body(smtp.parsed()[1]), "/avisos/confirmar/")
    body = _body(smtp.parsed()[1])
    assert "Hermosillo" in body
    assert work.public_id in body  # the older request, under the fresh link
    assert client.post(first).status_code == 400  # the older link died
    assert client.post(second).status_code == 200
    assert not Subscription.objects.filter(state=SubscriptionState.PENDING).exists()


def test_past_its_days_links_a_mailbox_is_refused_and_nothing_is_kept(
    client, mail_server, work, settings, django_capture_on_commit_callbacks
):
    settings.RUTA_EMAIL_CONFIRMATIONS_PER_DAY = 1
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_follow_page(work), {"email": "ivan+1@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(_follow_page(work), {"email": "ivan+2@example.org"})
    assert refused.status_code == 429
    assert "ya recibió hoy todos los códigos y enlaces" in refused.content.decode()
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "ivan+1@example.org"
    ]
