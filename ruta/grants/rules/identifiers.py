"""RFC, CURP and CLABE checks.

RFC and CURP with python-stdnum. An RFC whose check digit does not match
only warns: the SAT assigns homoclaves that do not always follow the
published algorithm, so the organisation is not refused for it. A CLABE
(the 18-digit interbank account number, §3.4 req. 11.2) carries its own
check digit (weights 3, 7, 1; Banco de México), which must match.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.mx import curp as stdnum_curp
from stdnum.mx import rfc as stdnum_rfc

CLABE_LENGTH = 18
COMPANY_RFC_LENGTH = 12


@dataclass(frozen=True)
class IdentifierCheck:
    """The result of a check: the cleaned value, an error or a warning."""

    value: str
    error: str = ""
    warning: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def rfc_check(value: str, *, company: bool | None = None) -> IdentifierCheck:
    """Check an RFC; ``company`` asks for a legal person's (12 characters)."""
    cleaned = stdnum_rfc.compact(value or "")
    try:
        stdnum_rfc.validate(cleaned, validate_check_digits=False)
    except ValidationError:
        return IdentifierCheck(cleaned, error="rfc_invalid")
    if company is True and len(cleaned) != COMPANY_RFC_LENGTH:
        return IdentifierCheck(cleaned, error="rfc_not_company")
    if company is False and len(cleaned) == COMPANY_RFC_LENGTH:
        return IdentifierCheck(cleaned, error="rfc_not_person")
    try:
        stdnum_rfc.validate(cleaned, validate_check_digits=True)
    except InvalidChecksum:
        return IdentifierCheck(cleaned, warning="rfc_check_digit")
    except ValidationError:
        return IdentifierCheck(cleaned, warning="rfc_homoclave")
    return IdentifierCheck(cleaned)


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
