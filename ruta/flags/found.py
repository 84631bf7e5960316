"""What the published data raises: every rule asked over the works' facts.

Reads only: the published works, contracts and processes through the works
app's selectors (``works.selectors.integrity``) and the latest 69-B list,
each rule of ``ruta.flags.rules`` asked with the instance's thresholds.
``ruta.flags.services.flags_refresh`` keeps what this finds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings

from ruta.common.text.money import format_mxn
from ruta.common.text.rfc import is_company_rfc
from ruta.flags import rules
from ruta.flags.models import ListedTaxpayer, TaxpayerList
from ruta.flags.rules import FEDERAL_WORKS_LAW, Values, WorksLaw
from ruta.sources.findings import unchanged
from ruta.works.rules import UNDER_WAY
from ruta.works.selectors.integrity import (
    ContractFact,
    ProcessContractFact,
    ProcessFact,
    WorkFact,
    contract_facts,
    process_contract_facts,
    process_facts,
    work_facts,
)


@dataclass(frozen=True)
class Found:
    """A flag a rule raised, with what it is about."""

    kind: str
    key: str
    values: Values
    is_demo: bool
    work_id: int | None = None
    contract_id: int | None = None
    process_id: int | None = None
    agency_id: int | None = None
    contractor_rfc: str = ""


def state_works_law() -> WorksLaw:
    """Return the law the instance declares for state-funded works."""
    declared = settings.RUTA_FLAG_STATE_WORKS_LAW
    percent = Decimal(str(declared["percent"]))
    if not Decimal(1) <= percent <= Decimal(100):
        raise rules.ThresholdError(
            f"RUTA_FLAG_STATE_WORKS_LAW percent {percent} is outside 1..100"
        )
    return WorksLaw(declared["name"], declared["article"], percent)


def thresholds() -> dict[str, dict[str, Decimal]]:
    """Return every rule's thresholds as the instance sets them."""
    return rules.thresholds_read(settings.RUTA_FLAG_THRESHOLDS)


def _company(rfc: str) -> str:
    return rfc if is_company_rfc(rfc) else ""


def _contract_key(fact: ContractFact) -> str:
    return f"{fact.work}/{fact.number}"


def _contract_flags(
    facts: list[ContractFact], limits: dict[str, dict[str, Decimal]]
) -> Iterator[Found]:
    months = limits[rules.RECENT_COMPANY.key]["months"]
    for fact in facts:
        common: dict[str, Any] = {
            "key": _contract_key(fact),
            "is_demo": fact.is_demo,
            "work_id": fact.work_id,
            "contract_id": fact.id,
            "agency_id": fact.agency_id,
            "contractor_rfc": _company(fact.rfc),
        }
        recent = rules.recent_company(
            rfc=fact.rfc,
            contract=fact.number,
            signed_on=fact.signed_on,
            months=months,
        )
        if recent:
            yield Found(rules.RECENT_COMPANY.key, values=recent, **common)
        over = rules.paid_over_contract(
            contract=fact.number, amount=fact.amount, paid=fact.paid
        )
        if over:
            yield Found(rules.OVERPAID.key, values=over, **common)


def _split_flags(
    facts: list[ContractFact], limits: dict[str, dict[str, Decimal]]
) -> Iterator[Found]:
    """Group one contractor's contracts by work and by locality; flag each run once."""
    setting = limits[rules.SPLIT.key]
    procedure_most = {
        procedure: setting[name] for procedure, name in rules.PROCEDURE_LIMITS.items()
    }
    groups: dict[tuple[str, ...], list[ContractFact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.rfc, "work", str(fact.work_id))].append(fact)
        if fact.locality:
            place = (fact.rfc, "place", fact.municipality, fact.locality.casefold())
            groups[place].append(fact)
    seen: set[frozenset[str]] = set()
    for group in groups.values():
        by_number = {f"{f.work} {f.number}": f for f in group}
        signed = [
            rules.SignedContract(name, f.signed_on, f.amount, f.procedure)
            for name, f in by_number.items()
        ]
        values = rules.split_contracts(
            signed,
            contractor=group[0].contractor,
            days=setting["days"],
            limits=procedure_most,
        )
        if values is None:
            continue
        members = frozenset(values["contracts"].split(", "))
        if members in seen:
            continue
        seen.add(members)
        last = max((by_number[m] for m in members), key=lambda f: f.signed_on)
        yield Found(
            rules.SPLIT.key,
            key=f"{group[0].rfc}/{'+'.join(sorted(members))}",
            values=values,
            is_demo=last.is_demo,
            work_id=last.work_id,
            agency_id=last.agency_id,
            contractor_rfc=_company(last.rfc),
        )


def _direct_share_flags(
    facts: list[ContractFact], limits: dict[str, dict[str, Decimal]]
) -> Iterator[Found]:
    setting = limits[rules.DIRECT_SHARE.key]
    state = rules.AwardTally()
    tallies: dict[int, rules.AwardTally] = defaultdict(rules.AwardTally)
    names: dict[int, str] = {}
    demo: dict[int, bool] = defaultdict(lambda: True)
    for fact in facts:
        direct = fact.procedure == "adjudicacion_directa"
        state = state.plus(fact.amount, direct=direct)
        if fact.agency_id is None:
            continue
        tallies[fact.agency_id] = tallies[fact.agency_id].plus(
            fact.amount, direct=direct
        )
        names[fact.agency_id] = fact.agency
        demo[fact.agency_id] = demo[fact.agency_id] and fact.is_demo
    for agency_id, tally in tallies.items():
        values = rules.direct_award_share(
            agency=names[agency_id],
            tally=tally,
            state=state,
            points=setting["points"],
            least_contracts=setting["least_contracts"],
        )
        if values:
            yield Found(
                rules.DIRECT_SHARE.key,
                key=str(agency_id),
                values=values,
                is_demo=demo[agency_id],
                agency_id=agency_id,
            )


def _term(contracts: list[ContractFact]) -> tuple[int | None, int]:
    starts = [c.start for c in contracts if c.start]
    agreed = [c.agreed_end for c in contracts if c.agreed_end]
    ends = [c.end for c in contracts if c.end]
    if not (starts and agreed and ends):
        return None, 0
    return rules.added_days(max(agreed), max(ends), min(starts))


def _work_flags(
    works: Iterable[WorkFact],
    contracts: dict[int, list[ContractFact]],
    limits: dict[str, dict[str, Decimal]],
    today: date,
) -> Iterator[Found]:
    state_law = state_works_law()
    federal = WorksLaw(
        FEDERAL_WORKS_LAW.name,
        FEDERAL_WORKS_LAW.article,
        limits[rules.MODIFICATIONS.key]["federal_percent"],
    )
    for work in works:
        common: dict[str, Any] = {
            "key": work.public_id,
            "is_demo": work.is_demo,
            "work_id": work.id,
            "agency_id": work.agency_id,
        }
        agreed_days, added = _term(contracts.get(work.id, []))
        modified = rules.modifications_exceed(
            agreed_amount=work.contracted,
            increases=[work.increases] if work.increases else [],
            agreed_days=agreed_days,
            added_days=added,
            law=federal if work.federal else state_law,
        )
        if modified and work.contracted > 0:
            yield Found(rules.MODIFICATIONS.key, values=modified, **common)
        ahead = rules.paid_ahead_of_progress(
            amount=work.contracted or work.investment,
            paid=work.paid,
            physical=work.physical,
            percent=limits[rules.PAID_AHEAD.key]["physical_percent"],
        )
        if ahead:
            yield Found(rules.PAID_AHEAD.key, values=ahead, **common)
        late = rules.late_with_payments(
            status=work.status,
            end=work.end,
            today=today,
            paid=work.paid,
            days=limits[rules.LATE_PAID.key]["days"],
            under_way=UNDER_WAY,
        )
        if late:
            yield Found(rules.LATE_PAID.key, values=late, **common)


def _process_flags(processes: Iterable[ProcessFact]) -> Iterator[Found]:
    for process in processes:
        values = rules.single_bidder(
            ocid=process.ocid, method=process.method, tenderers=process.tenderers
        )
        if values:
            yield Found(
                rules.SINGLE_BIDDER.key,
                key=process.ocid,
                values=values,
                is_demo=process.is_demo,
                work_id=process.work_id,
                process_id=process.id,
                agency_id=process.agency_id,
            )


def _process_contract_flags(
    contracts: Iterable[ProcessContractFact],
) -> Iterator[Found]:
    """Flag an OCDS contract whose published payments exceed it."""
    for fact in contracts:
        name = f"{fact.ocid} {fact.contract}".strip()
        values = rules.paid_over_contract(
            contract=name, amount=fact.amount, paid=fact.paid
        )
        if values:
            yield Found(
                rules.OVERPAID.key,
                key=f"{fact.ocid}/{fact.contract}",
                values=values,
                is_demo=fact.is_demo,
                work_id=fact.work_id,
                process_id=fact.process_id,
                agency_id=fact.agency_id,
            )


def _listed_flags(facts: list[ContractFact]) -> Iterator[Found]:
    latest = TaxpayerList.objects.order_by("-as_of", "-pk").first()
    if latest is None:
        return
    companies = {fact.rfc: fact for fact in facts if is_company_rfc(fact.rfc)}
    listed = ListedTaxpayer.objects.filter(taxpayer_list=latest, rfc__in=companies)
    for taxpayer in listed.order_by("rfc"):
        notices = "; ".join(n["text"] for n in taxpayer.notices if n.get("text"))
        values = rules.sat_listed(
            rfc=taxpayer.rfc,
            name=taxpayer.name,
            situation=taxpayer.situation,
            notice=notices[:500],
            list_date=latest.as_of,
        )
        if values:
            fact = companies[taxpayer.rfc]
            yield Found(
                rules.SAT_LISTED.key,
                key=taxpayer.rfc,
                values=values,
                is_demo=fact.is_demo or latest.is_demo,
                contractor_rfc=taxpayer.rfc,
            )


def flags_found(*, today: date) -> list[Found]:
    """Return every flag the published data raises on ``today``."""
    limits = thresholds()
    contracts = list(contract_facts())
    by_work: dict[int, list[ContractFact]] = defaultdict(list)
    for fact in contracts:
        by_work[fact.work_id].append(fact)
    return [
        *_work_flags(work_facts(), by_work, limits, today),
        *_contract_flags(contracts, limits),
        *_split_flags(contracts, limits),
        *_direct_share_flags(contracts, limits),
        *_process_flags(process_facts()),
        *_process_contract_flags(process_contract_facts()),
        *_listed_flags(contracts),
    ]


def flag_message(kind: str, values: Values) -> str:
    """Return a flag's sentence in Spanish, as the dataset and the API give it."""
    return rules.worded(
        kind, values, unchanged, day=str, money=lambda v: format_mxn(Decimal(v))
    )
