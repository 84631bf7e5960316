"""ARCO rights from a signed link, and the retention periods."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ruta.alerts.models import Subscription, SubscriptionState
from ruta.alerts.services import retention_enforce, subscription_end
from ruta.alerts.tests.helpers import ACTOR, follow_by_email
from ruta.alerts.texts import links_of


def _my_data(subscription: Subscription) -> str:
    return links_of(subscription).my_data.split("8000", 1)[1]


def test_a_person_sees_their_own_data_from_the_link(work):
    subscription = follow_by_email(work, "hugo@example.org")
    page = Client().get(_my_data(subscription))
    assert page.status_code == 200
    assert "hugo@example.org" in page.content.decode()


def test_a_person_corrects_the_address_and_it_must_confirm_again(
    work, smtp, django_capture_on_commit_callbacks
):
    subscription = follow_by_email(work, "ines@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answer = Client().post(
            _my_data(subscription), {"action": "correct", "email": "ines2@example.org"}
        )
    assert answer.status_code == 200
    subscription.refresh_from_db()
    assert subscription.email == "ines2@example.org"
    assert subscription.state == SubscriptionState.PENDING
    assert [to for to, _text in smtp.messages] == [["ines2@example.org"]]


def test_a_bad_address_correction_is_refused_and_changes_nothing(work):
    subscription = follow_by_email(work, "jose@example.org")
    answer = Client().post(
        _my_data(subscription), {"action": "correct", "email": "no-es-correo"}
    )
    assert answer.status_code == 400
    subscription.refresh_from_db()
    assert subscription.email == "jose@example.org"
    assert subscription.state == SubscriptionState.CONFIRMED


def test_erasing_blanks_the_contact_and_kills_the_links(work):
    subscription = follow_by_email(work, "kim@example.org")
    address = _my_data(subscription)
    answer = Client().post(address, {"action": "erase"})
    assert answer.status_code == 200
    subscription.refresh_from_db()
    assert (subscription.email, subscription.phone) == ("", "")
    assert subscription.state == SubscriptionState.ENDED
    assert subscription.confirmed_at is not None  # kept for the figures
    assert Client().get(address).status_code == 400


def test_the_audit_history_never_holds_a_subscribers_contact(work):
    subscription = follow_by_email(work, "leo@example.org")
    events = list(subscription.events.values())
    assert events
    assert all("leo@example.org" not in str(row) for row in events)
    assert "email" not in events[0]
    assert "phone" not in events[0]


def test_retention_deletes_old_requests_and_erases_ended_contacts(work, settings):
    from ruta.alerts.models import ChannelKind
    from ruta.alerts.selectors import target_resolve
    from ruta.alerts.services import subscription_request

    target = target_resolve("work", work.public_id)
    stale = subscription_request(
        target=target, channel=ChannelKind.EMAIL, email="old@example.org", actor=ACTOR
    )
    ended = follow_by_email(work, "gone@example.org")
    kept = follow_by_email(work, "stays@example.org")
    subscription_end(subscription=ended, actor=ACTOR)
    later = timezone.now() + timedelta(
        days=max(
            settings.RUTA_ALERTS_PENDING_RETENTION_DAYS,
            settings.RUTA_ALERTS_ENDED_RETENTION_DAYS,
        )
        + 1
    )
    outcome = retention_enforce(now=later, actor=ACTOR)
    assert (outcome.unconfirmed_deleted, outcome.ended_erased) == (1, 1)
    assert not Subscription.objects.filter(pk=stale.pk).exists()
    ended.refresh_from_db()
    kept.refresh_from_db()
    assert ended.email == ""
    assert kept.email == "stays@example.org"


def test_the_retention_command_runs_the_same_job(work, capsys):
    call_command("alerts", "retention")
    assert "unconfirmed subscriptions deleted" in capsys.readouterr().out
