"""Reads of the alerts: what can be followed, its events, figures, subscribers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.accounts.personal import personal_data_read_log
from ruta.alerts.followables import followable
from ruta.alerts.models import (
    AlertEvent,
    MessageKind,
    MessageStatus,
    OutgoingMessage,
    Subscription,
    SubscriptionState,
    TargetKind,
)
from ruta.alerts.rules import figures_by_month, search_key
from ruta.alerts.tokens import TokenRefused, access_token_read, confirm_token_read
from ruta.catalog.models import Municipality
from ruta.catalog.scope import Scope
from ruta.common.text.folding import normalize_key
from ruta.works.forms import WorkFilterForm
from ruta.works.models import Work, WorksProgram, published_condition
from ruta.works.selectors import WorkFilters, work_filter_options, work_list

FEED_SIZE = 50


@dataclass(frozen=True)
class Target:
    """Something that can be followed: its kind, key and public name."""

    kind: str
    key: str
    label: str

    def feed_url(self) -> str:
        """Return the address of this target's Atom feed."""
        if self.kind == TargetKind.SEARCH:
            return reverse("alerts:feed-search") + "?" + self.key
        return reverse("alerts:feed", args=[self.kind, self.key])

    def page_url(self) -> str:
        """Return the public page of what is followed."""
        if self.kind == TargetKind.SEARCH:
            return reverse("works:list") + "?" + self.key
        declared = followable(self.kind)
        return declared.page_url(self.key) if declared else reverse("portal:home")


class TargetUnknown(Exception):
    """Nothing public can be followed under that kind and key."""


class SearchEmpty(TargetUnknown):
    """A search with no filter: it would follow every work, which is refused."""


def target_resolve(kind: str, key: str) -> Target:
    """Return the public target ``kind``/``key``; ``TargetUnknown`` otherwise.

    Each kind's resolver (``followables``) decides what is public: an
    unpublished work, an unapproved goal or an unpublished call is unknown.
    """
    if kind == TargetKind.SEARCH:
        return search_target(QueryDict(key.strip()))
    declared = followable(kind)
    found = declared.resolve(key) if declared else None
    if found is None:
        raise TargetUnknown(kind)
    return Target(kind, *found)


def search_target(query: QueryDict) -> Target:
    """Return a saved search from the explorer's query string.

    Validated by the explorer's own form; an invalid filter or an empty
    search (every work) is refused.
    """
    form = WorkFilterForm(query, options=work_filter_options())
    if not form.is_valid():
        raise TargetUnknown(TargetKind.SEARCH)
    # A query string's last value of each name, as the form reads it.
    key = search_key(((name, query.get(name) or "") for name in query), form.fields)
    if not key:
        raise SearchEmpty(TargetKind.SEARCH)
    label = _("Búsqueda: %(terms)s") % {"terms": key.replace("&", ", ")}
    return Target(TargetKind.SEARCH, key, label[:400])


def search_filters(key: str) -> WorkFilters | None:
    """Return the explorer filters of a saved search, None if no longer valid."""
    form = WorkFilterForm(QueryDict(key), options=work_filter_options())
    return form.filters()


def target_by_keyword(kind: str, argument: str) -> Target:
    """Return the target a messaging keyword names: a folio, a code or a name.

    With no kind named, a published work's folio is tried, then a
    municipality's INEGI code or name, then a program's code.
    """
    kinds = [kind] if kind else [TargetKind.WORK, TargetKind.MUNICIPALITY]
    for candidate in kinds:
        try:
            return target_resolve(candidate, argument)
        except TargetUnknown:
            if candidate == TargetKind.MUNICIPALITY:
                place = municipality_by_name(argument)
                if place is not None:
                    return Target(candidate, place.code, place.name)
            if candidate == TargetKind.PROGRAM:
                found = WorksProgram.objects.filter(code__iexact=argument).first()
                if found is not None:
                    return Target(candidate, found.code, found.name)
    raise TargetUnknown(kind or "any")


def municipality_by_name(name: str) -> Municipality | None:
    """Return the one municipality whose folded name is ``name``, if only one."""
    wanted = normalize_key(name)
    found = [
        place
        for place in Municipality.objects.filter(name__iexact=name.strip())
        or Municipality.objects.all().only("code", "name")
        if normalize_key(place.name) == wanted
    ]
    return found[0] if len(found) == 1 else None


# ----------------------------------------------------------- events, feeds


def events_of_target(target: Target) -> QuerySet[AlertEvent]:
    """Return the alert events of ``target``'s published works, newest first."""
    events = AlertEvent.objects.filter(published_condition("work__"))
    if target.kind == TargetKind.WORK:
        events = events.filter(work__public_id=target.key)
    elif target.kind == TargetKind.MUNICIPALITY:
        events = events.filter(work__municipality_id=target.key)
    elif target.kind == TargetKind.PROGRAM:
        events = events.filter(work__program__code=target.key)
    elif target.kind != TargetKind.SEARCH:
        return AlertEvent.objects.filter(target_kind=target.kind, target_key=target.key)
    else:
        filters = search_filters(target.key)
        if filters is None:
            return events.none()
        events = events.filter(work__in=work_list(filters=filters).values("pk"))
    return events.select_related("work", "work__municipality")


def events_of_work(work: Work) -> QuerySet[AlertEvent]:
    """Return the alert events of ``work`` (read as published), newest first.

    What ``events_of_target`` gives for the work's target, read by the
    work's key with the work already in hand: no join to find it again.
    """
    return work.alert_events.all()


def feed_events(target: Target) -> list[AlertEvent]:
    """Return the latest events of ``target`` for its feed."""
    return list(events_of_target(target)[:FEED_SIZE])


def feed_version(target: Target) -> str:
    """Return a validator of ``target``'s feed: its newest event."""
    newest = events_of_target(target).aggregate(newest=Max("id"))["newest"]
    return f"{target.kind}:{target.key}:{newest or 0}"


def subscriptions_for_event(event: AlertEvent) -> Iterator[Subscription]:
    """Yield the confirmed subscriptions an event concerns.

    A work's event reaches the followers of the work, its municipality, its
    program and the saved searches that find it; any other event the
    followers of its own target.
    """
    work = event.work
    if work is None:
        yield from Subscription.objects.confirmed().following(
            event.target_kind, event.target_key
        )
        return
    keyed = Q(target_kind=TargetKind.WORK, target_key=work.public_id)
    if work.municipality_id:
        keyed |= Q(target_kind=TargetKind.MUNICIPALITY, target_key=work.municipality_id)
    keyed |= Q(target_kind=TargetKind.PROGRAM, target_key=work.program.code)
    confirmed = Subscription.objects.confirmed()
    yield from confirmed.filter(keyed)
    searches = confirmed.filter(target_kind=TargetKind.SEARCH)
    matches: dict[str, bool] = {}
    for subscription in searches:
        key = subscription.target_key
        if key not in matches:
            filters = search_filters(key)
            matches[key] = filters is not None and (
                work_list(filters=filters).filter(pk=work.pk).exists()
            )
        if matches[key]:
            yield subscription


def confirmation_targets(token: str) -> list[str]:
    """Return what a confirmation link confirms (labels); ``TokenRefused`` if spent.

    Shown before the button, so a request added to an address's pending
    link is seen before it is confirmed.
    """
    ident, nonce = confirm_token_read(token)
    subscription = Subscription.objects.filter(pk=ident).first()
    if subscription is None or not nonce or subscription.confirm_nonce != nonce:
        raise TokenRefused("spent")
    together = Subscription.objects.confirmed_by(subscription.email, nonce)
    return [item.target_label for item in together]


def subscription_by_access(token: str) -> Subscription:
    """Return the subscription an access token names; ``TokenRefused`` if none."""
    ident, key = access_token_read(token)
    subscription = Subscription.objects.filter(pk=ident, access_key=key).first()
    if subscription is None or subscription.erased_at is not None:
        raise TokenRefused("spent")
    return subscription


# ------------------------------------------------------------- open data


def subscription_figure_rows() -> Iterable[dict[str, Any]]:
    """Return sign-ups and drop-outs per month and channel: no personal data.

    A sign-up is a confirmed subscription (by the month it was confirmed);
    a drop-out is a confirmed one that ended. Unconfirmed requests count
    for neither, as Conéctate GTO counts people actually subscribed. The
    demo's made-up followers are counted in rows of their own.
    """
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
    signups = confirmed.values_list("confirmed_at", "channel", "is_demo")
    dropouts = confirmed.filter(ended_at__isnull=False).values_list(
        "ended_at", "channel", "is_demo"
    )
    for figures in figures_by_month(
        ((when, channel, demo) for when, channel, demo in signups if when is not None),
        ((when, channel, demo) for when, channel, demo in dropouts if when is not None),
    ):
        yield {
            "MES": figures.month,
            "CANAL": figures.channel,
            "ALTAS": figures.signups,
            "BAJAS": figures.dropouts,
            "DEMOSTRACION": figures.demo,
        }


# ---------------------------------------------- subscribers (personal data)

# The service every read of a subscriber's contact is recorded under, on the
# subscribers' page and in the audit history alike.
SUBSCRIBERS_SERVICE = "alerts_subscribers"


def subscriber_list(reader: Any, *, purpose: str) -> list[Subscription]:
    """Return open subscriptions with their contact, logging the read.

    Only for readers who may view personal data over ``Subscription``'s
    scope (administrators); each subscription shown is logged as read.
    """
    shown = list(
        Subscription.objects.exclude(state=SubscriptionState.ENDED).order_by("id")[:500]
    )
    for subscription in shown:
        personal_data_read_log(subscription, reader, purpose, SUBSCRIBERS_SERVICE)
    return shown


def subscriber_holders(
    events: Iterable[Any],
) -> dict[str, tuple[Subscription, Scope]]:
    """Return each subscription event's record and the scope guarding its values.

    Events read through the audit page's aggregate carry the id as text.
    """
    events = list(events)
    ids = {int(event.pgh_obj_id) for event in events if event.pgh_obj_id}
    found = Subscription.objects.in_bulk(ids)
    holders = {}
    for event in events:
        subscription = found.get(int(event.pgh_obj_id or 0))
        if subscription is not None:
            holders[event.pgh_slug] = (subscription, subscription.permission_scope())
    return holders


def example_folio() -> str:
    """Return the folio of a published work of the instance, for the help text."""
    return (
        Work.objects.published()
        .order_by("-fiscal_year_id", "public_id")
        .values_list("public_id", flat=True)
        .first()
        or ""
    )


# What became of the WhatsApp messages sent, for the administrators' page.
MESSAGES_SINCE_DAYS = 30
FAILURES_SHOWN = 20


@dataclass(frozen=True)
class MessageTally:
    """How many messages of one kind stood at one status."""

    kind: str
    status: str
    count: int


def message_tallies(now: datetime) -> list[MessageTally]:
    """Return the messages sent in the last 30 days by kind and status."""
    rows = (
        OutgoingMessage.objects.filter(
            created__gte=now - timedelta(days=MESSAGES_SINCE_DAYS)
        )
        .order_by("kind", "status")
        .values_list("kind", "status")
        .annotate(count=Count("id"))
    )
    kinds, statuses = dict(MessageKind.choices), dict(MessageStatus.choices)
    return [
        MessageTally(str(kinds[kind]), str(statuses[status]), count)
        for kind, status, count in rows
    ]


def message_failures(now: datetime) -> list[OutgoingMessage]:
    """Return the latest messages the webhook reported failed (no contact in them)."""
    return list(
        OutgoingMessage.objects.filter(
            status=MessageStatus.FAILED,
            created__gte=now - timedelta(days=MESSAGES_SINCE_DAYS),
        ).order_by("-status_at", "-id")[:FAILURES_SHOWN]
    )
