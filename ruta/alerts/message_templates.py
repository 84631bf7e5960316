"""The WhatsApp template messages the platform sends, each declared once.

The Cloud API delivers a message the platform starts (an alert, a voting
code) only as a template the operator registered and Meta approved; free
text reaches a person only within 24 hours of their own last message
(``rules.window_open``). Each kind of message names its template's setting,
its category and its body parameters here; the payloads, the checks and the
operator's guide (docs/alerts.md, "Templates to register") read this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

# A body parameter's longest text the Cloud API takes.
PARAMETER_MAX_LENGTH = 1000
TEXT_MAX_LENGTH = 4096


class TemplateMisused(ValueError):
    """A template was given other parameters than it declares."""


@dataclass(frozen=True)
class MessageTemplate:
    """One kind of message the platform starts, sent as an approved template.

    ``setting`` names the setting holding the template's name (so an
    operator who registered it under another name says so); ``parameters``
    are what each body placeholder (``{{1}}``, ``{{2}}`` …) carries, in
    order. An authentication template (``code_button``) carries its code in
    the body and again in its copy-code button, as the Cloud API requires.
    """

    kind: str
    setting: str
    category: str
    parameters: tuple[str, ...]
    code_button: bool = False

    @property
    def name(self) -> str:
        """Return the template's registered name, from its setting."""
        return str(getattr(settings, self.setting))

    @property
    def language(self) -> str:
        """Return the language code the template was registered in."""
        return str(settings.RUTA_WHATSAPP_TEMPLATE_LANGUAGE)

    def payload(self, phone: str, values: Sequence[str]) -> dict[str, Any]:
        """Return the Cloud API message sending this template to ``phone``."""
        if len(values) != len(self.parameters):
            raise TemplateMisused(
                f"{self.kind}: {len(self.parameters)} parameters, {len(values)} given"
            )
        body = [
            {"type": "text", "text": str(value)[:PARAMETER_MAX_LENGTH]}
            for value in values
        ]
        components: list[dict[str, Any]] = [{"type": "body", "parameters": body}]
        if self.code_button:
            components.append(
                {
                    "type": "button",
                    "sub_type": "url",
                    "index": "0",
                    "parameters": [{"type": "text", "text": str(values[0])}],
                }
            )
        return {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": phone,
            "type": "template",
            "template": {
                "name": self.name,
                "language": {"code": self.language},
                "components": components,
            },
        }


ALERT = MessageTemplate(
    kind="alert",
    setting="RUTA_WHATSAPP_TEMPLATE",
    category="UTILITY",
    parameters=(
        "what happened",
        "the followed record's page",
        "the person's data page (to leave or erase)",
    ),
)
VOTE_CODE = MessageTemplate(
    kind="vote_code",
    setting="RUTA_WHATSAPP_CODE_TEMPLATE",
    category="AUTHENTICATION",
    parameters=("the voting code",),
    code_button=True,
)
TEMPLATES = (ALERT, VOTE_CODE)


def text_payload(phone: str, text: str) -> dict[str, Any]:
    """Return a Cloud API free-text message (only inside the person's window)."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": phone,
        "type": "text",
        "text": {"preview_url": False, "body": text[:TEXT_MAX_LENGTH]},
    }
