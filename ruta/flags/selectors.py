"""Reads of the kept flags for pages, the API and the dataset.

Every read is of ``RaisedFlag`` rows the last publish kept (indexed by work,
contractor and agency): no rule runs per request. A flag is worded in the
reader's language from its figures (``rules.worded``); the dataset and the
API give the stored Spanish message beside the figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ruta.accounts.permissions import Action, agencies_where
from ruta.catalog.models import Agency
from ruta.common.text.labels import label
from ruta.common.text.money import format_mxn
from ruta.common.text.rfc import is_company_rfc, rfc_compact
from ruta.flags import rules
from ruta.flags.found import state_works_law, thresholds
from ruta.flags.models import (
    FlagReply,
    FlagSubject,
    RaisedFlag,
    ReplyVoice,
    TaxpayerList,
)
from ruta.works.models import Work, published_condition
from ruta.works.selectors.works import work_known_without

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class KindText:
    """A kind of flag in the reader's language."""

    key: str
    title: str
    reading: str
    source: str


def kind_text(kind: rules.FlagKind) -> KindText:
    """Return ``kind``'s title, reading and source in the active language."""
    return KindText(
        kind.key, gettext(kind.title), gettext(kind.reading), gettext(kind.source)
    )


@dataclass(frozen=True)
class ShownReply:
    """The agency's explanation of a flag, as a page shows it beside the flag."""

    voice: str
    text: str
    written_on: date


@dataclass(frozen=True)
class ShownFlag:
    """A kept flag as a page shows it, with the agency's reply if it gave one."""

    pk: int
    kind: KindText
    text: str
    raised_on: date
    work: Work | None
    is_demo: bool
    values: dict[str, str]
    reply: ShownReply | None = None


def _day(iso: str) -> str:
    try:
        return date_format(date.fromisoformat(iso), "DATE_FORMAT")
    except ValueError:
        return iso


def _money(text: str) -> str:
    return format_mxn(Decimal(text))


def flag_text(flag: RaisedFlag) -> str:
    """Return ``flag``'s sentence in the active language, figures shown."""
    return rules.worded(flag.kind, flag.values, gettext, day=_day, money=_money)


def _shown(flags: QuerySet[RaisedFlag]) -> list[ShownFlag]:
    listed = list(flags.select_related("work").order_by("kind", "key"))
    replies = _replies(listed)
    return [
        ShownFlag(
            pk=flag.pk,
            kind=kind_text(rules.FLAG_KINDS[flag.kind]),
            text=flag_text(flag),
            raised_on=flag.raised_on,
            work=flag.work,
            is_demo=flag.is_demo,
            values=flag.values,
            reply=replies.get((flag.kind, flag.key)),
        )
        for flag in listed
    ]


def _replies(flags: list[RaisedFlag]) -> dict[tuple[str, str], ShownReply]:
    """Return the replies to ``flags`` by kind and key, as pages show them."""
    return {
        pair: ShownReply(
            voice=reply.get_voice_display(),
            text=reply.text,
            written_on=timezone.localdate(reply.written_at),
        )
        for pair, reply in _replies_of(flags).items()
    }


def flags_to_answer(user: Any) -> list[tuple[Agency, list[ShownFlag]]]:
    """Return the agencies whose flags ``user`` may answer, each with its flags.

    A validator of an agency speaks for it (``services.flag_reply_write``).
    """
    return [
        (agency, _shown(RaisedFlag.objects.filter(agency=agency)))
        for agency in agencies_to_answer(user)
    ]


def agencies_to_answer(user: Any) -> list[Agency]:
    """Return the agencies with flags for which ``user`` may answer."""
    flagged = Agency.objects.filter(
        pk__in=RaisedFlag.objects.filter(agency__isnull=False).values("agency_id")
    ).order_by("name")
    return agencies_where(user, Action.VALIDATE, flagged)


def flags_unanswered(user: Any) -> int:
    """Return how many flags of ``user``'s agencies have no reply yet."""
    agencies = agencies_to_answer(user)
    flags = RaisedFlag.objects.filter(agency__in=agencies)
    replied = FlagReply.objects.filter(agency__in=agencies).values_list("kind", "key")
    answered = set(replied)
    raised = flags.values_list("kind", "key")
    return sum(1 for flag in raised if flag not in answered)


def _public(flags: QuerySet[RaisedFlag]) -> QuerySet[RaisedFlag]:
    """Return the flags whose work, if any, the public sees.

    Each flag's work looked up by its key: as ``work__in`` every published
    work was read to build the set (``python -m bench scans``).
    """
    published = Work.objects.filter(published_condition(), pk=OuterRef("work_id"))
    return flags.filter(Q(work__isnull=True) | Exists(published))


def work_flags(work: Work) -> list[ShownFlag]:
    """Return the flags about ``work`` (its own and its contracts' and processes')."""
    return _shown(RaisedFlag.objects.filter(work=work))


def contractor_flags(rfc: str) -> list[ShownFlag]:
    """Return the flags about a company; none for a person's RFC."""
    rfc = rfc_compact(rfc)
    if not is_company_rfc(rfc):
        return []
    return _shown(_public(RaisedFlag.objects.filter(contractor_rfc=rfc)))


def agency_flags(agency: Agency) -> list[ShownFlag]:
    """Return the flags about ``agency``: its own and its works'."""
    return _shown(_public(RaisedFlag.objects.filter(agency=agency)))


def flagged_agencies() -> list[tuple[Agency, int]]:
    """Return the agencies with flags, most first, with how many."""
    counts: dict[int, int] = {}
    for agency_id in _public(
        RaisedFlag.objects.filter(agency__isnull=False)
    ).values_list("agency_id", flat=True):
        counts[agency_id] = counts.get(agency_id, 0) + 1
    agencies = Agency.objects.in_bulk(list(counts))
    return sorted(
        ((agencies[pk], n) for pk, n in counts.items()),
        key=lambda pair: (-pair[1], pair[0].name),
    )


@dataclass(frozen=True)
class KindSummary:
    """A kind as the flags page explains it: rule, source, settings, count."""

    kind: KindText
    settings: list[tuple[str, Decimal, str]]
    raised: int


def kind_summaries() -> list[KindSummary]:
    """Return every kind with its thresholds as set and how many it raised."""
    values = thresholds()
    counts: dict[str, int] = {}
    for kind in _public(RaisedFlag.objects.all()).values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    return [
        KindSummary(
            kind=kind_text(kind),
            settings=[
                (gettext(t.unit), values[kind.key][t.name], gettext(t.source))
                for t in kind.thresholds
            ],
            raised=counts.get(kind.key, 0),
        )
        for kind in rules.FLAG_KINDS.values()
    ]


def latest_taxpayer_list() -> TaxpayerList | None:
    """Return the 69-B list the flags read: the latest by its date."""
    return TaxpayerList.objects.select_related("document").first()


def state_law() -> rules.WorksLaw:
    """Return the law the instance declares for its state-funded works."""
    return state_works_law()


# ------------------------------------------------------------ sections


def work_flags_section(work: Work, request: HttpRequest) -> dict[str, Any] | None:
    """Return the flags part of a work's page; None when it raised none (known
    without a query when the work was read with its kinds of rows)."""
    flags = [] if work_known_without(work, "flags") else work_flags(work)
    return {"flags": flags} if flags else None


def contractor_flags_section(rfc: str, request: HttpRequest) -> dict[str, Any] | None:
    """Return the flags part of a company's page; None when it raised none."""
    flags = contractor_flags(rfc)
    return {"flags": flags} if flags else None


# ------------------------------------------------------------ open data


def _replies_kept() -> dict[tuple[str, str], FlagReply]:
    """Return every reply by its flag's kind and key (a few per agency)."""
    return {
        (reply.kind, reply.key): reply
        for reply in FlagReply.objects.select_related("agency")
    }


def reply_answer(reply: FlagReply | None) -> dict[str, Any] | None:
    """Return a reply as the API and the dataset give it, in Spanish.

    Who answered is the agency and on whose behalf (the agency's or the
    contractor's voice), never the person who typed it.
    """
    if reply is None:
        return None
    return {
        "text": reply.text,
        "voice": reply.voice,
        "voice_label": label(ReplyVoice, reply.voice),
        "agency": reply.agency.code,
        "agency_name": reply.agency.name,
        "written_on": timezone.localdate(reply.written_at),
    }


def flag_rows() -> Iterator[dict[str, Any]]:
    """Yield the flags dataset's rows: each kept flag with its figures and reply."""
    flags = _public(RaisedFlag.objects.all()).select_related(
        "work__fiscal_year", "agency", "contract", "process"
    )
    replies = _replies_kept()
    for flag in flags.order_by("kind", "key").iterator(chunk_size=2000):
        kind = rules.FLAG_KINDS[flag.kind]
        reply = reply_answer(replies.get((flag.kind, flag.key)))
        yield {
            "EJERCICIO": flag.work.fiscal_year_id if flag.work else None,
            "SENAL": flag.kind,
            "SENAL_NOMBRE": kind.title,
            "CLAVE": flag.key,
            "SOBRE": flag.subject,
            "SOBRE_NOMBRE": label(FlagSubject, flag.subject),
            "OBRA": flag.work.public_id if flag.work else "",
            "CONTRATO": flag.contract.number if flag.contract else "",
            "OCID": flag.process.ocid if flag.process else "",
            "DEPENDENCIA": flag.agency.name if flag.agency else "",
            "RFC_CONTRATISTA": flag.contractor_rfc,
            "MENSAJE": flag.message,
            "CIFRAS": json.dumps(flag.values, ensure_ascii=False, sort_keys=True),
            "FUENTE": kind.source,
            "DETECTADA": flag.raised_on,
            "DEMOSTRACION": flag.is_demo,
            "RESPUESTA": reply["text"] if reply else "",
            "RESPUESTA_A_NOMBRE_DE": reply["voice"] if reply else "",
            "RESPUESTA_A_NOMBRE_DE_NOMBRE": reply["voice_label"] if reply else "",
            "RESPUESTA_DEPENDENCIA": reply["agency_name"] if reply else "",
            "RESPUESTA_FECHA": reply["written_on"] if reply else None,
        }


# ------------------------------------------------------------ API

API_MOST = 5000


def flag_api_rows(
    *, kind: str = "", work: str = "", contractor: str = "", agency: str = ""
) -> list[dict[str, Any]]:
    """Return the kept flags as the API gives them, filtered, at most ``API_MOST``."""
    flags = _public(RaisedFlag.objects.all())
    if kind:
        flags = flags.filter(kind=kind)
    if work:
        flags = flags.filter(work__public_id=work)
    if contractor:
        flags = flags.filter(contractor_rfc=rfc_compact(contractor)[:12])
    if agency:
        flags = flags.filter(agency__code=agency)
    flags = flags.select_related("work", "contract", "process", "agency")
    listed = list(flags.order_by("kind", "key")[:API_MOST])
    replies = _replies_of(listed)
    return [
        {
            "kind": flag.kind,
            "title": rules.FLAG_KINDS[flag.kind].title,
            "subject": flag.subject,
            "subject_label": label(FlagSubject, flag.subject),
            "key": flag.key,
            "work": flag.work.public_id if flag.work else None,
            "contract": flag.contract.number if flag.contract else None,
            "ocid": flag.process.ocid if flag.process else None,
            "agency": flag.agency.code if flag.agency else None,
            "contractor_rfc": flag.contractor_rfc or None,
            "message": flag.message,
            "values": flag.values,
            "source": rules.FLAG_KINDS[flag.kind].source,
            "raised_on": flag.raised_on,
            "is_demo": flag.is_demo,
            "reply": reply_answer(replies.get((flag.kind, flag.key))),
        }
        for flag in listed
    ]


def _replies_of(flags: list[RaisedFlag]) -> dict[tuple[str, str], FlagReply]:
    """Return the replies to ``flags`` by kind and key, in one query."""
    wanted = {(flag.kind, flag.key) for flag in flags}
    if not wanted:
        return {}
    replies = FlagReply.objects.filter(
        kind__in={kind for kind, _ in wanted}, key__in={key for _, key in wanted}
    ).select_related("agency")
    return {
        (reply.kind, reply.key): reply
        for reply in replies
        if (reply.kind, reply.key) in wanted
    }


def kind_rows() -> list[dict[str, Any]]:
    """Return every kind as the API gives it, in Spanish, with its thresholds."""
    values = thresholds()
    counts = {summary.kind.key: summary.raised for summary in kind_summaries()}
    return [
        {
            "kind": kind.key,
            "subject": kind.subject.value,
            "subject_label": label(FlagSubject, kind.subject.value),
            "title": kind.title,
            "reading": kind.reading,
            "source": kind.source,
            "thresholds": [
                {
                    "name": t.name,
                    "value": values[kind.key][t.name],
                    "unit": t.unit,
                    "default": t.default,
                    "source": t.source,
                }
                for t in kind.thresholds
            ],
            "raised": counts.get(kind.key, 0),
        }
        for kind in rules.FLAG_KINDS.values()
    ]
