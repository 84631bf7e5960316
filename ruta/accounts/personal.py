"""The one declaration of personal data: which fields of which models hold it.

Everything that shows records reads this registry: the audit history shows
a personal field's values only to a reader allowed to view personal data
over the record that holds it, and logs each such read; the API and the
exports publish a personal value as nothing (``public_value``); the canary
test plants a value in every field declared here and crawls the site for it.

Accounts sit below the domain apps, so they cannot know a committee
member's committee or a contract's work; each app that keeps personal data
registers its models here when the site starts (its ``registrations``
module), with:

- ``fields``: the personal fields, each maybe narrowed to some values (a
  natural person's RFC — four letters and a birth date, with or without its
  homoclave — is personal, a company's is public; ``ruta.common.text.rfc``);
- ``holders(events)``: the record whose scope guards each event's values
  (keyed by ``pgh_slug``), read in bulk; events of records gone are absent;
- ``within_reach(reader)``: optionally, a ``Q`` on events keeping those a
  non-administrator may list at all;
- ``read_label`` and ``read_service``: optionally, the manual event of the
  holder a read is recorded as (``personal_data_viewed`` unless the holder's
  model declares its own: a committee's ``members_viewed``) and the service
  named in its context (``audit_log`` unless the app keeps every read of the
  data under its own name).

Every read of personal data, from the audit history or from an app's own
page, is recorded by ``personal_data_read_log``: one manual event of the
holder, in the reader's audit context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pghistory
from django.db.models import Model, Q

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.common.audit.history import event_record

Holder = tuple[Any, Any]  # (record to log the read on, scope a reader must cover)

# The service a read in the audit history is recorded under.
AUDIT_LOG = "audit_log"


def personal_data_read_log(
    holder: Model,
    reader: Any,
    purpose: str,
    service: str = AUDIT_LOG,
    *,
    label: str = PERSONAL_DATA_VIEWED,
) -> None:
    """Record that ``reader`` saw personal data of ``holder``.

    The one writer of the read log: the manual event ``label`` of ``holder``
    (which its model declares), with the reader, the ``service`` that showed
    the data and its ``purpose`` (the page's address; "view" when none is
    given) in the audit context.
    """
    with pghistory.context(user=reader.pk, service=service, purpose=purpose or "view"):
        event_record(holder, label=label)


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
    within_reach: Callable[[Any], Q] | None = None
    read_label: str = PERSONAL_DATA_VIEWED
    read_service: str = AUDIT_LOG

    def log_read(self, holder: Model, reader: Any, purpose: str) -> None:
        """Record that ``reader`` saw values of this model held by ``holder``."""
        personal_data_read_log(
            holder, reader, purpose, self.read_service, label=self.read_label
        )

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
