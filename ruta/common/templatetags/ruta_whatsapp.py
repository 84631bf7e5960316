"""WhatsApp on pages: ``{% whatsapp_chat "SEGUIR OBRA X" %}`` and its kin.

Both read the instance's number (``ruta.common.whatsapp``): without one the
chat renders nothing and ``whatsapp_offered`` is False, so no page promises
a channel the instance does not have.
"""

from __future__ import annotations

from typing import Any

from django import template

from ruta.common.text.chatwords import vote_keyword
from ruta.common.whatsapp import chat_link, chat_number, number_written

register = template.Library()


@register.simple_tag
def whatsapp_offered() -> bool:
    """Return whether the instance has a WhatsApp number to offer."""
    return bool(chat_number())


@register.inclusion_tag("common/_whatsapp_chat.html")
def whatsapp_chat(keyword: str) -> dict[str, Any]:
    """Render the link that opens the chat with ``keyword`` typed, and the number."""
    number = chat_number()
    return {
        "link": chat_link(keyword) if keyword else "",
        "number": number_written(number) if number else "",
        "keyword": keyword,
    }


@register.inclusion_tag("common/_whatsapp_chat.html")
def whatsapp_vote_chat(slug: str) -> dict[str, Any]:
    """Render the chat link asking for the vote of period ``slug``."""
    return whatsapp_chat(vote_keyword(slug))
