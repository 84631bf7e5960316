"""What every grants service shares: the audit context and refusals."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pghistory
from django.core.exceptions import ValidationError

from ruta.accounts.actors import Actor, audit_context

__all__ = ["audited", "refuse"]


@contextmanager
def audited(actor: Actor, service: str, **extra: Any) -> Iterator[None]:
    """Write inside an audit context naming the actor and the service."""
    with pghistory.context(**audit_context(actor), service=service, **extra):
        yield


def refuse(message: str, code: str, field: str = "", **params: Any) -> None:
    """Raise the ``ValidationError`` a service refuses with (nothing changed)."""
    error = ValidationError(message, code=code, params=params or None)
    if field:
        raise ValidationError({field: [error]})
    raise error
