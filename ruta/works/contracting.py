"""Contracting processes as published in OCDS, read and not yet stored (pure).

The OCDS reader (``ruta.ingest.ocds``) builds these; the contracting services
(``ruta.works.services.contracting``) store them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ruta.common.text.rfc import is_person_rfc


@dataclass(frozen=True)
class Party:
    """An organisation or person named by a release, with its roles."""

    party_id: str
    name: str
    identifier: str
    roles: tuple[str, ...] = ()

    @property
    def is_person(self) -> bool:
        """Return whether the party is a natural person (their RFC says so).

        A natural person's RFC and name are personal data; a company's are
        public.
        """
        return is_person_rfc(self.identifier)


@dataclass(frozen=True)
class Payment:
    """A transaction of ``contracts[].implementation.transactions``."""

    transaction_id: str
    day: date | None
    amount: Decimal | None
    currency: str
    payer: str
    payee: str
    payee_party_id: str


@dataclass(frozen=True)
class Award:
    """An award: who was chosen, for how much."""

    award_id: str
    title: str
    amount: Decimal | None
    currency: str
    suppliers: tuple[str, ...] = ()
    day: date | None = None


@dataclass(frozen=True)
class Contract:
    """A signed contract with its amount, period and payments."""

    contract_id: str
    award_id: str
    title: str
    amount: Decimal | None
    currency: str
    start: date | None
    end: date | None
    signed: date | None
    payments: tuple[Payment, ...] = ()


@dataclass(frozen=True)
class Process:
    """One contracting process (an ocid) as its releases compile."""

    ocid: str
    title: str
    buyer: str
    procuring_entity: str
    method: str
    tender_start: date | None
    tender_end: date | None
    amount: Decimal | None
    currency: str
    project_ids: tuple[str, ...]
    release_ids: tuple[str, ...]
    parties: tuple[Party, ...] = ()
    awards: tuple[Award, ...] = ()
    contracts: tuple[Contract, ...] = ()
    related: tuple[str, ...] = field(default=())

    def supplier_names(self, award_id: str) -> tuple[str, ...]:
        """Return the suppliers of ``award_id`` (all awards' when unknown)."""
        awards = [a for a in self.awards if a.award_id == award_id] or self.awards
        return tuple(name for award in awards for name in award.suppliers)
