"""Which tracked models hold personal data, and whose scope guards each record.

The audit history shows the values of a personal-data change only to a reader
allowed to view personal data over the record that holds it, and logs each
such read. Accounts sit below the domain apps, so they cannot know a
committee member's committee; each app that keeps personal data registers its
models here when it starts (``AppConfig.ready``), with three functions:

- ``holders(events)``: the record whose scope guards each event's values
  (keyed by ``pgh_slug``), read in bulk; events of records gone are absent;
- ``within_reach(reader)``: a ``Q`` on events keeping those a non-administrator
  may list at all;
- ``log_read(holder, reader, purpose)``: record that ``reader`` saw them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

Holder = tuple[Any, Any]  # (record to log the read on, scope a reader must cover)


@dataclass(frozen=True)
class PersonalDataModel:
    """How the audit history guards one model's personal data."""

    label: str
    holders: Callable[[Iterable[Any]], Mapping[str, Holder]]
    log_read: Callable[[Any, Any, str], None]
    within_reach: Callable[[Any], Q] | None = None


_REGISTRY: dict[str, PersonalDataModel] = {}


def personal_data_register(entry: PersonalDataModel) -> None:
    """Declare ``entry.label`` as holding personal data (idempotent)."""
    _REGISTRY[entry.label] = entry


def personal_data_models() -> dict[str, PersonalDataModel]:
    """Return every registered personal-data model by label."""
    return dict(_REGISTRY)
