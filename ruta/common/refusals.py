"""How a write says no: one ``ValidationError`` shape for every service.

A refusal names what was refused in words a person can act on, with a code
tests and views can rely on, and optionally the form field it belongs to.
Services are atomic, so raising it leaves nothing half-written.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def refusal(message: str, code: str, field: str = "", **params: Any) -> ValidationError:
    """Return the error a service raises to refuse (on ``field`` when given)."""
    error = ValidationError(message, code=code, params=params or None)
    return ValidationError({field: [error]}) if field else error
