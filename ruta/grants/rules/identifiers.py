"""CURP and CLABE checks; an RFC is checked by ``ruta.common.rfc``.

The CURP with python-stdnum. A CLABE (the 18-digit interbank account
number, §3.4 req. 11.2) carries its own check digit (weights 3, 7, 1; Banco
de México), which must match.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.exceptions import ValidationError
from stdnum.mx import curp as stdnum_curp

CLABE_LENGTH = 18


@dataclass(frozen=True)
class IdentifierCheck:
    """The result of a check: the cleaned value, an error or a warning."""

    value: str
    error: str = ""
    warning: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def curp_check(value: str) -> IdentifierCheck:
    """Check a CURP (format, birth date, state and check digit)."""
    cleaned = stdnum_curp.compact(value or "")
    try:
        stdnum_curp.validate(cleaned)
    except ValidationError:
        return IdentifierCheck(cleaned, error="curp_invalid")
    return IdentifierCheck(cleaned)


def clabe_check_digit(first17: str) -> str:
    """Return the CLABE check digit of its first 17 digits."""
    weights = (3, 7, 1)
    total = sum(int(d) * weights[i % 3] % 10 for i, d in enumerate(first17))
    return str((10 - total % 10) % 10)


def clabe_check(value: str) -> IdentifierCheck:
    """Check a CLABE: 18 digits whose last is the check digit of the others."""
    cleaned = "".join((value or "").split())
    if len(cleaned) != CLABE_LENGTH or not cleaned.isdigit():
        return IdentifierCheck(cleaned, error="clabe_format")
    if clabe_check_digit(cleaned[:-1]) != cleaned[-1]:
        return IdentifierCheck(cleaned, error="clabe_check_digit")
    return IdentifierCheck(cleaned)
