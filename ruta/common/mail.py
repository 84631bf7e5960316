"""Every mail the platform sends goes through one queue: SMTP down is no error.

``EMAIL_BACKEND`` is ``OutboxBackend``: Django's ``send_mail``,
``EmailMessage.send()`` and ``mail_admins`` store each message as an
``OutboundMail`` row, in the caller's transaction (a mail about something
rolled back is never sent), and wake the sender, a procrastinate task that
``ruta worker`` runs. The person sees the normal confirmation whatever the
mail server does.

The sender (``mail_outbox_send``) hands each due message to the real backend
(``RUTA_EMAIL_DELIVERY_BACKEND``: SMTP, or the console in development):

- a message is claimed (``SENDING``, committed) before it is handed over and
  marked ``SENT`` when the server acknowledged it; one already sent is never
  sent again, whoever runs the sender and however often;
- a server that cannot be reached, refuses the login or drops the line stops
  the run: the message is tried again 1, 2, 4 … minutes later (at most an
  hour apart), never given up, and once a message goes through the rest
  waiting follows at once;
- a message refused for good (a 5xx reply) is ``FAILED`` with the reply,
  and one refused for now (a 4xx reply to its recipients or content) is
  given up after ``MAX_ATTEMPTS``; ``ruta mail retry`` queues them again;
- a claim whose sender died (the worker was killed mid-exchange) is taken
  again after ``CLAIM_LEASE``: whether the server had the message is not
  known, so it is sent again with the same ``Message-ID``, by which a
  receiving system can drop the copy. SMTP has no way to ask a server
  whether it kept a message; that is the one case a message can arrive
  twice;
- at most ``RUTA_EMAIL_PER_MINUTE`` messages are handed over a minute (the
  provider's limit); the rest wait for the next run;
- urgent mail goes first: whoever queues a message declares its kind
  (``mail_send``), and ``URGENT_KINDS`` says, once, which kinds are urgent
  (a vote's code lasts 15 minutes; a sign-in link is waited for at the
  screen), so a backlog of anything else never holds them.

Messages to an address someone typed without signing in (a code, a link to
confirm: ``CONFIRMING_KINDS``) may not reach its owner, so whoever typed it
must not be able to fill a mailbox: each is counted against the mailbox it
reaches (``ruta.common.text.contacts.mailbox_key``, kept as a keyed hash), at
most ``RUTA_EMAIL_CONFIRMATIONS_PER_DAY`` in 24 hours
(``RecipientLimitReached``), and a newer message of the same purpose to the
same mailbox replaces one still waiting, in its place in the line, instead
of queueing another.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ruta.common.models import MailKind, MailState, OutboundMail
from ruta.common.ops import metrics
from ruta.common.ops.requestlog import job_defer
from ruta.common.refusals import refusal
from ruta.common.text.contacts import email_clean, mailbox_key

logger = logging.getLogger(__name__)

MAIL_TASK, MAIL_QUEUE, MAIL_LOCK = "ruta.common.mail_send", "mail", "mail-send"
OUTBOX_BACKEND = "ruta.common.mail.OutboxBackend"
# A claim older than this belongs to a sender that died; generous beside
# EMAIL_TIMEOUT, so a slow server is never mistaken for a dead sender.
CLAIM_LEASE = timedelta(minutes=10)
RETRY_FIRST = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)
# A message its server refuses for now (4xx to its recipients or content)
# is given up after this many attempts; an unreachable server is waited for.
MAX_ATTEMPTS = 10
UNKNOWN_OUTCOME = (
    "the previous attempt's outcome is unknown (its sender stopped); "
    "sent again with the same Message-ID"
)

# The one declaration of which kinds of message go first.
URGENT_KINDS = frozenset({MailKind.CODE, MailKind.SIGN_IN})
# The kinds sent to an address someone typed without signing in: limited
# per mailbox a day, and one waiting per purpose.
CONFIRMING_KINDS = frozenset({MailKind.CODE, MailKind.CONFIRMATION})
CONFIRMING_WINDOW = timedelta(days=1)


class RecipientLimitReached(Exception):
    """The mailbox already had its day's confirmations; nothing was queued."""


def recipient_limit_refusal(field: str, limit: int | None = None) -> ValidationError:
    """Return how a request is refused whose contact had its day's codes and links."""
    return refusal(
        _(
            "Ese contacto ya recibió hoy todos los códigos y enlaces que le "
            "enviamos en un día (%(limit)s). Use el último que le llegó o "
            "intente mañana."
        )
        % {"limit": limit or settings.RUTA_EMAIL_CONFIRMATIONS_PER_DAY},
        "recipient_limit",
        field,
    )


class DeclaredEmail(EmailMessage):
    """A message that says what it is: its kind, and for a confirming kind
    what it is about (``purpose``: a newer one replaces one still waiting)."""

    def __init__(self, *args: Any, kind: str, purpose: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kind, self.purpose = MailKind(kind), purpose


def subject_line(text: str) -> str:
    """Return ``text`` as one header line: every run of whitespace one space."""
    return " ".join(text.split())


def mail_send(
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    purpose: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    """Queue one message to ``to``, declaring its kind (so its place in line).

    A confirming kind raises ``RecipientLimitReached`` when the mailbox had
    its day's share, queueing nothing; ``purpose`` names what a newer
    message to the same mailbox replaces while this one waits.
    """
    DeclaredEmail(
        subject, body, to=[to], headers=headers or {}, kind=kind, purpose=purpose
    ).send()


def confirmation_allowed(address: str, purpose: str = "") -> bool:
    """Return whether a confirming message to ``address`` would be queued now.

    For a caller that queues it when its transaction commits (so a rollback
    sends nothing) and must refuse before: a message of the same purpose
    still waiting would be replaced, else the mailbox's day must have room.
    The outbox checks again when it queues.
    """
    key = recipient_key(address)
    if (
        purpose
        and OutboundMail.objects.filter(
            recipient_key=key, purpose=purpose, state=MailState.QUEUED, attempts=0
        ).exists()
    ):
        return True
    return _confirmations_today(key) < settings.RUTA_EMAIL_CONFIRMATIONS_PER_DAY


def _confirmations_today(key: str) -> int:
    since = timezone.now() - CONFIRMING_WINDOW
    return OutboundMail.objects.filter(
        recipient_key=key, kind__in=CONFIRMING_KINDS, created__gte=since
    ).count()


def recipient_key(address: str) -> str:
    """Return the keyed hash of the mailbox ``address`` reaches.

    Keyed with the site's secret, so the outbox's counts name no one to a
    reader of the table.
    """
    mailbox = mailbox_key(address) or email_clean(address) or address.lower()
    return salted_hmac(
        "ruta.common.mail.recipient", mailbox, algorithm="sha256"
    ).hexdigest()


class OutboxBackend(BaseEmailBackend):
    """Django's mail backend that queues each message instead of sending it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        """Queue ``email_messages``; return how many were queued."""
        return len(mail_queue(messages=email_messages))


@transaction.atomic
def mail_queue(*, messages: Iterable[EmailMessage]) -> list[OutboundMail]:
    """Store each message as it will be sent, and wake the sender at commit.

    A message without recipients is skipped, as Django's backends skip it.
    """
    queued = [_stored(message) for message in messages if message.recipients()]
    if queued:
        transaction.on_commit(mail_wake)
    return queued


def _stored(message: EmailMessage) -> OutboundMail:
    # A subject is one line whatever it quotes (an organisation's name, a
    # work's title): a line break would end the header, and Django refuses
    # such a subject with an error.
    message.subject = subject_line(str(message.subject))
    kind = getattr(message, "kind", MailKind.NOTICE)
    mail = OutboundMail(kind=kind, urgent=kind in URGENT_KINDS)
    if kind in CONFIRMING_KINDS:
        mail = _confirming(message, mail)
    mail.message_id = _message_id(message, kept=mail.message_id)
    content = message.message().as_bytes(linesep="\n")  # type: ignore[call-arg]  # Django 5.2's MIME classes take linesep
    mail.sender = message.from_email
    mail.recipients = list(message.recipients())
    mail.subject = str(message.subject)[:250]
    mail.content = content.replace(b"\r\n", b"\n")
    mail.save()
    return mail


def _message_id(message: EmailMessage, *, kept: str) -> str:
    """Return the Message-ID the message carries: ``kept`` (a waiting
    message replaced keeps its own), the caller's, or a new one.

    One Message-ID for every attempt: how a receiving system tells a copy.
    """
    named = {name.lower(): name for name in message.extra_headers}
    if kept:
        message.extra_headers.pop(named.get("message-id", ""), None)
        message.extra_headers["Message-ID"] = kept
        return kept
    if "message-id" not in named:
        message.extra_headers["Message-ID"] = make_msgid(domain=DNS_NAME)
        return message.extra_headers["Message-ID"]
    return message.extra_headers[named["message-id"]]


def _confirming(message: EmailMessage, mail: OutboundMail) -> OutboundMail:
    """Return the row a confirming message takes: the waiting one of its
    purpose to the same mailbox, else a new one within the day's limit."""
    (address,) = message.recipients()  # one person, one count
    mail.recipient_key = recipient_key(address)
    mail.purpose = getattr(message, "purpose", "")
    with connection.cursor() as cursor:  # one request per mailbox at a time
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"mail-recipient:{mail.recipient_key}"],
        )
    waiting = _waiting(mail.recipient_key, mail.purpose) if mail.purpose else None
    if waiting is not None:
        return waiting
    if _confirmations_today(mail.recipient_key) >= (
        settings.RUTA_EMAIL_CONFIRMATIONS_PER_DAY
    ):
        raise RecipientLimitReached(mail.recipient_key[:8])
    return mail


def _waiting(key: str, purpose: str) -> OutboundMail | None:
    """Return the message of ``purpose`` to the mailbox still waiting, never tried."""
    return (
        OutboundMail.objects.select_for_update()
        .filter(recipient_key=key, purpose=purpose, state=MailState.QUEUED, attempts=0)
        .order_by("id")
        .first()
    )


def mail_wake() -> None:
    """Queue a run of the sender unless one is already waiting."""
    from procrastinate.contrib.django import app
    from procrastinate.exceptions import AlreadyEnqueued

    try:
        # A savepoint: the lock's unique violation must not abort a caller's
        # transaction.
        with transaction.atomic():
            job_defer(
                app.configure_task(MAIL_TASK, queue=MAIL_QUEUE, queueing_lock=MAIL_LOCK)
            )
    except AlreadyEnqueued:
        logger.debug("a run of the mail sender is already queued")


# ------------------------------------------------------------------ sending


class StoredEmail(EmailMessage):
    """A queued message, handed to a backend exactly as it was stored."""

    def __init__(self, mail: OutboundMail) -> None:
        parsed = message_from_bytes(bytes(mail.content), policy=policy.default)
        body = parsed.get_body(("plain",))
        super().__init__(
            subject=str(parsed.get("Subject", "")),
            body=body.get_content() if body is not None else "",
            from_email=mail.sender,
            to=list(mail.recipients),
        )
        self.raw = bytes(mail.content)

    def recipients(self) -> list[str]:
        return list(self.to)

    def message(self, **kwargs: Any) -> _RawMessage:  # type: ignore[override]  # the stored bytes, not a message built anew
        return _RawMessage(self.raw)


class _RawMessage:
    """The stored bytes, as Django's backends read a MIME message."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self.raw.replace(b"\n", linesep.encode())

    def get_charset(self) -> None:
        return None


@dataclass
class MailSendOutcome:
    """What one run of the sender did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    waiting: int = 0  # held back by the rate
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return the summary a command or the job's result prints."""
        return [
            f"{self.sent} sent",
            f"{self.retrying} to try again",
            f"{self.failed} refused",
            f"{self.waiting} waiting for the rate",
            *self.errors,
        ]


class _ServerDown(Exception):
    """The server could not take any message now; the run stops."""


def mail_outbox_send(*, now: datetime | None = None) -> MailSendOutcome:
    """Hand every due message to the delivery backend, within the rate.

    Returns what was sent, retried and refused.
    """
    now = now or timezone.now()
    outcome = MailSendOutcome()
    budget = _rate_budget(now)
    connection = None
    server_up = False
    try:
        while True:
            if budget <= 0:
                outcome.waiting = _due(now, any_queued=server_up).count()
                break
            mail = _claim(now, any_queued=server_up)
            if mail is None:
                break
            connection = connection or _open(mail, now, outcome)
            if connection is None:
                break
            try:
                _deliver(connection, mail, now, outcome)
            except _ServerDown:
                break
            budget -= 1
            # Once the server takes a message, what waited for it follows.
            server_up = server_up or mail.state == MailState.SENT
    finally:
        _close(connection)
    return outcome


def _close(connection: Any) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except (OSError, smtplib.SMTPException):
        logger.debug("the mail connection was already broken")


def _delivery_backend() -> str:
    backend = settings.RUTA_EMAIL_DELIVERY_BACKEND
    if backend == OUTBOX_BACKEND:
        raise ImproperlyConfigured(
            "RUTA_EMAIL_DELIVERY_BACKEND must send mail (SMTP, console), "
            "not queue it again"
        )
    return backend


def _open(mail: OutboundMail, now: datetime, outcome: MailSendOutcome) -> Any:
    connection = get_connection(_delivery_backend(), fail_silently=False)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as failure:
        _retry_later(mail, now, failure, outcome)
        return None
    return connection


def _deliver(
    connection: Any, mail: OutboundMail, now: datetime, outcome: MailSendOutcome
) -> None:
    try:
        connection.send_messages([StoredEmail(mail)])
    except (OSError, smtplib.SMTPException) as failure:
        kind = failure_kind(failure)
        if kind == "permanent" or (
            kind == "temporary" and mail.attempts >= MAX_ATTEMPTS
        ):
            _fail(mail, failure, outcome)
            return
        _retry_later(mail, now, failure, outcome)
        if kind == "server":
            raise _ServerDown from failure
        return
    _sent(mail, outcome)


def failure_kind(failure: BaseException) -> str:
    """Return whether ``failure`` is the server's ("server"), or the message's
    for now ("temporary") or for good ("permanent")."""
    if isinstance(failure, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in failure.recipients.values()]
        return "permanent" if codes and min(codes) >= 500 else "temporary"
    server = smtplib.SMTPConnectError | smtplib.SMTPHeloError
    if isinstance(failure, server | smtplib.SMTPAuthenticationError):
        return "server"
    if isinstance(failure, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return "permanent" if failure.smtp_code >= 500 else "temporary"
    return "server"  # refused, timed out, disconnected: nothing reached it


# ------------------------------------------------------------ the records


def _due(now: datetime, *, any_queued: bool):
    queued = Q(state=MailState.QUEUED)
    if not any_queued:
        queued &= Q(next_attempt_at__lte=now)
    abandoned = Q(state=MailState.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    return OutboundMail.objects.filter(queued | abandoned).order_by("-urgent", "id")


@transaction.atomic
def _claim(now: datetime, *, any_queued: bool) -> OutboundMail | None:
    """Take the next due message for this run (committed before it is sent)."""
    mail = _due(now, any_queued=any_queued).select_for_update(skip_locked=True).first()
    if mail is None:
        return None
    if mail.state == MailState.SENDING:
        mail.error = UNKNOWN_OUTCOME
    mail.state, mail.claimed_at = MailState.SENDING, now
    mail.attempts += 1
    mail.save(update_fields=["state", "claimed_at", "attempts", "error"])
    return mail


def _sent(mail: OutboundMail, outcome: MailSendOutcome) -> None:
    mail.state, mail.sent_at = MailState.SENT, timezone.now()
    mail.save(update_fields=["state", "sent_at"])
    outcome.sent += 1
    metrics.mail_sends.labels(kind=mail.kind, outcome="sent").inc()


def retry_delay(attempts: int) -> timedelta:
    """Return the wait after the ``attempts``-th failure: 1, 2, 4 … minutes, ≤ 1 h."""
    return min(RETRY_FIRST * 2 ** max(0, attempts - 1), RETRY_CAP)


def _retry_later(
    mail: OutboundMail, now: datetime, failure: BaseException, outcome: MailSendOutcome
) -> None:
    mail.state = MailState.QUEUED
    mail.next_attempt_at = now + retry_delay(mail.attempts)
    mail.error = _describe(failure)
    mail.save(update_fields=["state", "next_attempt_at", "error"])
    outcome.retrying += 1
    metrics.mail_sends.labels(kind=mail.kind, outcome="retried").inc()
    outcome.errors.append(f"{mail.message_id}: {mail.error}")
    logger.warning("mail %s not sent, tried again later: %s", mail.pk, mail.error)


def _fail(mail: OutboundMail, failure: BaseException, outcome: MailSendOutcome) -> None:
    mail.state, mail.error = MailState.FAILED, _describe(failure)
    mail.save(update_fields=["state", "error"])
    outcome.failed += 1
    metrics.mail_sends.labels(kind=mail.kind, outcome="refused").inc()
    outcome.errors.append(f"{mail.message_id}: {mail.error}")
    logger.error("mail %s refused: %s", mail.pk, mail.error)


def _describe(failure: BaseException) -> str:
    return f"{type(failure).__name__}: {failure}"[:1000]


def _rate_budget(now: datetime) -> int:
    """Return how many messages may still be handed over in this minute."""
    recent = OutboundMail.objects.filter(
        Q(state=MailState.SENT, sent_at__gt=now - timedelta(minutes=1))
        | Q(state=MailState.SENDING, claimed_at__gt=now - CLAIM_LEASE)
    ).count()
    return settings.RUTA_EMAIL_PER_MINUTE - recent


# --------------------------------------------------------- for operators


def mail_failed_requeue(*, ids: Iterable[int] | None = None) -> int:
    """Queue again the messages refused or given up; return how many."""
    failed = OutboundMail.objects.filter(state=MailState.FAILED, erased_at__isnull=True)
    if ids is not None:
        failed = failed.filter(pk__in=list(ids))
    count = failed.update(
        state=MailState.QUEUED, next_attempt_at=timezone.now(), attempts=0
    )
    if count:
        transaction.on_commit(mail_wake)
    return count


def mail_counts() -> dict[str, int]:
    """Return how many messages are in each state."""
    counts = dict.fromkeys(MailState.values, 0)
    rows = OutboundMail.objects.values("state").annotate(count=Count("id"))
    counts.update({row["state"]: row["count"] for row in rows})
    return counts


def mail_retention_enforce(*, now: datetime | None = None) -> int:
    """Erase content and addresses of mail sent or refused ``RUTA_EMAIL_KEEP_DAYS`` ago.

    The row stays (its Message-ID, state, dates and attempts): the record
    that a message went out, without whom it went to or what it said.
    """
    now = now or timezone.now()
    until = now - timedelta(days=settings.RUTA_EMAIL_KEEP_DAYS)
    old = OutboundMail.objects.filter(erased_at__isnull=True).filter(
        Q(state=MailState.SENT, sent_at__lt=until)
        | Q(state=MailState.FAILED, created__lt=until)
    )
    return old.update(
        recipients=[],
        subject="",
        content=b"",
        error="",
        recipient_key="",
        purpose="",
        erased_at=now,
    )
