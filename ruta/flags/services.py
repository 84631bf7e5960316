"""Red flags kept; the SAT's 69-B lists kept.

``flags_refresh`` runs at every open-data publish (``ruta.opendata``): it
takes what ``ruta.flags.found`` finds in the published data and writes only
what changed, so a publish that finds the same flags writes nothing (and
bumps no data version). Pages, the API and the dataset read the kept rows.

``flag_reply_write`` is the right of reply: a validator of the flag's agency
attaches its explanation, shown beside the flag at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, person, service
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.common.web.guards import unstorable
from ruta.flags import rules
from ruta.flags.found import flag_message, flags_found
from ruta.flags.models import (
    REPLY_LONGEST,
    FlagReply,
    ListedTaxpayer,
    RaisedFlag,
    ReplyVoice,
    TaxpayerList,
)
from ruta.sources.models import SourceDocument


@dataclass
class RefreshOutcome:
    """How many flags stand after a refresh, and what it changed."""

    raised: dict[str, int] = field(default_factory=dict)
    added: int = 0
    changed: int = 0
    removed: int = 0


_LINKS = ("work_id", "contract_id", "process_id", "agency_id", "contractor_rfc")


@service
def flags_refresh(*, actor: Actor, today: date | None = None) -> RefreshOutcome:
    """Compute every flag and keep it; write only what changed since the last."""
    today = today or timezone.localdate()
    found = {(f.kind, f.key): f for f in flags_found(today=today)}
    kept = {(flag.kind, flag.key): flag for flag in RaisedFlag.objects.all()}
    outcome = RefreshOutcome()
    gone = [flag.pk for pair, flag in kept.items() if pair not in found]
    if gone:
        outcome.removed = RaisedFlag.objects.filter(pk__in=gone).delete()[0]
    for pair, flag in found.items():
        outcome.raised[flag.kind] = outcome.raised.get(flag.kind, 0) + 1
        fields = {
            "subject": rules.FLAG_KINDS[flag.kind].subject.value,
            "values": dict(flag.values),
            "message": flag_message(flag.kind, flag.values),
            "is_demo": flag.is_demo,
            **{name: getattr(flag, name) for name in _LINKS},
        }
        stored = kept.get(pair)
        if stored is None:
            RaisedFlag.objects.create(
                kind=flag.kind, key=flag.key, raised_on=today, **fields
            )
            outcome.added += 1
        elif any(getattr(stored, name) != value for name, value in fields.items()):
            RaisedFlag.objects.filter(pk=stored.pk).update(**fields)
            outcome.changed += 1
    return outcome


# ------------------------------------------------------------ SAT 69-B lists


@dataclass(frozen=True)
class ListedRow:
    """A taxpayer of a 69-B file as the reader hands it over."""

    line: int
    rfc: str
    name: str
    situation: str
    notices: tuple[tuple[str, str], ...] = ()


@service
def taxpayer_list_write(
    *,
    document: SourceDocument,
    as_of: date,
    rows: Iterable[ListedRow],
    actor: Actor,
    is_demo: bool = False,
) -> TaxpayerList:
    """Keep a 69-B list read from ``document``, dated ``as_of``."""
    listed = list(rows)
    taxpayer_list = TaxpayerList.objects.create(
        document=document, as_of=as_of, rows=len(listed), is_demo=is_demo
    )
    ListedTaxpayer.objects.bulk_create(
        ListedTaxpayer(
            taxpayer_list=taxpayer_list,
            line=row.line,
            rfc=row.rfc,
            name=row.name,
            situation=row.situation,
            notices=[{"column": c, "text": t} for c, t in row.notices],
        )
        for row in listed
    )
    return taxpayer_list


@service
def flag_reply_write(
    *, flag: RaisedFlag, text: str, voice: str, actor: Actor
) -> FlagReply:
    """Attach the agency's explanation to ``flag``, or change it; shown at once.

    Only a validator of the flag's agency speaks for it; the explanation may
    be the contractor's, which reaches the platform through the agency.
    """
    if flag.agency_id is None:
        raise refusal(
            _("Esta señal no es de una dependencia: no tiene quién la responda."),
            "flag_without_agency",
            "text",
        )
    reply = FlagReply.objects.filter(kind=flag.kind, key=flag.key).first()
    if reply is None:
        reply = FlagReply(kind=flag.kind, key=flag.key, is_demo=flag.is_demo)
    reply.agency_id = flag.agency_id
    require(actor, Action.VALIDATE, reply)
    reply.text = _reply_text(text)
    if voice not in ReplyVoice.values:
        raise refusal(_("Diga a nombre de quién responde."), "voice", "voice")
    reply.voice = voice
    reply.written_by = person(actor)
    reply.written_at = timezone.now()
    reply.save()
    return reply


def _reply_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise refusal(_("Escriba la explicación."), "reply_empty", "text")
    if unstorable(text) or len(text) > REPLY_LONGEST:
        raise refusal(
            _("La explicación admite hasta %(most)s caracteres de texto.")
            % {"most": REPLY_LONGEST},
            "reply_too_long",
            "text",
        )
    return text
