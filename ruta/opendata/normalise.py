"""What the OCDS and OC4IDS packages mend in what other publishers wrote.

The packages republish processes read from other publishers' OCDS files
under this platform's name, so what they carry must be valid: a currency
outside the closed ISO 4217 codelist that is a known misspelling of the peso
is written as ``MXN``; one that is not is left out (the amount stays); a
role written as its Spanish label is written as its code where the meaning
is certain; an ocid without a registered publisher prefix is written under
this instance's (``RUTA_OCDS_PREFIX``), the original ocid whole after it, so
it is unique among publishers and still found by a search for the original;
a release date-time printed without its offset (``2014-02-05T00:00:00``,
which the schema's ``date-time`` refuses) is read in the site's time zone,
as every day the packages write (``packages.day_start``).
Each change is counted while a package is written (``normalising``), and the
package ends with the counts (``x_normalizacion``): nothing is changed
silently. Each file's own findings name the same problems when imported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from ruta.common.text.folding import fold
from ruta.ingest.ocds.compile import OCID_PREFIX
from ruta.ingest.ocds.validate import release_schema

# Spellings of the Mexican peso publishers print instead of its code.
PESO_SPELLINGS = frozenset({"MNX", "MN", "M.N.", "PESOS", "PESO", "$"})
PESO = "MXN"
# Role labels (Spanish, folded) whose OCDS partyRole code is certain.
ROLE_CODES = {
    "comprador": "buyer",
    "entidad compradora": "buyer",
    "convocante": "procuringEntity",
    "entidad contratante": "procuringEntity",
    "unidad compradora": "procuringEntity",
    "proveedor": "supplier",
    "contratista": "supplier",
    "licitante": "tenderer",
    "participante": "tenderer",
    "financiador": "funder",
    "pagador": "payer",
    "beneficiario del pago": "payee",
    "beneficiario": "payee",
    "evaluador": "reviewBody",
    "interesado": "interestedParty",
}


@cache
def currency_codes() -> frozenset[str]:
    """Return the closed currency codelist, as the OCDS release schema has it."""
    currency = release_schema()["definitions"]["Value"]["properties"]["currency"]
    return frozenset(code for code in currency["enum"] if code)


@dataclass
class Normalised:
    """What one package changed: each change and how many times."""

    currencies: Counter[str] = field(default_factory=Counter)
    currencies_left_out: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    ocids_prefixed: int = 0
    dates_zoned: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "monedasCorregidas": dict(sorted(self.currencies.items())),
            "monedasOmitidas": dict(sorted(self.currencies_left_out.items())),
            "rolesCorregidos": dict(sorted(self.roles.items())),
            "ocidsConPrefijo": self.ocids_prefixed,
            "fechasConZonaDelSitio": self.dates_zoned,
            "prefijo": settings.RUTA_OCDS_PREFIX,
        }


_CURRENT: ContextVar[Normalised | None] = ContextVar("normalised", default=None)


@contextmanager
def normalising() -> Iterator[Normalised]:
    """Count what the package written inside the block changes."""
    counts = Normalised()
    token = _CURRENT.set(counts)
    try:
        yield counts
    finally:
        _CURRENT.reset(token)


def currency_code(currency: str) -> str | None:
    """Return ``currency`` as a code of the closed codelist, or None to leave
    it out: a known spelling of the peso is ``MXN``."""
    code = currency.strip().upper()
    if code in currency_codes():
        return code
    counts = _CURRENT.get()
    if code in PESO_SPELLINGS:
        if counts is not None:
            counts.currencies[f"{currency}→{PESO}"] += 1
        return PESO
    if counts is not None:
        counts.currencies_left_out[currency] += 1
    return None


def role_code(role: str) -> str:
    """Return a party's role as its partyRole code where the label is certain."""
    code = ROLE_CODES.get(" ".join(fold(role).split()))
    if code is None:
        return role
    counts = _CURRENT.get()
    if counts is not None:
        counts.roles[f"{role}→{code}"] += 1
    return code


def published_ocid(ocid: str) -> str:
    """Return ``ocid`` with a registered prefix: its own, else this instance's
    before the original."""
    if OCID_PREFIX.match(ocid):
        return ocid
    counts = _CURRENT.get()
    if counts is not None:
        counts.ocids_prefixed += 1
    return f"{settings.RUTA_OCDS_PREFIX}-{ocid}"


def zoned(moment: datetime) -> datetime:
    """Return ``moment`` with an offset: one printed without it is read in the
    site's time zone (an OCDS date-time must carry one), and counted."""
    if moment.utcoffset() is not None:
        return moment
    counts = _CURRENT.get()
    if counts is not None:
        counts.dates_zoned += 1
    return moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
