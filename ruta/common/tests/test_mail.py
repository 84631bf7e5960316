"""The queued mail: stored with the caller's work, sent once, outwaiting the server."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_string, policy
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.common import mail as outbox
from ruta.common.models import MailKind, MailState, OutboundMail
from testkit.mailserver import Inbox, Refusing, mail_server_down


@pytest.fixture
def server(settings):
    """A mail server, down until the test starts it."""
    server = mail_server_down(settings, Inbox())
    yield server
    server.stop()


def _send(to: str = "ana@example.org", subject: str = "Aviso") -> None:
    send_mail(subject, "Cuerpo del aviso.", "avisos@example.org", [to])


@pytest.mark.django_db
def test_a_message_is_stored_as_sent_and_the_sender_woken_at_commit(
    server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(subject="Confirme sus avisos")
    stored = OutboundMail.objects.get()
    assert stored.state == MailState.QUEUED
    assert stored.recipients == ["ana@example.org"]
    parsed = message_from_string(bytes(stored.content).decode(), policy=policy.default)
    assert parsed["Message-ID"] == stored.message_id
    assert parsed["Subject"] == "Confirme sus avisos"
    assert ProcrastinateJob.objects.filter(
        task_name=outbox.MAIL_TASK, status="todo"
    ).exists()


@pytest.mark.django_db
def test_mail_of_work_rolled_back_is_never_queued(server):
    def failing_work() -> None:
        with transaction.atomic():
            _send()
            raise RuntimeError("the caller's work failed")

    with pytest.raises(RuntimeError):
        failing_work()
    assert not OutboundMail.objects.exists()


@pytest.mark.django_db
def test_the_sender_hands_each_message_over_once(server):
    server.start()
    _send()
    assert outbox.mail_outbox_send().sent == 1
    assert outbox.mail_outbox_send().sent == 0
    (received,) = server.inbox.parsed()
    stored = OutboundMail.objects.get()
    assert received["Message-ID"] == stored.message_id
    assert (stored.state, stored.attempts) == (MailState.SENT, 1)


@pytest.mark.django_db
def test_with_the_server_down_the_message_waits_and_goes_when_it_is_back(server):
    _send()
    now = timezone.now()
    first = outbox.mail_outbox_send(now=now)
    assert (first.sent, first.retrying) == (0, 1)
    waiting = OutboundMail.objects.get()
    assert waiting.state == MailState.QUEUED
    assert waiting.next_attempt_at == now + timedelta(minutes=1)
    assert "Connection refused" in waiting.error
    server.start()
    assert outbox.mail_outbox_send(now=now + timedelta(seconds=30)).sent == 0
    assert outbox.mail_outbox_send(now=now + timedelta(minutes=1)).sent == 1
    assert len(server.inbox.messages) == 1


def test_the_wait_doubles_up_to_an_hour():
    waits = [outbox.retry_delay(n) for n in (1, 2, 3, 7, 8, 30)]
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 60, 60, 60)]


@pytest.mark.django_db
def test_once_the_server_takes_a_message_the_rest_waiting_follow(server):
    for number in range(3):
        _send(to=f"p{number}@example.org")
    now = timezone.now()
    outbox.mail_outbox_send(now=now)  # one tried, the server down: the run stops
    assert OutboundMail.objects.filter(attempts=1).count() == 1
    server.start()
    # The retried one is not due yet; the other two are, and after them it
    # goes too, the server being up.
    assert outbox.mail_outbox_send(now=now + timedelta(seconds=5)).sent == 3


@pytest.mark.django_db
def test_a_refusal_for_good_fails_the_message_with_the_reply(settings):
    server = mail_server_down(settings, Refusing())
    server.start()
    try:
        _send(to="nadie@example.org")
        _send(to="ana@example.org")
        outcome = outbox.mail_outbox_send()
    finally:
        server.stop()
    refused = OutboundMail.objects.get(recipients=["nadie@example.org"])
    assert refused.state == MailState.FAILED
    assert "550" in refused.error
    assert outcome.sent == 1  # the next message still went
    assert outbox.mail_failed_requeue() == 1
    assert OutboundMail.objects.get(pk=refused.pk).state == MailState.QUEUED


@pytest.mark.django_db
def test_a_refusal_for_now_is_retried_then_given_up(settings):
    server = mail_server_down(settings, Refusing())
    server.start()
    try:
        _send(to="lleno@example.org")
        now = timezone.now()
        outbox.mail_outbox_send(now=now)
        full = OutboundMail.objects.get()
        assert full.state == MailState.QUEUED
        assert "452" in full.error
        OutboundMail.objects.update(attempts=outbox.MAX_ATTEMPTS - 1)
        outbox.mail_outbox_send(now=now + timedelta(hours=2))
    finally:
        server.stop()
    assert OutboundMail.objects.get().state == MailState.FAILED


@pytest.mark.django_db
def test_a_claim_whose_sender_died_is_sent_again_with_the_same_message_id(server):
    server.start()
    _send()
    claimed = timezone.now() - outbox.CLAIM_LEASE - timedelta(seconds=1)
    OutboundMail.objects.update(state=MailState.SENDING, claimed_at=claimed, attempts=1)
    assert outbox.mail_outbox_send().sent == 1
    stored = OutboundMail.objects.get()
    assert stored.attempts == 2
    assert stored.error == outbox.UNKNOWN_OUTCOME
    assert server.inbox.parsed()[0]["Message-ID"] == stored.message_id


@pytest.mark.django_db
def test_a_fresh_claim_is_left_to_its_sender(server):
    server.start()
    _send()
    OutboundMail.objects.update(state=MailState.SENDING, claimed_at=timezone.now())
    assert outbox.mail_outbox_send().sent == 0
    assert server.inbox.messages == []


@pytest.mark.django_db
def test_the_rate_holds_the_rest_for_the_next_minute(server, settings):
    settings.RUTA_EMAIL_PER_MINUTE = 2
    server.start()
    for number in range(3):
        _send(to=f"p{number}@example.org")
    now = timezone.now()
    outcome = outbox.mail_outbox_send(now=now)
    assert (outcome.sent, outcome.waiting) == (2, 1)
    assert outbox.mail_outbox_send(now=now + timedelta(seconds=10)).sent == 0
    assert outbox.mail_outbox_send(now=now + timedelta(seconds=61)).sent == 1


@pytest.mark.django_db
def test_retention_keeps_the_record_not_the_content(server, settings):
    server.start()
    _send()
    outbox.mail_outbox_send()
    later = timezone.now() + timedelta(days=settings.RUTA_EMAIL_KEEP_DAYS, hours=1)
    assert outbox.mail_retention_enforce(now=later) == 1
    kept = OutboundMail.objects.get()
    assert (kept.recipients, kept.subject, bytes(kept.content)) == ([], "", b"")
    assert kept.state == MailState.SENT
    assert kept.message_id


@pytest.mark.django_db
def test_the_delivery_backend_receives_the_message_as_stored(settings):
    settings.EMAIL_BACKEND = outbox.OUTBOX_BACKEND
    message = EmailMessage("Asunto ñ", "Texto con acentos: ó", to=["ana@example.org"])
    message.send()
    outbox.mail_outbox_send()
    (delivered,) = mail.outbox
    assert (delivered.subject, delivered.to) == ("Asunto ñ", ["ana@example.org"])
    assert "acentos: ó" in delivered.body


def test_nothing_but_the_sender_talks_to_a_mail_server():
    root = Path(outbox.__file__).resolve().parents[1]
    talking = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "mail.py"
        and ("smtplib" in path.read_text() or "get_connection(" in path.read_text())
    ]
    assert talking == []


# ------------------------------------------------- urgent first, per mailbox


def _confirm(to: str, body: str = "Enlace 1", purpose: str = "alerts.confirm"):
    outbox.mail_send(
        kind=MailKind.CONFIRMATION,
        to=to,
        subject="Confirme",
        body=body,
        purpose=purpose,
    )


@pytest.mark.django_db
def test_a_code_is_sent_before_a_backlog_of_other_mail(server, settings):
    settings.RUTA_EMAIL_PER_MINUTE = 2
    for number in range(5):
        _confirm(f"victima{number}@example.org")
    _send(to="aviso@example.org")
    outbox.mail_send(
        kind=MailKind.CODE, to="votante@example.org", subject="Código", body="123456"
    )
    server.start()
    assert outbox.mail_outbox_send().sent == 2
    first = [to for (to,), _text in server.inbox.messages]
    assert first[0] == "votante@example.org"
    assert OutboundMail.objects.get(kind=MailKind.CODE).urgent


def test_the_urgent_kinds_are_codes_and_sign_in_links():
    assert {MailKind.CODE, MailKind.SIGN_IN} == outbox.URGENT_KINDS
    assert MailKind.CONFIRMATION not in outbox.URGENT_KINDS


@pytest.mark.django_db
def test_a_mailbox_has_one_confirmation_waiting_however_its_address_is_spelled(
    server,
):
    _confirm("victima+1@example.org", "Enlace 1")
    _confirm("Victima+2@example.org", "Enlace 2")
    _confirm("victima@example.org", "Otro asunto", purpose="grants.signup:7")
    waiting = OutboundMail.objects.filter(purpose="alerts.confirm")
    (one,) = waiting
    assert one.recipients == ["Victima+2@example.org"]  # as the caller wrote it
    assert b"Enlace 2" in bytes(one.content)
    parsed = message_from_string(bytes(one.content).decode(), policy=policy.default)
    assert parsed["Message-ID"] == one.message_id
    assert OutboundMail.objects.count() == 2
    server.start()
    outbox.mail_outbox_send()
    _confirm("victima+3@example.org", "Enlace 3")  # the last one went: a new one
    assert OutboundMail.objects.filter(purpose="alerts.confirm").count() == 2


@pytest.mark.django_db
def test_a_mailbox_gets_its_days_confirmations_and_no_more(server, settings):
    settings.RUTA_EMAIL_CONFIRMATIONS_PER_DAY = 3
    server.start()
    for number in range(3):
        _confirm(f"victima+{number}@gmail.com", purpose=f"form:{number}")
        outbox.mail_outbox_send()
    with pytest.raises(outbox.RecipientLimitReached):
        _confirm("v.i.c.t.i.m.a@googlemail.com", purpose="form:9")
    _confirm("otra@gmail.com", purpose="form:9")  # another mailbox: its own count
    _send(to="victima@gmail.com")  # a notice to a known address is not counted
    assert len(server.inbox.messages) == 3
    day_after = timezone.now() + timedelta(days=1, minutes=1)
    with mock.patch.object(outbox.timezone, "now", return_value=day_after):
        _confirm("victima@gmail.com", purpose="form:10")


@pytest.mark.django_db
def test_the_mailbox_key_is_a_keyed_hash_erased_with_the_address(server, settings):
    _confirm("victima@example.org")
    stored = OutboundMail.objects.get()
    assert "victima" not in stored.recipient_key
    assert len(stored.recipient_key) == 64
    server.start()
    outbox.mail_outbox_send()
    settings.RUTA_EMAIL_KEEP_DAYS = 1
    later = timezone.now() + timedelta(days=2)
    outbox.mail_retention_enforce(now=later)
    stored.refresh_from_db()
    assert (stored.recipient_key, stored.purpose, stored.recipients) == ("", "", [])


@pytest.mark.django_db
def test_a_subject_quoting_a_name_with_line_breaks_is_one_header_line(server):
    outbox.mail_send(
        kind="notice",
        to="ana@example.org",
        subject="Solicitud de «Colectivo\r\nBcc: otra@example.org»",
        body="Cuerpo.",
    )
    stored = OutboundMail.objects.get()
    parsed = message_from_string(bytes(stored.content).decode(), policy=policy.default)
    assert parsed["Subject"].strip() == "Solicitud de «Colectivo Bcc: otra@example.org»"
    assert parsed["Bcc"] is None
    assert stored.recipients == ["ana@example.org"]
