"""How a write says no: one ``ValidationError`` shape for every service.

A refusal names what was refused in words a person can act on, with a code
tests and views can rely on, and optionally the form field it belongs to.
Services are atomic, so raising it leaves nothing half-written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def refusal(
    message: str | StrPromise, code: str, field: str = "", /, **params: Any
) -> ValidationError:
    """Return the error a service raises to refuse (on ``field`` when given).

    The first three are positional, so ``params`` may name any placeholder of
    the message, ``code`` and ``field`` included.
    """
    error = ValidationError(message, code=code, params=params or None)
    return ValidationError({field: [error]}) if field else error
