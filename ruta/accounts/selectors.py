"""Reads on accounts: the audit history page.

Two parts of the history are not shown to every reader; a row says which
fields changed and withholds their values:

- personal data (the fields declared in ``ruta.accounts.personal``): shown
  only to a reader allowed to view personal data over the record. Every
  time such values are shown, the read is logged on the record that holds
  them, as its declaration says (``PersonalDataModel.log_read``): a
  ``members_viewed`` event of the committee, or a ``personal_data_viewed``
  event of the user account or the contract;
- values not yet published (``ruta.accounts.unpublished``: a captured POA
  quarter awaiting approval): shown only to readers the app says may see
  them (the unit's own staff).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pghistory.models import Event, MiddlewareEvents

from ruta.accounts.links import (
    LINK_EVENT_LABELS,
    link_models,
    link_subjects,
    link_user_ids,
)
from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role, RoleAssignment, User
from ruta.accounts.permissions import (
    Action,
    Scope,
    can,
    is_administrator,
    require,
)
from ruta.accounts.personal import (
    Holder,
    PersonalDataModel,
    personal_data_models,
    personal_data_read_log,
)
from ruta.accounts.rules import STAFF_ROLES
from ruta.accounts.unpublished import unpublished_values
from ruta.common.audit.auditindex import user_contexts
from ruta.common.models import AuditIndexEntry

# An account belongs to no agency: only readers global over personal data
# (administrators) reach its name and e-mail address.
ACCOUNT_SCOPE = Scope()
# Why a change's values are withheld from a reader.
PERSONAL = "personal"
UNPUBLISHED = "unpublished"


@dataclass(frozen=True)
class AuditFilter:
    """What the reader asked for on the audit page."""

    model: str = ""
    object_id: str = ""
    user_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class Change:
    """One changed field of an event; ``withheld`` says why its values are not shown."""

    field: str
    before: Any = None
    after: Any = None
    withheld: str = ""
    personal: bool = False

    @property
    def revealed(self) -> bool:
        """Return whether personal values are shown (a read to log)."""
        return self.personal and not self.withheld

    @property
    def reason(self) -> str:
        """Return what the page says instead of withheld values."""
        if self.withheld == UNPUBLISHED:
            return _("cambió (valor sin publicar)")
        return _("cambió (dato personal reservado)") if self.withheld else ""


@dataclass(frozen=True)
class AuditRow:
    """An event as the audit page shows it to one reader.

    ``subject`` names what a membership or a permission grant joins
    (``ruta.accounts.links``), as ``(what, which)`` pairs.
    """

    event: MiddlewareEvents
    user_label: str
    origin: str
    changes: list[Change]
    action: str = ""
    subject: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def audit_events(criteria: AuditFilter, *, reader: User) -> QuerySet:
    """Return the keys of the audit events ``reader`` may list, newest first.

    Administrators list everything. Other readers do not list committee
    members' events of committees beyond their scopes. Read from the audit
    index (``ruta.common.audit.auditindex``); ``audit_events_page`` reads a page's
    events whole.
    """
    events = AuditIndexEntry.objects.order_by("-pgh_created_at", "-pgh_id")
    if criteria.model:
        events = events.filter(pgh_obj_model=criteria.model)
    if criteria.object_id:
        events = events.filter(pgh_obj_id=criteria.object_id)
    if criteria.user_id:
        contexts = user_contexts(criteria.user_id)
        if contexts is None:
            events = events.filter(user=criteria.user_id)
        else:
            events = events.filter(pgh_context_id__in=contexts)
    # Days as ranges of time, which the events' time indexes answer.
    if criteria.date_from:
        events = events.filter(pgh_created_at__gte=_day_start(criteria.date_from))
    if criteria.date_to:
        next_day = criteria.date_to + dt.timedelta(days=1)
        events = events.filter(pgh_created_at__lt=_day_start(next_day))
    if not is_administrator(reader):
        for label, entry in personal_data_models().items():
            if entry.within_reach is not None:
                events = events.exclude(
                    Q(pgh_obj_model=label) & ~entry.within_reach(reader)
                )
    return events


def _day_start(day: dt.date) -> dt.datetime:
    """Return when ``day`` begins in the instance's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


AUDIT_PAGE_SIZE = 50
# Events counted at most: past them the page says "more than" and its
# pages stop, and the filters reach older events: counting millions is a
# cost paid for a figure nobody pages through.
AUDIT_COUNTED = 10_000


class CountedUpTo(Paginator):
    """A paginator over at most ``AUDIT_COUNTED`` keys, read in one query.

    The keys come whole (two short values each) rather than counted apart
    then sliced: the index's union of every event table takes longer to plan
    than its first ten thousand keys take to read, merged
    along the time indexes. ``capped`` says whether there were more; the
    pages then end at the last one the kept keys fill.
    """

    def __init__(self, keys: QuerySet, per_page: int) -> None:
        found = list(keys[: AUDIT_COUNTED + 1])
        self.capped = len(found) > AUDIT_COUNTED
        super().__init__(found[:AUDIT_COUNTED], per_page)


def audit_events_page(events: QuerySet, number: int | str | None) -> Page:
    """Return page ``number`` of ``events`` (``audit_events``) with whole events.

    pghistory's aggregate computes each event's changes from the previous
    one, over every event table: sorting it for a page computed the changes
    of every event ever recorded, and even planning it takes most of a
    second (docs/performance.md). The page's keys are found and counted in
    the audit index, then only those events are read whole, across only
    their event models.
    """
    keyed = events.values_list("pgh_model", "pgh_id")
    page = CountedUpTo(keyed, AUDIT_PAGE_SIZE).get_page(number)
    keys = list(page.object_list)
    if keys:
        wanted: dict[str, list[int]] = defaultdict(list)
        for model, pk in keys:
            wanted[model].append(pk)
        found = MiddlewareEvents.objects.across(*wanted).filter(
            reduce(
                or_,
                (Q(pgh_model=model, pgh_id__in=ids) for model, ids in wanted.items()),
            )
        )
        whole = {(event.pgh_model, event.pgh_id): event for event in found}
        page.object_list = [whole[key] for key in keys if key in whole]
    return page


def audit_rows(
    events: list[MiddlewareEvents], *, reader: User, purpose: str = ""
) -> list[AuditRow]:
    """Return ``events`` ready to show to ``reader``, logging personal-data reads.

    Values of personal fields are shown only where ``reader`` may view
    personal data over the record; each record whose personal values are
    shown gets one read event, with ``purpose`` (the page address) in its
    context. Unpublished values are shown only where their app allows.
    """
    personal = personal_data_models()
    holders = _personal_data_holders(events)
    unpublished = _unpublished_fields(events, reader=reader)
    names = user_labels(
        {event.user_id for event in events} | link_user_ids(events),
        reader=reader,
        purpose=purpose,
    )
    subjects = link_subjects(events, user_names=names)
    links = link_models()
    rows, revealed = [], {}
    for event in events:
        holder = holders.get(event.pgh_slug)
        may_view = holder is not None and can(
            reader, Action.VIEW_PERSONAL_DATA, holder[1]
        )
        changes = _changes(
            event.pgh_diff,
            personal=personal.get(event.pgh_obj_model),
            may_view=may_view,
            unpublished=unpublished.get(event.pgh_slug, frozenset()),
            fields=_model_fields(event.pgh_obj_model),
        )
        if holder is not None and any(change.revealed for change in changes):
            key = (event.pgh_obj_model, type(holder[0]), holder[0].pk)
            revealed[key] = (event.pgh_obj_model, holder[0])
        labels = LINK_EVENT_LABELS if event.pgh_obj_model in links else EVENT_LABELS
        rows.append(
            AuditRow(
                event,
                "" if event.user_id is None else names.get(event.user_id, ""),
                event_origin(event),
                changes,
                action=str(labels.get(event.pgh_label, READ_LABEL)),
                subject=subjects.get(event.pgh_slug, []),
            )
        )
    _log_reads(revealed.values(), reader=reader, purpose=purpose)
    return rows


def _changes(
    diff: dict | None,
    *,
    personal: PersonalDataModel | None,
    may_view: bool,
    unpublished: frozenset[str],
    fields: dict[str, Any] | None = None,
) -> list[Change]:
    """Return an event's changed fields, withholding what the reader may not see.

    Values are shown as the page writes them (``_shown``), by the model's
    ``fields`` (by name and column).
    """
    changes = []
    for field, (before, after) in (diff or {}).items():
        is_personal = personal is not None and personal.is_personal(
            field, before, after
        )
        if field in unpublished:
            changes.append(Change(field, withheld=UNPUBLISHED, personal=is_personal))
        elif is_personal and not may_view:
            changes.append(Change(field, withheld=PERSONAL, personal=True))
        else:
            model_field = (fields or {}).get(field)
            shown = _shown(model_field, before), _shown(model_field, after)
            changes.append(Change(field, *shown, personal=is_personal))
    return changes


def _model_fields(label: str) -> dict[str, Any]:
    """Return a tracked model's fields by name and by column ("agency_id")."""
    try:
        meta = apps.get_model(label)._meta
    except (LookupError, ValueError):
        return {}
    return {
        name: field
        for field in meta.concrete_fields
        for name in {field.name, field.attname}
    }


def _shown(field: Any, value: Any) -> Any:
    """Return a stored value as the page writes it.

    A choice by its label, a yes or no in words, a date as people write it;
    anything else as stored (events keep values as JSON: dates as text).
    """
    if value is None or field is None:
        return value
    if isinstance(value, bool):
        return _("sí") if value else _("no")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, str) and isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        return (
            date_format(timezone.localtime(moment), "DATETIME_FORMAT")
            if (moment and timezone.is_aware(moment))
            else value
        )
    if isinstance(value, str) and isinstance(field, models.DateField):
        day = parse_date(value)
        return date_format(day, "DATE_FORMAT") if day else value
    return value


def _unpublished_fields(
    events: list[MiddlewareEvents], *, reader: User
) -> dict[str, frozenset[str]]:
    """Return, by event, the fields whose unpublished values ``reader`` may not see."""
    found: dict[str, frozenset[str]] = {}
    for label, entry in unpublished_values().items():
        own = [event for event in events if event.pgh_obj_model == label]
        if own:
            found.update(dict.fromkeys(entry.withheld(own, reader), entry.fields))
    return found


def _personal_data_holders(events: list[MiddlewareEvents]) -> dict[str, Holder]:
    """Return, by event, the record a personal-data event's values belong to.

    Each holder comes with the scope a reader must cover to see its values;
    the app that keeps the data says which (``ruta.accounts.personal``).
    Values of records gone are not shown.
    """
    holders: dict[str, Holder] = {}
    for label, entry in personal_data_models().items():
        own = [event for event in events if event.pgh_obj_model == label]
        if own:
            holders.update(entry.holders(own))
    return holders


def _log_reads(
    revealed: Iterable[tuple[str, Any]], *, reader: User, purpose: str
) -> None:
    entries = personal_data_models()
    for label, holder in revealed:
        entries[label].log_read(holder, reader, purpose)


def user_holders(events: Iterable[MiddlewareEvents]) -> dict[str, Holder]:
    """Return each user-account event's account; only administrators see values."""
    events = list(events)
    pks = {event.pgh_slug: int(event.pgh_obj_id or 0) for event in events}
    users = User.objects.in_bulk(set(pks.values()))
    return {slug: (users[pk], ACCOUNT_SCOPE) for slug, pk in pks.items() if pk in users}


# What the audit page calls each kind of event (pghistory's labels are code).
# Any other label is an app's own manual event, and the only events the
# application records itself are reads of personal data
# (``ruta.common.audit.history.event_record``): the members, a reporter's contact.
READ_LABEL = gettext_lazy("datos personales consultados")
EVENT_LABELS = {
    "insert": gettext_lazy("registro creado"),
    "update": gettext_lazy("registro cambiado"),
    "delete": gettext_lazy("registro borrado"),
    PERSONAL_DATA_VIEWED: READ_LABEL,
}


def readable_names() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Return the tracked models' and their fields' names, in the reader's language.

    ``participation.Committee`` reads "Comité ciudadano", ``physical_percent``
    "avance físico (%)": the labels the models declare.
    """
    models_named, fields_named = {}, {}
    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        if not (issubclass(model, Event) and tracked):
            continue
        meta = tracked._meta
        models_named[meta.label] = str(meta.verbose_name).capitalize()
        # Events name a foreign key by its column ("municipality_id").
        fields_named[meta.label] = {
            name: _field_name(field)
            for field in meta.concrete_fields
            for name in {field.name, field.attname}
        }
    return models_named, fields_named


def _field_name(field: Any) -> str:
    """Return what the page calls ``field``.

    The columns of a many-to-many table are named in English after their
    model by Django: such a column is called what its model is called.
    """
    if field.is_relation and field.model._meta.concrete_model._meta.auto_created:
        return str(field.related_model._meta.verbose_name)
    return str(field.verbose_name)


def tracked_models() -> list[tuple[str, str]]:
    """Return ``(label, verbose name)`` of every model with audit history."""
    tracked = {}
    for model in apps.get_models():
        if not issubclass(model, Event):
            continue
        origin = getattr(model, "pgh_tracked_model", None)
        if origin is not None:
            tracked[origin._meta.label] = origin._meta
    return sorted((label, str(meta.verbose_name)) for label, meta in tracked.items())


def user_labels(
    ids: Iterable[int | None], *, reader: Any, purpose: str = ""
) -> dict[int, str]:
    """Return how to name the users ``ids`` to ``reader``, in one query.

    A name or an e-mail address is personal data: readers who may view it
    over an account (administrators) read names, and each account named
    (but the reader's own) is logged as read. Everyone else reads the
    user's number and roles, which identify no one outside the platform.
    """
    known = {pk for pk in ids if pk is not None}
    if not known:
        # A work imported from files names no user: no query to build.
        return {}
    if can(reader, Action.VIEW_PERSONAL_DATA, ACCOUNT_SCOPE):
        users = list(User.objects.filter(pk__in=known))
        for user in users:
            if user.pk != reader.pk:
                personal_data_read_log(user, reader, purpose, service="user_names")
        return {user.pk: str(user) for user in users}
    roles: dict[int, set[str]] = defaultdict(set)
    for user_id, role in RoleAssignment.objects.filter(user_id__in=known).values_list(
        "user_id", "role"
    ):
        roles[user_id].add(str(Role(role).label))
    return {pk: _user_label(pk, sorted(roles[pk])) for pk in known}


def _user_label(pk: int, roles: list[str]) -> str:
    if not roles:
        return _("Usuario %(number)s") % {"number": pk}
    return _("Usuario %(number)s (%(roles)s)") % {
        "number": pk,
        "roles": ", ".join(roles),
    }


def event_origin(event: MiddlewareEvents) -> str:
    """Return where a change came from: a page, a command or a service."""
    context = event.pgh_context or {}
    origin = context.get("url") or context.get("command") or context.get("service")
    system = context.get("system")
    if system and origin:
        return f"{origin} ({system})"
    return str(origin or system or "")


STAFF_PAGE_SIZE = 50


def staff_page(reader: Any, number: int | str | None, purpose: str) -> Page:
    """Return page ``number`` of the staff accounts, each with its roles.

    Staff are the accounts holding a role given on the staff page
    (``rules.STAFF_ROLES``). Their names and e-mails are personal data shown
    only to whoever manages accounts: each account shown is logged as read
    by ``reader`` (``purpose``: the page's address).
    """
    require(reader, Action.MANAGE_USERS)
    staff = (
        User.objects.filter(assignments__role__in=STAFF_ROLES)
        .distinct()
        .order_by("email")
        .prefetch_related(
            models.Prefetch(
                "assignments",
                queryset=RoleAssignment.objects.select_related(
                    "agency", "municipality"
                ).order_by("role", "agency__name", "municipality__name"),
            )
        )
    )
    page = Paginator(staff, STAFF_PAGE_SIZE).get_page(number)
    for user in page.object_list:
        personal_data_read_log(user, reader, purpose, service="staff_page")
    return page
