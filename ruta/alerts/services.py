"""Writes of the alerts: subscriptions, the events detected, their deliveries.

Citizens act without an account: their services take the named system
actor ``SUBSCRIBER`` (the request's address and URL are in the audit
context the middleware opens), and a signed token stands for the person.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from ruta.accounts.actors import Actor, SystemActor, audited, service
from ruta.alerts.answerers import FREE_TEXT_ANSWERERS
from ruta.alerts.channels import (
    ChannelError,
    EmailChannel,
    WhatsAppChannel,
    channel_for,
    confirm_purpose,
)
from ruta.alerts.followables import keyword_words
from ruta.alerts.messaging import inbound_record, status_record
from ruta.alerts.models import (
    AlertEvent,
    AlertKind,
    ChannelKind,
    Delivery,
    DeliveryState,
    MessagingContact,
    OutgoingMessage,
    SourceCursor,
    Subscription,
    SubscriptionState,
    new_key,
)
from ruta.alerts.rules import (
    FOLLOW,
    LEAVE,
    UNKNOWN,
    VOTE,
    Keyword,
    confirmation_reused,
    gives_up,
    keyword_parse,
    retry_delay,
)
from ruta.alerts.selectors import (
    Target,
    TargetUnknown,
    example_folio,
    subscriptions_for_event,
    target_by_keyword,
)
from ruta.alerts.sources import Detected, EventSource, event_model, event_sources
from ruta.alerts.texts import help_text, left_text, not_found_text, vote_text
from ruta.alerts.tokens import TokenRefused, confirm_token_read
from ruta.alerts.webhook import StatusReport
from ruta.common.mail import (
    RecipientLimitReached,
    confirmation_allowed,
    recipient_limit_refusal,
)
from ruta.works.models import Work
from ruta.works.selectors.delay import late_condition, with_delay
from ruta.works.selectors.order import latest_progress

logger = logging.getLogger(__name__)
SUBSCRIBER = SystemActor("alerts subscriber")
BATCH = 500
# Events are re-read this far behind the cursor: a transaction that took an
# earlier pgh_id but committed after a later one was read is still seen;
# events already turned into alerts are skipped by their source id.
OVERLAP = 200


def _save(subscription: Subscription, actor: Actor, service: str) -> None:
    with audited(actor, service):
        subscription.save()


# ------------------------------------------------------------ subscriptions


@transaction.atomic
def subscription_request(
    *,
    target: Target,
    channel: str,
    email: str = "",
    phone: str = "",
    digest: bool = False,
    language: str = "es-mx",
    is_demo: bool = False,
    actor: Actor,
) -> Subscription:
    """Ask to follow ``target``: pending until the e-mail link confirms it.

    An address has one confirmation at a time (``_confirmation_ask``): a
    request soon after the last link reuses it, a later one sends a fresh
    link that replaces it; past the mailbox's daily limit the request is
    refused and nothing is kept. A messaging subscription is confirmed at
    once, the person having written first (its reply goes out at commit).
    ``is_demo`` marks a follower the demo made up.
    """
    open_ = Subscription.objects.exclude(state=SubscriptionState.ENDED)
    subscription = open_.filter(
        channel=channel,
        target_kind=target.kind,
        target_key=target.key,
        email=email,
        phone=phone,
    ).first() or Subscription(
        channel=channel,
        target_kind=target.kind,
        target_key=target.key,
        target_label=target.label,
        email=email,
        phone=phone,
        is_demo=is_demo,
    )
    if subscription.state == SubscriptionState.CONFIRMED:
        if channel == ChannelKind.WHATSAPP:  # they wrote again: answer again
            transaction.on_commit(lambda: channel_for(channel).subscribe(subscription))
        return subscription
    subscription.digest = digest and channel == ChannelKind.EMAIL
    subscription.language = language
    if channel == ChannelKind.EMAIL:
        _save(subscription, actor, "subscription_request")
        _confirmation_ask(subscription, actor, "subscription_request")
        return subscription
    subscription.state = SubscriptionState.CONFIRMED
    subscription.confirmed_at = timezone.now()
    _save(subscription, actor, "subscription_request")
    transaction.on_commit(lambda: channel_for(channel).subscribe(subscription))
    return subscription


def _confirmation_ask(subscription: Subscription, actor: Actor, service: str) -> None:
    """Put ``subscription`` under its address's one confirmation.

    The link sent less than ``CONFIRMATION_REUSED_FOR`` ago confirms it too
    (no second message). Otherwise every pending subscription of the address
    takes a fresh nonce, so the older link dies, and one message lists them
    all, queued when the transaction commits; past the mailbox's daily
    links the request is refused and nothing is kept.
    """
    now = timezone.now()
    pending = list(
        Subscription.objects.select_for_update()
        .filter(
            channel=ChannelKind.EMAIL,
            email=subscription.email,
            state=SubscriptionState.PENDING,
        )
        .order_by("pk")
    )
    current = max(
        (item for item in pending if item.confirm_nonce and item.confirm_sent_at),
        key=lambda item: item.confirm_sent_at or now,
        default=None,
    )
    if current is not None and confirmation_reused(current.confirm_sent_at, now):
        if current.pk == subscription.pk:
            return  # asked again for the same thing: its link stands
        subscription.confirm_nonce = current.confirm_nonce
        subscription.confirm_sent_at = current.confirm_sent_at
        _save(subscription, actor, service)
        return
    if not confirmation_allowed(
        subscription.email, confirm_purpose(subscription.email)
    ):
        raise recipient_limit_refusal("email")
    with audited(actor, service):
        Subscription.objects.filter(pk__in=[item.pk for item in pending]).update(
            confirm_nonce=new_key(), confirm_sent_at=now
        )
    subscription.refresh_from_db()
    transaction.on_commit(lambda: _confirmation_send(subscription))


def _confirmation_send(subscription: Subscription) -> None:
    """Queue the confirmation once the request is committed.

    Checked before (``confirmation_allowed``); a request that raced another
    to the mailbox's last place is kept, unconfirmed, without its message.
    """
    subscription.refresh_from_db()
    if (
        subscription.state != SubscriptionState.PENDING
        or not subscription.confirm_nonce
    ):
        return  # confirmed, or its link replaced, before the commit
    try:
        EmailChannel().subscribe(subscription)
    except RecipientLimitReached:
        logger.warning(
            "subscription %s: its mailbox had its day's links", subscription.pk
        )


@transaction.atomic
def subscription_confirm(*, token: str, actor: Actor) -> Subscription:
    """Confirm the subscription a link names; ``TokenRefused`` changes nothing.

    The nonce is spent, so the same link used again is refused as spent.
    """
    subscription, together = _confirmed_by(token)
    for pending in together:
        pending.confirm_nonce = ""
        pending.state = SubscriptionState.CONFIRMED
        pending.confirmed_at = timezone.now()
        _save(pending, actor, "subscription_confirm")
    subscription.refresh_from_db()
    return subscription


def _confirmed_by(token: str) -> tuple[Subscription, list[Subscription]]:
    """Return the subscription a link names and every one its link confirms.

    The pending subscriptions of its address that share its nonce (requested
    while its link was current); ``TokenRefused`` when the link is spent.
    """
    ident, nonce = confirm_token_read(token)
    subscription = Subscription.objects.select_for_update().filter(pk=ident).first()
    if subscription is None or subscription.state == SubscriptionState.ENDED:
        raise TokenRefused("spent")
    if not subscription.confirm_nonce or subscription.confirm_nonce != nonce:
        raise TokenRefused("spent")
    together = Subscription.objects.confirmed_by(subscription.email, nonce)
    return subscription, list(together.select_for_update())


@transaction.atomic
def subscription_end(*, subscription: Subscription, actor: Actor) -> bool:
    """End ``subscription``; return False when it had already ended.

    Its pending deliveries are dropped: nothing is sent after leaving.
    """
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.state == SubscriptionState.ENDED:
        return False
    subscription.state = SubscriptionState.ENDED
    subscription.ended_at = timezone.now()
    subscription.confirm_nonce = ""
    _save(subscription, actor, "subscription_end")
    _drop_pending(subscription, actor)
    transaction.on_commit(
        lambda: channel_for(subscription.channel).unsubscribe(subscription)
    )
    return True


def _drop_pending(subscription: Subscription, actor: Actor) -> None:
    with audited(actor, "subscription_end"):
        subscription.deliveries.filter(state=DeliveryState.PENDING).update(
            state=DeliveryState.DROPPED
        )


@transaction.atomic
def subscriptions_end_for_phone(*, phone: str, actor: Actor) -> int:
    """End every open messaging subscription of ``phone`` ("BAJA")."""
    open_ = Subscription.objects.exclude(state=SubscriptionState.ENDED).filter(
        channel=ChannelKind.WHATSAPP, phone=phone
    )
    return sum(subscription_end(subscription=s, actor=actor) for s in open_)


@transaction.atomic
def subscription_correct(
    *, subscription: Subscription, email: str, actor: Actor
) -> Subscription:
    """Correct the e-mail address of ``subscription`` (ARCO: rectification).

    The new address must confirm itself again, so no one can point alerts
    at someone else's mailbox. A messaging number is not corrected here:
    only the number itself can opt in (SEGUIR from the new one).
    """
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.channel != ChannelKind.EMAIL or email == subscription.email:
        return subscription
    subscription.email = email
    subscription.state = SubscriptionState.PENDING
    subscription.confirm_nonce = ""
    _save(subscription, actor, "subscription_correct")
    _confirmation_ask(subscription, actor, "subscription_correct")
    return subscription


@transaction.atomic
def subscription_erase(*, subscription: Subscription, actor: Actor) -> None:
    """Erase the person's data (ARCO: cancellation) and end the subscription.

    The contact is blanked (the audit history never held it) and the access
    key replaced, so every link sent before stops working. The dates stay,
    without anyone's contact, for the open-data figures.
    """
    subscription_end(subscription=subscription, actor=actor)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    _erase(subscription, actor, "subscription_erase")


def _erase(subscription: Subscription, actor: Actor, service: str) -> None:
    subscription.email = ""
    subscription.phone = ""
    subscription.access_key = new_key()
    subscription.erased_at = timezone.now()
    _save(subscription, actor, service)


def inbound_message_handle(
    *, phone: str, text: str, at: datetime | None = None, actor: Actor
) -> None:
    """Act on a message to the messaging number: follow, leave, vote, help, answer.

    Whatever it says, the sender's 24-hour window opens (``inbound_record``)
    before any reply. "BAJA" (or STOP) ends every subscription of the sender
    and stops everything the platform starts; "SEGUIR" and "VOTAR" lift
    that. A message that is no keyword is answered by the registered
    answerer (the question box, which declines what it does not
    understand), else gets the help text; a message without text (a photo)
    only opens the window. Replies go out after the transaction commits.
    """
    keyword = keyword_parse(text, keyword_words()) if text else None
    action = keyword.action if keyword else ""
    inbound_record(
        phone=phone,
        at=at,
        opt_out=action == LEAVE,
        opt_in=action in (FOLLOW, VOTE),
        actor=actor,
    )
    if keyword is None:
        return
    if keyword.action == FOLLOW:
        _follow_by_message(phone, keyword, actor)
    elif keyword.action == LEAVE:
        ended = subscriptions_end_for_phone(phone=phone, actor=actor)
        _reply(phone, left_text(ended))
    elif keyword.action == VOTE:
        _reply(phone, vote_text(keyword.argument))
    elif keyword.action == UNKNOWN and FREE_TEXT_ANSWERERS:
        _reply(phone, FREE_TEXT_ANSWERERS[0](text))
    else:
        _reply(phone, help_text(example_folio()))


def _follow_by_message(phone: str, keyword: Keyword, actor: Actor) -> None:
    try:
        target = target_by_keyword(keyword.target, keyword.argument)
    except TargetUnknown:
        _reply(phone, not_found_text(keyword.argument))
        return
    subscription_request(
        target=target, channel=ChannelKind.WHATSAPP, phone=phone, actor=actor
    )


def message_status_handle(*, reports: list[StatusReport], actor: Actor) -> int:
    """Record the webhook's status reports; return how many changed a message."""
    return sum(status_record(report=report, actor=actor) for report in reports)


def _reply(phone: str, text: str) -> None:
    channel = channel_for(ChannelKind.WHATSAPP)
    if isinstance(channel, WhatsAppChannel):
        transaction.on_commit(lambda: _reply_now(channel, phone, text))


def _reply_now(channel: WhatsAppChannel, phone: str, text: str) -> None:
    try:
        channel.reply(phone, text)
    except ChannelError:
        logger.warning("a reply to an incoming message could not be sent")


@dataclass(frozen=True)
class RetentionOutcome:
    """What the retention job removed."""

    unconfirmed_deleted: int
    ended_erased: int
    messages_deleted: int = 0
    contacts_deleted: int = 0

    def lines(self) -> list[str]:
        """Return the summary a command prints."""
        return [
            f"{self.unconfirmed_deleted} unconfirmed subscriptions deleted",
            f"{self.ended_erased} ended subscriptions' contacts erased",
            f"{self.messages_deleted} messaging records deleted",
            f"{self.contacts_deleted} messaging contacts deleted",
        ]


@service
def retention_enforce(*, now: datetime, actor: Actor) -> RetentionOutcome:
    """Apply the retention periods (``RUTA_ALERTS_*_RETENTION_DAYS``).

    Requests never confirmed are deleted (they were never subscriptions);
    ended subscriptions keep their dates for the figures, not the contact.
    Messages sent are kept as long as an ended subscription's contact, and
    a number's record goes once it has none and last wrote before that,
    unless it opted out: its BAJA is kept to be honoured.
    """
    pending_until = now - timedelta(days=settings.RUTA_ALERTS_PENDING_RETENTION_DAYS)
    ended_until = now - timedelta(days=settings.RUTA_ALERTS_ENDED_RETENTION_DAYS)
    stale = Subscription.objects.filter(
        state=SubscriptionState.PENDING,
        confirmed_at__isnull=True,
        created__lt=pending_until,
    )
    deleted = stale.count()
    stale.delete()
    ended = Subscription.objects.filter(
        state=SubscriptionState.ENDED, ended_at__lt=ended_until, erased_at__isnull=True
    )
    erased = 0
    for subscription in ended.select_for_update():
        _erase(subscription, actor, "retention_enforce")
        erased += 1
    messages, contacts = _messaging_retention(ended_until)
    return RetentionOutcome(deleted, erased, messages, contacts)


def _messaging_retention(until: datetime) -> tuple[int, int]:
    """Delete messages sent before ``until`` and numbers with nothing left."""
    messages, _by_model = OutgoingMessage.objects.filter(created__lt=until).delete()
    idle = MessagingContact.objects.filter(
        opted_out_at__isnull=True, messages__isnull=True
    ).filter(Q(last_inbound_at__lt=until) | Q(last_inbound_at__isnull=True))
    contacts, _by_model = idle.filter(created__lt=until).delete()
    return messages, contacts


# ------------------------------------------------------------ detection


@transaction.atomic
def events_detect(*, actor: Actor) -> int:
    """Read new audit events of every source into alerts and deliveries.

    Returns how many alert events were made. A source read for the first
    time starts at its newest event: installing alerts announces nothing old.
    """
    made = 0
    for source in event_sources():
        made += _detect_source(source, actor)
    return made


def _detect_source(source: EventSource, actor: Actor) -> int:
    model = event_model(source)
    cursor = SourceCursor.objects.select_for_update().filter(source=source.key).first()
    if cursor is None:
        newest = model.objects.aggregate(newest=Max("pgh_id"))["newest"] or 0
        SourceCursor.objects.create(source=source.key, last_pgh_id=newest)
        return 0
    events = list(
        model.objects.filter(pgh_id__gt=cursor.last_pgh_id - OVERLAP).order_by(
            "pgh_id"
        )[: BATCH + OVERLAP]
    )
    if not events:
        return 0
    seen = set(
        AlertEvent.objects.filter(
            source=source.key, source_event_id__in=[e.pgh_id for e in events]
        ).values_list("source_event_id", flat=True)
    )
    fresh = [event for event in events if event.pgh_id not in seen]
    made = _alerts_create(source, list(source.detect(fresh)), actor)
    cursor.last_pgh_id = max(cursor.last_pgh_id, events[-1].pgh_id)
    cursor.save()
    return made


def _alerts_create(source: EventSource, detected: list[Detected], actor: Actor) -> int:
    published = set(
        Work.objects.published()
        .filter(pk__in={change.work_id for change in detected if change.work_id})
        .values_list("pk", flat=True)
    )
    made = 0
    with audited(actor, "events_detect"):
        for change in detected:
            if change.target is None and change.work_id not in published:
                continue  # unpublished works never alert
            event, created = AlertEvent.objects.get_or_create(
                source=source.key,
                source_event_id=change.source_event_id,
                defaults=_event_fields(change),
            )
            if created:
                made += 1
                _fan_out(event)
    return made


def _event_fields(change: Detected) -> dict[str, Any]:
    """Return the alert event's fields of a detected change."""
    kind, key, label = change.target or ("", "", "")
    return {
        "kind": change.kind,
        "work_id": change.work_id,
        "target_kind": kind,
        "target_key": key,
        "target_label": label[:400],
        "occurred_at": change.occurred_at,
        "data": change.data,
    }


LATE_SOURCE = "works.late"


@transaction.atomic
def late_works_detect(*, today: date, actor: Actor) -> int:
    """Make one alert per published work that is late ("atrasada") today.

    Lateness comes from time passing, which leaves no audit event, so it is
    read from the works' state: each late work's alert is keyed by its
    latest progress entry's audit event (or, with none, by the work), so a
    work alerts once per standing of its progress, and again only after a
    new entry leaves it late. The first run ever records the works already
    late without sending anything, as installing alerts announces nothing old.
    """
    _cursor, first_run = SourceCursor.objects.select_for_update().get_or_create(
        source=LATE_SOURCE
    )
    late = list(
        with_delay(
            Work.objects.published().annotate(latest_progress=latest_progress()),
            today,
        )
        .filter(late_condition())
        .values_list("pk", "delay_points", "latest_progress")  # type: ignore[misc]  # annotated by with_delay
    )
    progress_events = dict(
        apps.get_model("works", "ProgressEvent")
        .objects.filter(work_id__in=[pk for pk, *_rest in late], pgh_label="insert")
        .values("work_id")
        .annotate(newest=Max("pgh_id"))
        .values_list("work_id", "newest")
    )
    made = 0
    with audited(actor, "late_works_detect"):
        for pk, points, progress in late:
            event, created = AlertEvent.objects.get_or_create(
                source=LATE_SOURCE,
                source_event_id=progress_events.get(pk, -pk),
                defaults=_late_fields(pk, points, progress, today),
            )
            if created and not first_run:
                _fan_out(event)
            made += created
    return made


def _late_fields(
    pk: int, points: Decimal, progress: Decimal | None, today: date
) -> dict[str, Any]:
    return {
        "kind": AlertKind.LATE,
        "work_id": pk,
        "occurred_at": timezone.now(),
        "data": {
            "points": str(round(points, 1)),
            "progress": "" if progress is None else str(progress),
            "on": today.isoformat(),
        },
    }


def _fan_out(event: AlertEvent) -> None:
    """Make one delivery per confirmed subscription the event concerns."""
    rows = [
        Delivery(subscription=subscription, event=event)
        for subscription in subscriptions_for_event(event)
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)


# ---------------------------------------------------------------- sending


@dataclass(frozen=True)
class SendOutcome:
    """What one run of the sender did."""

    sent: int
    failed: int
    waiting: int  # held back by the channel's rate limit

    def lines(self) -> list[str]:
        """Return the summary a command prints."""
        return [f"{self.sent} sent", f"{self.failed} failed", f"{self.waiting} waiting"]


def deliveries_send(*, now: datetime, actor: Actor) -> SendOutcome:
    """Send due deliveries, one at a time, within each channel's rate.

    Each delivery is locked while it is sent (``skip_locked``), and marked
    sent in the same transaction, so two workers never send the same one.
    Digest subscriptions wait for ``digests_send``.
    """
    sent = failed = waiting = 0
    for channel in ChannelKind.values:
        budget = _rate_budget(channel, now)
        due = _due(channel, now, digest=False)
        while True:
            outcome = _send_next(due, budget <= 0, actor, now)
            if outcome is None:
                break
            if outcome == "waiting":
                waiting = due.count()
                break
            budget -= 1
            sent += outcome == "sent"
            failed += outcome == "failed"
    return SendOutcome(sent, failed, waiting)


def _rate_budget(channel: str, now: datetime) -> int:
    """Return how many more messages ``channel`` may send this minute."""
    limit = settings.RUTA_ALERTS_RATE_PER_MINUTE[channel]
    recent = Delivery.objects.filter(
        subscription__channel=channel,
        state=DeliveryState.SENT,
        sent_at__gte=now - timedelta(minutes=1),
    ).count()
    return limit - recent


def _due(channel: str, now: datetime, *, digest: bool):
    return (
        Delivery.objects.filter(
            state=DeliveryState.PENDING,
            subscription__channel=channel,
            subscription__digest=digest,
        )
        .exclude(next_attempt_at__gt=now)
        .order_by("id")
    )


@transaction.atomic
def _send_next(due, exhausted: bool, actor: Actor, now: datetime) -> str | None:
    delivery = (
        due.select_for_update(skip_locked=True, of=("self",))
        .select_related("subscription", "event__work")
        .first()
    )
    if delivery is None:
        return None
    if exhausted:
        return "waiting"
    return _attempt(delivery, [delivery.event], actor, now)


def _attempt(
    delivery: Delivery, events: list[AlertEvent], actor: Actor, now: datetime
) -> str:
    """Send ``events`` for ``delivery``'s subscription; record the outcome."""
    subscription = delivery.subscription
    with audited(actor, "deliveries_send"):
        if subscription.state != SubscriptionState.CONFIRMED:
            delivery.state = DeliveryState.DROPPED
            delivery.save()
            return "dropped"
        delivery.attempts += 1
        try:
            channel_for(subscription.channel).send(subscription, events, delivery)
        except ChannelError as failure:
            delivery.error = str(failure)[:300]
            delivery.state = (
                DeliveryState.FAILED
                if gives_up(delivery.attempts)
                else DeliveryState.PENDING
            )
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
            delivery.save()
            return "failed"
        delivery.state, delivery.sent_at, delivery.error = DeliveryState.SENT, now, ""
        delivery.save()
    return "sent"


def digests_send(*, now: datetime, actor: Actor) -> int:
    """Send each digest subscriber one e-mail with their pending events.

    Returns how many digests went out.
    """
    subscribers = (
        _due(ChannelKind.EMAIL, now, digest=True)
        .values_list("subscription_id", flat=True)
        .distinct()
    )
    return sum(_digest_one(ident, now, actor) for ident in list(subscribers))


@transaction.atomic
def _digest_one(subscription_id: int, now: datetime, actor: Actor) -> int:
    deliveries = list(
        _due(ChannelKind.EMAIL, now, digest=True)
        .filter(subscription_id=subscription_id)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("subscription", "event__work")
    )
    if not deliveries:
        return 0
    events = [delivery.event for delivery in deliveries]
    outcome = _attempt(deliveries[0], events, actor, now)
    with audited(actor, "digests_send"):
        for other in deliveries[1:]:
            other.state = deliveries[0].state
            other.sent_at, other.attempts = (
                deliveries[0].sent_at,
                deliveries[0].attempts,
            )
            other.next_attempt_at = deliveries[0].next_attempt_at
            other.save()
    return int(outcome == "sent")
