"""The keys to personal data on the audit page: memberships and permission grants.

A row of a table Django makes for a many-to-many field (the people who act
for an organisation, a user's groups and permissions, a group's
permissions) opens records to whoever it names. Each such table is tracked
through a proxy (``accounts.UserGroup``, ``grants.OrganizationMember``); a
row is added or removed whole, so its events change no field, and the page
names what the row joins instead: the organisation and the person, the
group and the permission, each as the reader may read it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.translation import gettext_lazy
from pghistory.models import Event

# What the page calls a link's events (pghistory's labels are code).
LINK_EVENT_LABELS = {
    "insert": gettext_lazy("acceso concedido"),
    "update": gettext_lazy("acceso cambiado"),
    "delete": gettext_lazy("acceso retirado"),
}


@dataclass(frozen=True)
class LinkEnd:
    """One of the records a link row joins: its column and what it is called."""

    column: str
    name: str
    model: type[Model]


def link_models() -> dict[str, tuple[LinkEnd, ...]]:
    """Return the tracked many-to-many tables by label, with the records they join."""
    found = {}
    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        if not (issubclass(model, Event) and tracked):
            continue
        if not tracked._meta.concrete_model._meta.auto_created:
            continue
        found[tracked._meta.label] = tuple(
            LinkEnd(
                field.attname,
                str(field.related_model._meta.verbose_name),
                field.related_model,
            )
            for field in tracked._meta.concrete_fields
            if field.is_relation
        )
    return found


def link_user_ids(events: Iterable[Any]) -> set[int]:
    """Return the users that link events among ``events`` name."""
    return set(_ids(events, link_models()).get(get_user_model(), ()))


def link_subjects(
    events: Iterable[Any], *, user_names: Mapping[int, str]
) -> dict[str, list[tuple[str, str]]]:
    """Return, by event, what each link event joins, named for the reader.

    Users are named by ``user_names`` (``selectors.user_labels``: a name
    only for readers who may read it); other records by what they are
    called, or by their number once gone.
    """
    links = link_models()
    events = [event for event in events if event.pgh_obj_model in links]
    names: dict[type[Model], Mapping[Any, str]] = {get_user_model(): user_names}
    for model, ids in _ids(events, links).items():
        if model not in names:
            found = model._default_manager.select_related().in_bulk(ids)
            names[model] = {pk: str(record) for pk, record in found.items()}
    return {
        event.pgh_slug: [
            (end.name, _named(names[end.model], event.pgh_data.get(end.column)))
            for end in links[event.pgh_obj_model]
        ]
        for event in events
    }


def _ids(
    events: Iterable[Any], links: Mapping[str, tuple[LinkEnd, ...]]
) -> dict[type[Model], set[Any]]:
    found: dict[type[Model], set[Any]] = defaultdict(set)
    for event in events:
        for end in links.get(event.pgh_obj_model, ()):
            value = (event.pgh_data or {}).get(end.column)
            if value is not None:
                found[end.model].add(value)
    return found


def _named(names: Mapping[Any, str], value: Any) -> str:
    if value is None:
        return "—"
    return names.get(value) or f"#{value}"
