"""The alerts' rules, pure (no Django): keywords, signatures, retries, figures.

Kept apart from the database so the webhook, the sender and the open-data
figures decide the same way and each rule is tested on its own.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from ruta.common.text.chatwords import VOTE_WORD
from ruta.common.text.folding import normalize_key

# Messaging keywords (docs/alerts.md). Accents and case do not matter.
FOLLOW_WORDS = frozenset({"SEGUIR", "ALTA"})
LEAVE_WORDS = frozenset({"BAJA", "CANCELAR", "STOP"})
HELP_WORDS = frozenset({"AYUDA", "MENU", "HOLA"})
VOTE_WORDS = frozenset({VOTE_WORD})
MUNICIPALITY_WORD = "MUNICIPIO"
PROGRAM_WORD = "PROGRAMA"
WORK_WORD = "OBRA"
KEYWORD_MAX_LENGTH = 200

FOLLOW, LEAVE, HELP, VOTE, UNKNOWN = "follow", "leave", "help", "vote", "unknown"

# Retries: 1, 2, 4 … minutes after each failure, at most six hours apart,
# and a delivery is given up after this many attempts.
MAX_ATTEMPTS = 8
RETRY_CAP = timedelta(hours=6)


@dataclass(frozen=True)
class Keyword:
    """What an incoming message asks: ``action`` and, to follow, what and which."""

    action: str
    target: str = ""  # "work", "municipality", "program" or "" (to be guessed)
    argument: str = ""


def keyword_parse(text: str, kinds: Mapping[str, str] | None = None) -> Keyword:
    """Return what a message to the messaging number asks.

    "SEGUIR <folio>", "SEGUIR OBRA <folio>", "SEGUIR MUNICIPIO <nombre o
    clave>", "SEGUIR PROGRAMA <clave>", "BAJA" (leave everything), "AYUDA",
    "VOTAR [<presupuesto>]" (where to vote; it also opens the conversation
    the codes arrive in).
    ``kinds`` maps each further kind's word to its kind ("COMPROMISO" →
    "commitment"), as the followables registry declares them.
    """
    words = normalize_key(text[:KEYWORD_MAX_LENGTH]).split(" ")
    head, rest = words[0], words[1:]
    if head in LEAVE_WORDS and not rest:
        return Keyword(LEAVE)
    if head in HELP_WORDS:
        return Keyword(HELP)
    if head in VOTE_WORDS:
        return Keyword(VOTE, "", " ".join(rest))
    if head not in FOLLOW_WORDS or not rest:
        return Keyword(UNKNOWN)
    named = {
        WORK_WORD: "work",
        MUNICIPALITY_WORD: "municipality",
        PROGRAM_WORD: "program",
        **(kinds or {}),
    }
    if rest[0] in named and len(rest) > 1:
        return Keyword(FOLLOW, named[rest[0]], " ".join(rest[1:]))
    return Keyword(FOLLOW, "", " ".join(rest))


def signature_valid(body: bytes, header: str, secret: str) -> bool:
    """Return whether ``header`` is ``sha256=`` + HMAC-SHA256 of ``body``.

    The WhatsApp Cloud API signs each webhook with the app secret in
    ``X-Hub-Signature-256``; an empty secret never validates anything.
    """
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def signature_of(body: bytes, secret: str) -> str:
    """Return the ``X-Hub-Signature-256`` value of ``body`` (for the fake API)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# An address has one confirmation at a time. Asked again this soon after its
# link went out, the link is reused (it confirms the new request too, and
# its page lists everything it confirms); later, a fresh link replaces it,
# for whoever lost the first. The mail queue caps them a day per mailbox.
CONFIRMATION_REUSED_FOR = timedelta(minutes=30)


def confirmation_reused(sent_at: datetime | None, now: datetime) -> bool:
    """Return whether a confirmation sent at ``sent_at`` is reused at ``now``."""
    return sent_at is not None and now - sent_at < CONFIRMATION_REUSED_FOR


def retry_delay(attempts: int) -> timedelta:
    """Return how long to wait after the ``attempts``-th failure (backoff)."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), RETRY_CAP)


def gives_up(attempts: int) -> bool:
    """Return whether a delivery that failed ``attempts`` times is abandoned."""
    return attempts >= MAX_ATTEMPTS


def month_of(moment: datetime) -> str:
    """Return the month of ``moment`` as ``YYYY-MM`` (how the figures group)."""
    return f"{moment.year:04d}-{moment.month:02d}"


def search_key(pairs: Iterable[tuple[str, str]], allowed: Iterable[str]) -> str:
    """Return a saved search as one canonical query string.

    Only the explorer's own filters, non-empty, sorted: the same search
    typed in another order is the same subscription.
    """
    fields = set(allowed) - {"sort", "page"}
    kept = sorted((k, v.strip()) for k, v in pairs if k in fields and v.strip())
    return urlencode(kept)


@dataclass(frozen=True)
class MonthFigures:
    """Sign-ups and drop-outs of one channel in one month.

    ``demo``: of followers the demo made up, counted apart from real ones.
    """

    month: str
    channel: str
    signups: int
    dropouts: int
    demo: bool = False


# A sign-up or a drop-out: when, by which channel, and whether the demo's.
Moment = tuple[datetime, str, bool]


def figures_by_month(
    signups: Iterable[Moment], dropouts: Iterable[Moment]
) -> list[MonthFigures]:
    """Return sign-ups and drop-outs per month, channel and demo or not, in order."""
    ins = Counter((month_of(when), channel, demo) for when, channel, demo in signups)
    outs = Counter((month_of(when), channel, demo) for when, channel, demo in dropouts)
    keys = sorted(set(ins) | set(outs))
    return [MonthFigures(m, c, ins[(m, c, d)], outs[(m, c, d)], d) for m, c, d in keys]


def phone_normalise(text: str) -> str:
    """Return a phone number as digits only, as WhatsApp names senders."""
    return "".join(ch for ch in text if ch.isdigit())


# ------------------------------------------------------ the messaging rules

# The Cloud API delivers free text only within this long of the person's own
# last message to the number (the "customer service window"); beyond it,
# only an approved template reaches them.
MESSAGING_WINDOW = timedelta(hours=24)

# What the webhook reports of a message sent, in the order it happens; a
# report arriving late never moves a message back. "failed" stands apart:
# it can follow "sent" (never delivered) and ends the message.
ACCEPTED, SENT, DELIVERED, READ, FAILED = (
    "accepted",
    "sent",
    "delivered",
    "read",
    "failed",
)
STATUS_ORDER = (ACCEPTED, SENT, DELIVERED, READ)


def window_open(last_inbound_at: datetime | None, now: datetime) -> bool:
    """Return whether free text may go to someone whose last message was then.

    Never written: closed. A time ahead of ``now`` (a clock off) counts as now.
    """
    if last_inbound_at is None:
        return False
    return now - min(last_inbound_at, now) < MESSAGING_WINDOW


def status_after(current: str, reported: str) -> str:
    """Return a sent message's status once ``reported`` arrives.

    Statuses only move forward (a late "sent" after "read" changes nothing);
    "failed" ends the message unless it was already delivered or read.
    """
    if current == FAILED or reported not in (*STATUS_ORDER, FAILED):
        return current
    if reported == FAILED:
        return current if current in (DELIVERED, READ) else FAILED
    if STATUS_ORDER.index(reported) > STATUS_ORDER.index(current):
        return reported
    return current


def messaging_key(phone: str) -> str:
    """Return the one form of a number two spellings of it share.

    WhatsApp names Mexican senders with the old mobile ``1`` (521…) and is
    written to without it (52…): both are one person, one window.
    """
    digits = phone_normalise(phone)
    if len(digits) == 13 and digits.startswith("521"):
        return "52" + digits[3:]
    return digits
