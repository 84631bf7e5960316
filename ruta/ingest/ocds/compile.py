"""Merge each ocid's releases (``ocdsmerge``) and read the compiled release."""

from __future__ import annotations

import re
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import ocdsmerge
from ocdsmerge.exceptions import OCDSMergeError

from ruta.common.text.folding import fold
from ruta.ingest.ocds.parse import PlacedRelease
from ruta.ingest.ocds.validate import release_schema
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence
from ruta.works.contracting import Award, Contract, Party, Payment, Process

# Amounts beyond this are a typing error, not a Mexican public contract.
MAX_AMOUNT = Decimal("1e15")
# An ocid starts with its publisher's registered prefix: "ocds-" and six
# letters or digits (OCDS 1.1, Identifiers); case as publishers print it.
OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}-", re.IGNORECASE)


@cache
def _merger() -> ocdsmerge.Merger:
    return ocdsmerge.Merger(release_schema())


def processes_compile(
    name: str, releases: Iterable[PlacedRelease]
) -> tuple[list[Process], list[Finding]]:
    """Return one ``Process`` per ocid, merged from its releases by date."""
    by_ocid: dict[str, list[PlacedRelease]] = defaultdict(list)
    for placed in releases:
        by_ocid[placed.ocid].append(placed)
    processes: list[Process] = []
    findings: list[Finding] = []
    for ocid, group in by_ocid.items():
        if not OCID_PREFIX.match(ocid):
            findings.append(
                ocid_without_prefix.found(
                    where=f"{name} {group[0].place}", values={"ocid": ocid}
                )
            )
        versions = sorted({p.version for p in group if p.version})
        if len(versions) > 1:
            findings.append(
                versions_mixed.found(
                    where=f"{name} {', '.join(p.place for p in group)}",
                    values={"ocid": ocid, "versions": ", ".join(versions)},
                )
            )
        compiled, problem, overlaid = compiled_release([p.release for p in group])
        if problem:
            findings.append(_merge_finding(name, ocid, group, problem, overlaid))
        processes.append(
            process_read(compiled, tuple(p.release_id for p in group), findings, name)
        )
    return processes, findings


@finding_kind(
    "ocds-release-id-reused",
    summary=sentence("Una entrega reutiliza el id de otra con otro contenido."),
)
def release_id_reused(values: Values, say: Say) -> str:
    return say(
        sentence(
            "ocid %(ocid)s: la entrega %(id)s ya se publicó en %(earlier)s con otro "
            "contenido; un id de entrega no se reutiliza. Se guardaron las dos, "
            "cada una con su archivo, y el proceso se compiló con esta."
        )
    ) % {"ocid": values["ocid"], "id": values["id"], "earlier": values["earlier"]}


def releases_reused(
    name: str,
    releases: Iterable[PlacedRelease],
    stored: dict[tuple[str, str], tuple[dict[str, Any], str]],
) -> tuple[list[Finding], set[str]]:
    """Return the findings of release ids published again with other content,
    and the places of releases identical to one already read or stored.

    ``stored`` holds, by (ocid, release id), the JSON stored last and the
    file it came in. An identical release adds nothing; one with other
    content is kept beside the earlier and named.
    """
    seen = dict(stored)
    findings: list[Finding] = []
    identical: set[str] = set()
    for placed in releases:
        key = (placed.ocid, placed.release_id)
        if not placed.release_id:
            continue
        earlier = seen.get(key)
        here = f"{name} {placed.place}"
        if earlier is not None and earlier[0] == placed.release:
            identical.add(placed.place)
            continue
        if earlier is not None:
            findings.append(
                release_id_reused.found(
                    where=here,
                    values={"ocid": key[0], "id": key[1], "earlier": earlier[1]},
                )
            )
        seen[key] = (placed.release, here)
    return findings, identical


@finding_kind(
    "ocds-ocid-prefix",
    summary=sentence("Un ocid no lleva el prefijo de su publicador."),
)
def ocid_without_prefix(values: Values, say: Say) -> str:
    return say(
        sentence(
            "ocid %(ocid)s: no empieza con el prefijo de un publicador de OCDS "
            "(«ocds-» y seis letras o cifras), así que no es único entre "
            "publicadores; se guardó como viene."
        )
    ) % {"ocid": values["ocid"]}


@finding_kind(
    "ocds-versions-mixed",
    summary=sentence("Las entregas de un proceso son de versiones distintas de OCDS."),
)
def versions_mixed(values: Values, say: Say) -> str:
    return say(
        sentence(
            "ocid %(ocid)s: sus entregas están en versiones distintas de OCDS "
            "(%(versions)s), que el estándar no permite combinar; se combinaron "
            "con las reglas de la más reciente y cada organización nombrada dos "
            "veces quedó una vez: revise el proceso contra el archivo."
        )
    ) % {"ocid": values["ocid"], "versions": values["versions"]}


def compiled_release(
    releases: list[dict[str, Any]],
) -> tuple[dict[str, Any], str, bool]:
    """Return the releases merged as OCDS says; by plain overlay if they cannot be.

    ``ocdsmerge`` refuses releases without a date or with repeated ones; the
    overlay keeps each section of the latest release that prints it, and the
    reason is returned so it becomes a finding, with whether it was overlaid.
    """
    dated = sorted(releases, key=lambda r: str(r.get("date") or ""))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compiled = _merger().create_compiled_release(dated)
        return compiled, "; ".join(str(w.message) for w in caught), False
    except (OCDSMergeError, TypeError, KeyError, ValueError) as problem:
        merged: dict[str, Any] = {}
        for release in dated:
            merged.update({k: v for k, v in release.items() if v not in (None, "")})
        return merged, str(problem) or type(problem).__name__, True


@finding_kind(
    "ocds-merge",
    summary=sentence(
        "Las entregas de un proceso no se combinan según las reglas de OCDS."
    ),
)
def merge_problem(values: Values, say: Say) -> str:
    data = {"ocid": values["ocid"], "releases": values["releases"]}
    if values["overlaid"] == "True":
        text = sentence(
            "ocid %(ocid)s: sus %(releases)s entregas no se pueden combinar con las "
            "reglas de OCDS; se superpusieron por fecha y cada sección queda como "
            "la imprime la entrega más reciente que la trae."
        )
    else:
        text = sentence(
            "ocid %(ocid)s: al combinar sus %(releases)s entregas con las reglas de "
            "OCDS hubo advertencias; revise el proceso contra el archivo."
        )
    return say(text) % data


def _merge_finding(
    name: str, ocid: str, placed: list[PlacedRelease], problem: str, overlaid: bool
) -> Finding:
    """Return the finding of a merge that warned, or failed and was overlaid.

    ``problem`` is ocdsmerge's own English message, kept among the values.
    """
    return merge_problem.found(
        where=f"{name} {', '.join(p.place for p in placed)}",
        values={
            "ocid": ocid,
            "releases": len(placed),
            "overlaid": overlaid,
            "problem": problem[:300],
        },
    )


def process_read(
    release: dict[str, Any], release_ids: tuple[str, ...], findings: list, name: str
) -> Process:
    """Return the process a compiled release describes."""
    tender = _dict(release.get("tender"))
    planning = _dict(release.get("planning"))
    parties = _parties_once(_party(p) for p in _list(release.get("parties")))
    ocid = _text(release.get("ocid"))
    amount, currency = _money(tender.get("value"), findings, name, ocid, "tender.value")
    if amount is None:
        budget = _dict(planning.get("budget"))
        amount, currency = _money(
            budget.get("amount"), findings, name, ocid, "planning.budget.amount"
        )
    awards = tuple(
        _award(a, findings, name, ocid) for a in _list(release.get("awards"))
    )
    contracts = tuple(
        _contract(c, findings, name, ocid) for c in _list(release.get("contracts"))
    )
    return Process(
        ocid=ocid,
        title=_text(tender.get("title")) or _first_title(release),
        buyer=_text(_dict(release.get("buyer")).get("name"))
        or _role_name(parties, "buyer"),
        procuring_entity=_text(_dict(tender.get("procuringEntity")).get("name"))
        or _role_name(parties, "procuringEntity"),
        method=_text(tender.get("procurementMethod")),
        tender_start=_day(_dict(tender.get("tenderPeriod")).get("startDate")),
        tender_end=_day(_dict(tender.get("tenderPeriod")).get("endDate")),
        amount=amount,
        currency=currency,
        project_ids=_project_ids(planning),
        release_ids=release_ids,
        parties=parties,
        awards=awards,
        contracts=contracts,
        related=tuple(
            _text(_dict(r).get("identifier"))
            for r in _list(release.get("relatedProcesses"))
            if _text(_dict(r).get("identifier"))
        ),
    )


def _first_title(release: dict[str, Any]) -> str:
    for section in ("contracts", "awards"):
        for item in _list(release.get(section)):
            title = _text(_dict(item).get("title"))
            if title:
                return title
    budget = _dict(_dict(release.get("planning")).get("budget"))
    return _text(budget.get("project")) or _text(budget.get("description"))


def _project_ids(planning: dict[str, Any]) -> tuple[str, ...]:
    """Return the identifiers of the project a process belongs to, if printed."""
    budget = _dict(planning.get("budget"))
    ids = (
        _text(_dict(planning.get("project")).get("id")),
        _text(budget.get("projectID")),
    )
    return tuple(dict.fromkeys(i for i in ids if i))


def _party(data: Any) -> Party:
    data = _dict(data)
    identifier = _dict(data.get("identifier"))
    return Party(
        party_id=_text(data.get("id")),
        name=_text(data.get("name")),
        identifier=_text(identifier.get("id")),
        roles=tuple(_text(role) for role in _list(data.get("roles"))),
    )


def _parties_once(parties: Iterable[Party]) -> tuple[Party, ...]:
    """Return each party once, its roles together.

    Releases merged across OCDS versions name an organisation once with an
    id (1.1) and once without (1.0): the same party when the ids agree, or
    when the names do and one of them has no id.
    """
    kept: list[Party] = []
    for party in parties:
        same = next((i for i, p in enumerate(kept) if _same_party(p, party)), None)
        if same is None:
            kept.append(party)
            continue
        earlier = kept[same]
        kept[same] = replace(
            earlier,
            party_id=earlier.party_id or party.party_id,
            identifier=earlier.identifier or party.identifier,
            roles=tuple(dict.fromkeys(earlier.roles + party.roles)),
        )
    return tuple(kept)


def _same_party(one: Party, other: Party) -> bool:
    if one.party_id and other.party_id:
        return one.party_id == other.party_id
    return bool(one.name) and fold(one.name) == fold(other.name)


def _role_name(parties: tuple[Party, ...], role: str) -> str:
    return next((p.name for p in parties if role in p.roles), "")


def _award(data: Any, findings: list, name: str, ocid: str) -> Award:
    data = _dict(data)
    amount, currency = _money(data.get("value"), findings, name, ocid, "awards.value")
    return Award(
        award_id=_text(data.get("id")),
        title=_text(data.get("title")),
        amount=amount,
        currency=currency,
        suppliers=tuple(
            dict.fromkeys(
                _text(_dict(s).get("name")) for s in _list(data.get("suppliers"))
            )
        ),
        day=_day(data.get("date")),
    )


def _contract(data: Any, findings: list, name: str, ocid: str) -> Contract:
    data = _dict(data)
    period = _dict(data.get("period"))
    amount, currency = _money(
        data.get("value"), findings, name, ocid, "contracts.value"
    )
    transactions = _list(_dict(data.get("implementation")).get("transactions"))
    return Contract(
        contract_id=_text(data.get("id")),
        award_id=_text(data.get("awardID")),
        title=_text(data.get("title")),
        amount=amount,
        currency=currency,
        start=_day(period.get("startDate")),
        end=_day(period.get("endDate")),
        signed=_day(data.get("dateSigned")),
        payments=tuple(_payment(t, findings, name, ocid) for t in transactions),
    )


def _payment(data: Any, findings: list, name: str, ocid: str) -> Payment:
    """Return a transaction; OCDS 1.0's provider/receiver stand for payer/payee.

    Those 1.0 fields are identifiers, which name an organisation in
    ``legalName`` where 1.1's organization references say ``name``.
    """
    data = _dict(data)
    value = data.get("value") if data.get("value") is not None else data.get("amount")
    amount, currency = _money(value, findings, name, ocid, "transactions.value")
    payer = _dict(data.get("payer")) or _dict(data.get("providerOrganization"))
    payee = _dict(data.get("payee")) or _dict(data.get("receiverOrganization"))
    return Payment(
        transaction_id=_text(data.get("id")),
        day=_day(data.get("date")),
        amount=amount,
        currency=currency,
        payer=_text(payer.get("name") or payer.get("legalName")),
        payee=_text(payee.get("name") or payee.get("legalName")),
        payee_party_id=_text(payee.get("id")),
    )


@finding_kind("ocds-amount")
def amount_out_of_bounds(values: Values, say: Say) -> str:
    return say(
        sentence(
            "ocid %(ocid)s, %(path)s: el monto «%(amount)s» no es un número dentro "
            "de límites; no se guardó."
        )
    ) % {"ocid": values["ocid"], "path": values["path"], "amount": values["amount"]}


@finding_kind(
    "ocds-amount-negative",
    summary=sentence("Un monto de OCDS es negativo: se guarda como se publicó."),
)
def amount_negative(values: Values, say: Say) -> str:
    return say(
        sentence(
            "ocid %(ocid)s, %(path)s: el monto «%(amount)s» es negativo; se guarda "
            "y se republica como se publicó: confirme con quien lo publicó si es "
            "una cancelación o un error de captura."
        )
    ) % {"ocid": values["ocid"], "path": values["path"], "amount": values["amount"]}


def _money(
    value: Any, findings: list, name: str, ocid: str, path: str
) -> tuple[Decimal | None, str]:
    """Return a value's amount and currency; an unreadable amount is a finding."""
    value = _dict(value)
    currency = _text(value.get("currency"))[:3].upper()
    raw = value.get("amount")
    if raw is None or raw == "":
        return None, currency
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or abs(amount) > MAX_AMOUNT:
        findings.append(
            amount_out_of_bounds.found(
                where=f"{name} ocid {ocid} {path}",
                values={"ocid": ocid, "path": path, "amount": raw},
            )
        )
        return None, currency
    if amount < 0:
        findings.append(
            amount_negative.found(
                where=f"{name} ocid {ocid} {path}",
                values={"ocid": ocid, "path": path, "amount": str(raw)},
                severity="warning",
            )
        )
    return amount.quantize(Decimal("0.01")), currency


def _day(value: Any) -> date | None:
    """Return the date of an OCDS date-time; ``None`` if absent or unreadable."""
    text = _text(value)[:10]
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2100 else None


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
