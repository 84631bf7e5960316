"""Store contracting processes read from OCDS files, with every release kept.

``contracting_store`` writes, for each compiled process of one file: the
releases the file published (new ones added, known ones left alone), the
process's current values, and its parties, awards, contracts and payments
replaced only when what the releases compile to has changed. The audit
history keeps what they were. A natural person's name and RFC go only to
the fields the personal-data registry declares (``ruta.works.apps``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ruta.accounts.actors import Actor, audited
from ruta.accounts.permissions import Action, Scope, require
from ruta.catalog.models import Agency
from ruta.common.text.rfc import is_person_rfc, rfc_compact
from ruta.sources.models import SourceDocument
from ruta.works.contracting import Party, Process
from ruta.works.models import (
    ContractingAward,
    ContractingContract,
    ContractingParty,
    ContractingPayment,
    ContractingProcess,
    ContractingRelease,
    Work,
)


@dataclass(frozen=True)
class PublishedRelease:
    """A release as a file published it: its ocid, id, date, place and JSON."""

    ocid: str
    release_id: str
    date: str
    place: str
    data: dict[str, Any]
    version: str = ""


@dataclass(frozen=True)
class ProcessChange:
    """A process to store: what it compiles to and where it belongs."""

    process: Process
    work: Work | None
    releases: tuple[PublishedRelease, ...]


@transaction.atomic
def contracting_store(
    *,
    document: SourceDocument,
    changes: Sequence[ProcessChange],
    agency: Agency | None,
    actor: Actor,
) -> int:
    """Store the processes of ``document``; return how many changed."""
    require(actor, Action.CAPTURE, agency or Scope())
    for change in changes:
        if change.work is not None:
            require(actor, Action.CAPTURE, change.work)
    changed = 0
    with audited(actor, "contracting_store", document=document.sha256):
        for change in changes:
            changed += _process_store(document, change, agency)
    return changed


def _process_store(
    document: SourceDocument, change: ProcessChange, agency: Agency | None
) -> int:
    """Write one process; return 1 when anything of it changed."""
    process = change.process
    stored = ContractingProcess.objects.filter(ocid=process.ocid).first()
    # A file that names no work or agency leaves the ones known in place.
    work = change.work or (stored.work if stored else None)
    agency = agency or (stored.agency if stored else None)
    values = _process_values(process, work, agency)
    new_releases = _releases_new(stored, document, change.releases)
    if stored is not None and not new_releases and _same(stored, values):
        return 0
    if stored is None:
        stored = ContractingProcess.objects.create(
            ocid=process.ocid, document=document, **values
        )
    else:
        for name, value in {**values, "document": document}.items():
            setattr(stored, name, value)
        stored.save()
    ContractingRelease.objects.bulk_create(
        ContractingRelease(
            process=stored,
            release_id=release.release_id[:250],
            date=release.date[:40],
            document=document,
            place=release.place[:200],
            data=release.data,
            version=release.version[:10],
        )
        for release in new_releases
    )
    _rows_replace(stored, process)
    return 1


def _process_values(
    process: Process, work: Work | None, agency: Agency | None
) -> dict[str, Any]:
    return {
        "title": process.title[:500],
        "buyer_name": process.buyer[:300],
        "procuring_entity": process.procuring_entity[:300],
        "method": process.method[:60],
        "tender_start": process.tender_start,
        "tender_end": process.tender_end,
        "amount": process.amount,
        "currency": process.currency,
        "work": work,
        "agency": agency,
    }


def _same(stored: ContractingProcess, values: dict[str, Any]) -> bool:
    return all(getattr(stored, name) == value for name, value in values.items())


def _releases_new(
    stored: ContractingProcess | None,
    document: SourceDocument,
    releases: Sequence[PublishedRelease],
) -> list[PublishedRelease]:
    """Return the releases of ``document`` not stored yet for the process.

    Each is kept by its place in its file: a release id published again with
    other content is stored beside the earlier (the reader names it in a
    finding and leaves out the identical ones).
    """
    known = (
        set(stored.releases.filter(document=document).values_list("place", flat=True))
        if stored
        else set()
    )
    return [release for release in releases if release.place[:200] not in known]


def _rows_replace(stored: ContractingProcess, process: Process) -> None:
    """Replace the process's parties, awards, contracts and payments."""
    stored.parties.all().delete()
    stored.awards.all().delete()
    stored.contracts.all().delete()
    persons = {p.name for p in process.parties if p.is_person}
    ContractingParty.objects.bulk_create(_party(stored, p) for p in process.parties)
    ContractingAward.objects.bulk_create(
        ContractingAward(
            process=stored,
            award_id=award.award_id[:200],
            title=award.title[:500],
            amount=award.amount,
            currency=award.currency,
            day=award.day,
        )
        for award in process.awards
    )
    for contract in process.contracts:
        suppliers = process.supplier_names(contract.award_id)
        supplier = ", ".join(s for s in suppliers if s not in persons)
        row = ContractingContract.objects.create(
            process=stored,
            contract_id=contract.contract_id[:200],
            award_id=contract.award_id[:200],
            title=contract.title[:500],
            supplier=supplier[:300],
            supplier_is_person=any(s in persons for s in suppliers),
            amount=contract.amount,
            currency=contract.currency,
            start=contract.start,
            end=contract.end,
            signed=contract.signed,
        )
        ContractingPayment.objects.bulk_create(
            ContractingPayment(
                contract=row,
                transaction_id=payment.transaction_id[:200],
                day=payment.day,
                amount=payment.amount,
                currency=payment.currency,
                payer=payment.payer[:300],
                payee=""
                if _person(payment.payee, payment.payee_party_id, process)
                else payment.payee[:300],
                payee_person=payment.payee[:300]
                if _person(payment.payee, payment.payee_party_id, process)
                else "",
            )
            for payment in contract.payments
        )


def _party(stored: ContractingProcess, party: Party) -> ContractingParty:
    return ContractingParty(
        process=stored,
        party_id=party.party_id[:200],
        name="" if party.is_person else party.name[:300],
        person_name=party.name[:300] if party.is_person else "",
        identifier="" if party.is_person else party.identifier[:100],
        person_rfc=rfc_compact(party.identifier)[:13] if party.is_person else "",
        is_person=party.is_person,
        roles=list(party.roles),
    )


def _person(name: str, party_id: str, process: Process) -> bool:
    """Return whether a payee is a natural person, by its party or its id."""
    if is_person_rfc(party_id):
        return True
    return any(
        p.is_person and (p.name == name or (party_id and p.party_id == party_id))
        for p in process.parties
    )
