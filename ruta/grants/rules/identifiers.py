"""CURP, CLABE and CLUNI checks; an RFC is checked by ``ruta.common.text.rfc``.

The CURP with python-stdnum. A CLABE (the 18-digit interbank account
number, §3.4 req. 11.2) carries its own check digit (weights 3, 7, 1; Banco
de México), which must match.

The CLUNI (Clave Única de Inscripción al Registro Federal de las OSC, §3.4
req. 6.1) has no check digit and no python-stdnum module: it is three
letters of the organisation's name, its date of incorporation (YYMMDD), the
two-digit code of its state (01–32), a two-digit sequence and a letter, 14
characters. The letters and the date are the ones the organisation's RFC
(``ruta.common.text.rfc``) starts with, so a CLUNI whose letters or date differ
from the RFC's is accepted with a warning staff read before approving.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.mx import curp as stdnum_curp

CLABE_LENGTH = 18
CLUNI_LENGTH = 14
# The three letters of the organisation's name; then its digits and a letter.
CLUNI_LETTERS = frozenset(string.ascii_uppercase + "Ñ&")
_CLUNI_REST = re.compile(r"([0-9]{6})([0-9]{2})[0-9]{2}[A-Z]")
STATES = 32


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


def cluni_check(value: str, *, rfc: str = "") -> IdentifierCheck:
    """Check a CLUNI's shape, date and state; warn when it disagrees with ``rfc``.

    ``error`` is ``cluni_format``, ``cluni_date`` or ``cluni_state``;
    ``warning`` is ``cluni_rfc`` (letters or date other than the RFC's).
    """
    cleaned = "".join((value or "").split()).replace("-", "").upper()
    match = _CLUNI_REST.fullmatch(cleaned[3:])
    if len(cleaned) != CLUNI_LENGTH or match is None:
        return IdentifierCheck(cleaned, error="cluni_format")
    if not set(cleaned[:3]) <= CLUNI_LETTERS:
        return IdentifierCheck(cleaned, error="cluni_format")
    digits, state = match.group(1), int(match.group(2))
    try:
        date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return IdentifierCheck(cleaned, error="cluni_date")
    if not 1 <= state <= STATES:
        return IdentifierCheck(cleaned, error="cluni_state")
    if rfc and rfc[:9] != cleaned[:9]:
        return IdentifierCheck(cleaned, warning="cluni_rfc")
    return IdentifierCheck(cleaned)
