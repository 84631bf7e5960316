"""The one declaration of personal data: which fields of which models hold it.

Everything that shows records reads this registry: the audit history shows
a personal field's values only to a reader allowed to view personal data
over the record that holds it, and logs each such read; the API and the
exports publish a personal value as nothing (``public_value``); the canary
test plants a value in every field declared here and crawls the site for it.

Accounts sit below the domain apps, so they cannot know a committee
member's committee or a contract's work; each app that keeps personal data
registers its models here when it starts (``AppConfig.ready``), with:

- ``fields``: the personal fields, each maybe narrowed to some values (a
  natural person's RFC — four letters and a birth date, with or without its
  homoclave — is personal, a company's is public; ``ruta.common.rfc``);
- ``holders(events)``: the record whose scope guards each event's values
  (keyed by ``pgh_slug``), read in bulk; events of records gone are absent;
- ``log_read(holder, reader, purpose)``: record that ``reader`` saw them;
- ``within_reach(reader)``: optionally, a ``Q`` on events keeping those a
  non-administrator may list at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

Holder = tuple[Any, Any]  # (record to log the read on, scope a reader must cover)


@dataclass(frozen=True)
class PersonalField:
    """A field holding personal data; ``when`` narrows it to some of its values."""

    name: str
    when: Callable[[Any], bool] | None = None

    def holds(self, value: Any) -> bool:
        """Return whether ``value``, held in this field, is personal data."""
        if value is None or value == "":
            return False
        return self.when is None or self.when(value)


@dataclass(frozen=True)
class PersonalDataModel:
    """Which fields of one model are personal, and how their reads are guarded."""

    label: str
    fields: tuple[PersonalField, ...]
    holders: Callable[[Iterable[Any]], Mapping[str, Holder]]
    log_read: Callable[[Any, Any, str], None]
    within_reach: Callable[[Any], Q] | None = None

    def field(self, name: str) -> PersonalField | None:
        """Return the declaration of field ``name``, if it is personal."""
        return next((field for field in self.fields if field.name == name), None)

    def is_personal(self, name: str, *values: Any) -> bool:
        """Return whether any of ``values`` of field ``name`` is personal data."""
        field = self.field(name)
        return field is not None and any(field.holds(value) for value in values)


_REGISTRY: dict[str, PersonalDataModel] = {}


def personal_data_register(entry: PersonalDataModel) -> None:
    """Declare ``entry.label``'s personal fields (idempotent)."""
    _REGISTRY[entry.label] = entry


def personal_data_models() -> dict[str, PersonalDataModel]:
    """Return every registered personal-data model by label."""
    return dict(_REGISTRY)


def public_value(label: str, field: str, value: Any) -> Any:
    """Return ``value`` for open data: ``None`` when it is personal data.

    For the API and the exports, which publish to everyone.
    """
    entry = _REGISTRY.get(label)
    if entry is not None and entry.is_personal(field, value):
        return None
    return value
