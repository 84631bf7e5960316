"""RFC (Registro Federal de Contribuyentes) format validation.

An RFC is three letters (a company, persona moral) or four letters (a person,
persona física), a date of incorporation or birth as YYMMDD and a
three-character homoclave whose last character is a digit or "A". Only the
format and the date are checked: the homoclave is assigned by the SAT and
cannot be verified offline.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RFC_PATTERN = r"^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{2}[0-9A]$"
# The length of a natural person's RFC; a legal person's has 12 characters.
NATURAL_PERSON_RFC_LENGTH = 13
_RFC = re.compile(RFC_PATTERN)


def _has_valid_date(rfc: str) -> bool:
    """Return whether the YYMMDD part of ``rfc`` is a calendar date."""
    digits = rfc[-9:-3]
    month, day = int(digits[2:4]), int(digits[4:])
    try:
        # The century is not printed, so 29 February is accepted for any YY.
        date(2000, month, day)
    except ValueError:
        return False
    return True


def is_valid_rfc(text: str) -> bool:
    """Return whether ``text`` is a well-formed RFC (upper case, no spaces)."""
    return bool(_RFC.match(text)) and _has_valid_date(text)


def validate_rfc(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` is a well-formed RFC."""
    if not is_valid_rfc(value):
        raise ValidationError(
            _("«%(value)s» no es un RFC válido (p. ej. ABC010203XY1)."),
            code="invalid_rfc",
            params={"value": value},
        )


def is_natural_person_rfc(value: str) -> bool:
    """Return whether ``value`` is a person's (persona física) RFC.

    A person's RFC has four letters (13 characters) and carries their birth
    date and initials: personal data. A company's has three (12 characters)
    and is public.
    """
    return len(value) == NATURAL_PERSON_RFC_LENGTH
