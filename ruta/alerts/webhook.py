"""What a WhatsApp Cloud API webhook carries, read without trusting its shape.

A notification holds ``entry[].changes[].value`` objects; each value may
carry ``messages`` (what people wrote to the number) and ``statuses`` (what
became of a message the platform sent: sent, delivered, read, failed).
Pure: the view checks the signature, these functions read the JSON, the
services act on what they return. Anything malformed is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from ruta.alerts.rules import FAILED, STATUS_ORDER, phone_normalise

PHONE_MAX_DIGITS = 15
MESSAGE_ID_MAX_LENGTH = 128
ERROR_MAX_LENGTH = 300
# A webhook's times: not before the Cloud API existed, not centuries ahead.
EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Inbound:
    """A message someone sent to the number: who, when, and its text if any."""

    phone: str
    at: datetime | None
    text: str


@dataclass(frozen=True)
class StatusReport:
    """What the Cloud API says became of one message the platform sent."""

    message_id: str
    status: str
    at: datetime | None
    error: str = ""


def _values(payload: object) -> Iterator[dict]:
    entries = payload.get("entry", []) if isinstance(payload, dict) else []
    for entry in entries if isinstance(entries, list) else []:
        changes = entry.get("changes", []) if isinstance(entry, dict) else []
        for change in changes if isinstance(changes, list) else []:
            value = change.get("value") if isinstance(change, dict) else None
            if isinstance(value, dict):
                yield value


def _items(value: dict, key: str) -> Iterator[dict]:
    items = value.get(key, [])
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            yield item


def moment(timestamp: object) -> datetime | None:
    """Return a webhook's Unix ``timestamp`` (text) as a time, None if unreadable."""
    try:
        seconds = int(str(timestamp))
    except ValueError:
        return None
    if not EARLIEST.timestamp() <= seconds < LATEST.timestamp():
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def inbound_messages(payload: object) -> list[Inbound]:
    """Return every message people sent, of any type (each opens the window).

    ``text`` is the body of a text message and blank for anything else (a
    photo, a sticker): those open the conversation but ask nothing.
    """
    found = []
    for value in _values(payload):
        for message in _items(value, "messages"):
            phone = phone_normalise(str(message.get("from", "")))[:PHONE_MAX_DIGITS]
            if not phone:
                continue
            text = ""
            if message.get("type") == "text" and isinstance(message.get("text"), dict):
                text = str(message["text"].get("body", ""))
            found.append(Inbound(phone, moment(message.get("timestamp")), text))
    return found


def incoming_texts(payload: object) -> list[tuple[str, str]]:
    """Return (sender, text) of each text message in a webhook."""
    return [(item.phone, item.text) for item in inbound_messages(payload) if item.text]


def status_reports(payload: object) -> list[StatusReport]:
    """Return each status report of a message sent; unknown statuses skipped."""
    found = []
    for value in _values(payload):
        for status in _items(value, "statuses"):
            message_id = str(status.get("id", ""))[:MESSAGE_ID_MAX_LENGTH]
            kind = str(status.get("status", ""))
            if not message_id or kind not in (*STATUS_ORDER, FAILED):
                continue
            found.append(
                StatusReport(
                    message_id, kind, moment(status.get("timestamp")), _error(status)
                )
            )
    return found


def _error(status: dict) -> str:
    """Return a failed status's first error as "code: title", blank if none."""
    errors = status.get("errors")
    first = errors[0] if isinstance(errors, list) and errors else None
    if not isinstance(first, dict):
        return ""
    text = f"{first.get('code', '')}: {first.get('title') or first.get('message', '')}"
    return text[:ERROR_MAX_LENGTH]
