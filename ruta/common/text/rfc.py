"""The RFC (Registro Federal de Contribuyentes): the one place that reads one.

An RFC is three letters (a company, persona moral: 12 characters) or four (a
person, persona física: 13), a date of incorporation or birth as YYMMDD and
a three-character homoclave whose last character, the check digit, is a
digit or "A". python-stdnum (``stdnum.mx.rfc``) reads the letters, the date
and the words the SAT never assigns; the homoclave is the SAT's and cannot
be verified offline, so a check digit that does not follow the published
algorithm only warns.

Who holds an RFC decides what is withheld: a person's RFC carries their
initials and birth date and is personal data (``ruta.accounts.personal``); a
company's is public. ``is_person_rfc`` is that rule, for every app. Pure (no
Django), so readers use it too; ``ruta.common.text.validators`` turns a refusal
into a form's or a model's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.mx import rfc as stdnum_rfc

# What the database's check constraint on a contractor's RFC accepts
# (migration ``works.0001``); every RFC ``rfc_check`` accepts matches it.
RFC_PATTERN = r"^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{2}[0-9A]$"
PERSON_RFC_LENGTH = 13
COMPANY_RFC_LENGTH = 12
_RFC = re.compile(RFC_PATTERN)
# A person's RFC by its shape alone: four letters and the birth date, with
# or without the homoclave (the SAT prints ten characters where none was
# assigned). Valid or not, such a value names a person.
_PERSON_SHAPE = re.compile(r"[A-ZÑ&]{4}[0-9]{6}(?:[A-Z0-9]{3})?")
# The scheme open-contracting identifiers put before an RFC ("MX-RFC-…",
# org-id.guide); compacted, as no RFC starts with five letters.
_SCHEME = "MXRFC"


class RfcHolder(StrEnum):
    """Who an RFC belongs to."""

    PERSON = "person"
    COMPANY = "company"


# Why a value is not an RFC (``RfcCheck.fault``).
FAULT_LENGTH = "length"
FAULT_FORMAT = "format"
FAULT_DATE = "date"
FAULT_WORD = "word"


@dataclass(frozen=True)
class RfcCheck:
    """The result of ``rfc_check``: the value compacted, an error or a warning.

    ``error`` is ``rfc_invalid`` (``fault`` says why), ``rfc_not_company`` or
    ``rfc_not_person``; ``warning`` is ``rfc_check_digit`` or
    ``rfc_homoclave`` for an RFC accepted all the same.
    """

    value: str
    error: str = ""
    fault: str = ""
    warning: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def holder(self) -> RfcHolder | None:
        """Return who holds the RFC checked, or None when it is not one."""
        if self.error == "rfc_invalid":
            return None
        if len(self.value) == PERSON_RFC_LENGTH:
            return RfcHolder.PERSON
        return RfcHolder.COMPANY


def rfc_compact(value: str) -> str:
    """Return ``value`` upper-cased, without spaces, hyphens or a scheme.

    "gode-561231-gr8" and "MX-RFC-GODE561231GR8" are "GODE561231GR8".
    """
    return stdnum_rfc.compact(value or "").removeprefix(_SCHEME)


def rfc_check(value: str, *, holder: RfcHolder | None = None) -> RfcCheck:
    """Check an RFC; ``holder`` asks for a person's or a company's."""
    cleaned = rfc_compact(value)
    fault = _fault(cleaned)
    if fault:
        return RfcCheck(cleaned, error="rfc_invalid", fault=fault)
    held = RfcHolder.PERSON if len(cleaned) == PERSON_RFC_LENGTH else None
    held = held or RfcHolder.COMPANY
    if holder is not None and held != holder:
        return RfcCheck(cleaned, error=f"rfc_not_{holder}")
    return RfcCheck(cleaned, warning=_check_digit_warning(cleaned))


def _fault(cleaned: str) -> str:
    """Return why ``cleaned`` is not an RFC (a ``FAULT_*``), or ""."""
    if len(cleaned) not in (COMPANY_RFC_LENGTH, PERSON_RFC_LENGTH):
        return FAULT_LENGTH
    if not _RFC.match(cleaned):
        return FAULT_FORMAT
    if not _is_date(cleaned[-9:-3]):
        return FAULT_DATE
    try:
        stdnum_rfc.validate(cleaned, validate_check_digits=False)
    except InvalidLength:  # pragma: no cover - the length is checked above
        return FAULT_LENGTH
    except StdnumError:
        # The letters and the date are well formed, so the initials form a
        # word the SAT replaces (its fourth letter becomes an X).
        return FAULT_WORD
    return ""


def _is_date(digits: str) -> bool:
    """Return whether YYMMDD ``digits`` is a calendar date.

    The century is not printed; 19YY and 20YY are leap years alike (but
    1900, when nobody holding an RFC was born or incorporated).
    """
    try:
        date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return False
    return True


def _check_digit_warning(cleaned: str) -> str:
    """Return a warning when the homoclave does not follow the SAT's algorithm."""
    try:
        stdnum_rfc.validate(cleaned, validate_check_digits=True)
    except InvalidChecksum:
        return "rfc_check_digit"
    except StdnumError:
        return "rfc_homoclave"
    return ""


def is_valid_rfc(value: str) -> bool:
    """Return whether ``value`` is a well-formed RFC as stored: upper case, bare."""
    check = rfc_check(value)
    return check.ok and check.value == value


def is_person_rfc(value: str) -> bool:
    """Return whether ``value`` is a person's RFC: personal data, never published.

    Decided by the shape alone (four letters, then the birth date), so a
    person's RFC printed with a typo in its date or without its homoclave
    is withheld as well; a company's has three letters.
    """
    return _PERSON_SHAPE.fullmatch(rfc_compact(value)) is not None


def is_company_rfc(value: str) -> bool:
    """Return whether ``value`` is a well-formed company's RFC (12 characters)."""
    return rfc_check(value).holder == RfcHolder.COMPANY


def rfc_check_digit(body: str) -> str:
    """Return the check digit the SAT's algorithm gives an RFC's other characters."""
    return stdnum_rfc.calc_check_digit(body)


def incorporation_date(rfc: str, *, not_after: date) -> date | None:
    """Return the date a company's RFC states, or None (a person's, or malformed).

    The RFC prints YYMMDD; the century is the latest that does not put the
    date after ``not_after`` (a company cannot be incorporated after it signs).
    """
    compact = rfc_compact(rfc)
    if len(compact) != COMPANY_RFC_LENGTH or is_person_rfc(compact):
        return None
    digits = compact[3:9]
    if not digits.isdigit():
        return None
    year, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    for century in (2000, 1900):
        try:
            found = date(century + year, month, day)
        except ValueError:
            return None
        if found <= not_after:
            return found
    return None
