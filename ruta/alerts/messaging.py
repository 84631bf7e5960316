"""The WhatsApp conversation's own records: windows, opt-outs, messages sent.

The Cloud API's rules are kept here, against the platform's records rather
than trusted to the provider's refusals: free text only inside the window
the person's own message opened (``rules.window_open``), nothing the
platform starts to a number that sent BAJA or STOP, and each message sent
kept with what the webhook later reported of it.

A number is known by a keyed hash (``contact_key``), never stored: the
records say when someone wrote and what became of a message, not who.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ruta.accounts.actors import Actor, service
from ruta.alerts.models import (
    Delivery,
    MessageStatus,
    MessagingContact,
    OutgoingMessage,
)
from ruta.alerts.rules import messaging_key, status_after, window_open
from ruta.alerts.webhook import StatusReport


def contact_key(phone: str) -> str:
    """Return the keyed hash a number is known by (both spellings of it alike)."""
    return salted_hmac(
        "ruta.alerts.messaging", messaging_key(phone), algorithm="sha256"
    ).hexdigest()


def contact_of(phone: str) -> MessagingContact | None:
    """Return the number's record, None if it never wrote nor was written to."""
    return MessagingContact.objects.filter(key=contact_key(phone)).first()


def may_receive_text(phone: str, now: datetime) -> bool:
    """Return whether free text may go to ``phone`` now (its window is open)."""
    contact = contact_of(phone)
    return contact is not None and window_open(contact.last_inbound_at, now)


def opted_out(phone: str) -> bool:
    """Return whether ``phone`` asked to receive nothing the platform starts."""
    contact = contact_of(phone)
    return contact is not None and contact.opted_out_at is not None


def _contact(phone: str) -> MessagingContact:
    contact, _created = MessagingContact.objects.select_for_update().get_or_create(
        key=contact_key(phone)
    )
    return contact


@service
def inbound_record(
    *, phone: str, at: datetime | None, opt_out: bool, opt_in: bool, actor: Actor
) -> MessagingContact:
    """Record that ``phone`` wrote at ``at``: its 24-hour window opens.

    ``opt_out`` (BAJA, STOP) records the refusal of everything the platform
    starts; ``opt_in`` (SEGUIR, VOTAR) lifts an earlier one. A report's time
    ahead of now is taken as now; an older report never shortens the window.
    """
    now = timezone.now()
    at = min(at or now, now)
    contact = _contact(phone)
    if contact.last_inbound_at is None or at > contact.last_inbound_at:
        contact.last_inbound_at = at
    if opt_out:
        contact.opted_out_at = now
    elif opt_in:
        contact.opted_out_at = None
    contact.save()
    return contact


@transaction.atomic
def message_record(
    *,
    phone: str,
    answer: dict[str, Any],
    kind: str,
    template: str = "",
    delivery: Delivery | None = None,
) -> OutgoingMessage | None:
    """Keep a message the Cloud API accepted, by the id it answered with.

    Written in the audit context of whoever sent it (the voter's request,
    the sender job, the webhook's reply), which it does not change.

    Returns None when the answer names no message (the console adapter's
    prints are not messages: callers skip them with ``message_id_of``); the
    same id twice is kept once.
    """
    message_id = message_id_of(answer)
    if not message_id:
        return None
    try:
        with transaction.atomic():
            return OutgoingMessage.objects.create(
                message_id=message_id,
                kind=kind,
                template=template,
                contact=_contact(phone),
                delivery=delivery,
            )
    except IntegrityError:
        return OutgoingMessage.objects.get(message_id=message_id)


def message_id_of(answer: dict[str, Any]) -> str:
    """Return the id of the message the Cloud API's answer accepted, or blank."""
    messages = answer.get("messages") if isinstance(answer, dict) else None
    first = messages[0] if isinstance(messages, list) and messages else None
    identifier = first.get("id", "") if isinstance(first, dict) else ""
    if not isinstance(identifier, str) or identifier == "console":
        return ""
    return identifier[:128]


@service
def status_record(*, report: StatusReport, actor: Actor) -> bool:
    """Record what the webhook says of a message sent; return whether it changed.

    A report of a message the platform did not send (another app on the
    same number) is ignored; statuses only move forward (``status_after``).
    """
    message = (
        OutgoingMessage.objects.select_for_update()
        .filter(message_id=report.message_id)
        .first()
    )
    if message is None:
        return False
    status = status_after(message.status, report.status)
    if status == message.status:
        return False
    message.status = status
    message.status_at = report.at or timezone.now()
    if status == MessageStatus.FAILED:
        message.error = report.error
    message.save()
    return True
