"""The instance's WhatsApp number and the link that opens a chat with it.

A page offers WhatsApp only when the instance has a number
(``RUTA_WHATSAPP_NUMBER``); the link (``https://wa.me/<number>?text=…``)
opens the person's WhatsApp with the keyword already typed, so what they
send is what the platform understands.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings

MEXICO = "52"
MEXICAN_DIGITS = 12


def chat_number() -> str:
    """Return the instance's WhatsApp number (digits), blank when it has none."""
    return str(settings.RUTA_WHATSAPP_NUMBER)


def chat_link(text: str) -> str:
    """Return the link opening a chat with the number, ``text`` typed; blank if none."""
    number = chat_number()
    if not number:
        return ""
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


def number_written(number: str) -> str:
    """Return a number as people read it: ``+52 662 123 4567``."""
    if len(number) == MEXICAN_DIGITS and number.startswith(MEXICO):
        return f"+52 {number[2:5]} {number[5:8]} {number[8:]}"
    return f"+{number}"
