"""Password rules beyond Django's: a password of few distinct characters.

Twelve characters (``MinimumLengthValidator``) say little when they repeat
one or two ("aaaaaaaaaaaa", "abababababab"), and such strings are among the
first an attacker tries; Django's common-password list does not hold them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class VariedCharactersValidator:
    """Refuse a password made of fewer than ``min_distinct`` different characters."""

    def __init__(self, min_distinct: int = 5) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password.casefold())) < self.min_distinct:
            raise ValidationError(
                _("La contraseña repite muy pocos caracteres distintos."),
                code="password_too_repetitive",
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Use al menos %(count)d carácter distinto.",
            "Use al menos %(count)d caracteres distintos.",
            self.min_distinct,
        ) % {"count": self.min_distinct}
