"""Records kept once decided: an approved or decided row is never deleted.

A decision is reversed by a new, audited record (a correction, a
cancellation), never by erasing the record of it. A model says once which of
its rows are kept, with a ``Kept`` in its ``kept`` attribute, and that one
statement is enforced twice:

- in PostgreSQL, by a ``BEFORE DELETE`` trigger (``Kept.trigger``) that the
  application's role cannot disable, drop or ignore (``ruta.common.db.roles``),
  so raw SQL, bulk deletes and cascades are refused too;
- in Django, by a ``pre_delete`` receiver (``kept_guards_connect``) that
  refuses first with a message, for instance, queryset and cascaded deletes
  alike, so services explain rather than fail on a database error; the
  admin asks ``is_kept`` to offer no delete at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kept:
    """Which rows of a model are kept: all, or those with ``field`` in ``values``."""

    name: str
    field: str = ""
    values: tuple[str, ...] = ()

    def trigger(self) -> pgtrigger.Protect:
        """Return the trigger refusing to delete a kept row, whoever asks."""
        condition = None
        if self.field:
            values = [str(value) for value in self.values]
            condition = pgtrigger.Q(**{f"old__{self.field}__in": values})
        return pgtrigger.Protect(
            name=self.name, operation=pgtrigger.Delete, condition=condition
        )

    def holds(self, instance: models.Model) -> bool:
        """Return whether ``instance`` is kept."""
        return not self.field or getattr(instance, self.field) in self.values


class RecordKept(ValidationError):
    """A delete of a kept record: reverse it with a new record instead."""

    def __init__(self, instance: models.Model) -> None:
        super().__init__(
            _(
                "«%(record)s» es un registro aprobado o decidido y no se elimina; "
                "registre una corrección o una cancelación."
            ),
            code="record_kept",
            params={"record": str(instance)},
        )


def is_kept(instance: models.Model | None) -> bool:
    """Return whether ``instance`` may no longer be deleted."""
    kept = getattr(type(instance), "kept", None)
    return instance is not None and isinstance(kept, Kept) and kept.holds(instance)


def _refuse_kept(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    if is_kept(instance):
        raise RecordKept(instance)


def kept_guards_connect(model_classes: Iterable[type[models.Model]]) -> None:
    """Refuse, before the database does, every ORM delete of a kept row."""
    for model in model_classes:
        if isinstance(getattr(model, "kept", None), Kept):
            pre_delete.connect(
                _refuse_kept, sender=model, dispatch_uid=f"kept-{model._meta.label}"
            )
