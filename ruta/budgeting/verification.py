"""How a voting code reaches a voter: one sender per channel, registered.

E-mail goes through Django's mail functions, that is the mail queue
(``ruta.common.mail``), so a code is never lost to a server that is down.
WhatsApp goes through the alerts' adapter (``ruta.alerts.channels``), which
sits above the domain apps: the alerts app registers its sender here when it
starts, so this app offers the channel only where it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ruta.common.mail import mail_send
from ruta.common.models import MailKind

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

EMAIL = "email"
WHATSAPP = "whatsapp"


class CodeNotSent(Exception):
    """A sender could not hand the code over; the voter is told why or to retry.

    ``public``: what the voter may be told, when it is more than "try again".
    """

    def __init__(self, reason: str, public: str | StrPromise = "") -> None:
        super().__init__(reason)
        self.public = public


@dataclass(frozen=True)
class CodeMessage:
    """A voting code to send: each channel words it its own way.

    E-mail sends ``text()``; WhatsApp sends ``code`` alone in an approved
    authentication template, whose wording Meta fixes.
    """

    code: str
    title: str
    minutes: int
    language: str = "es-mx"

    def text(self) -> str:
        """Return the message as text, in the voter's language."""
        with translation.override(self.language):
            return _(
                "Su código para votar en «%(title)s» es %(code)s. Vence en "
                "%(minutes)s minutos. Si usted no lo pidió, ignore este mensaje."
            ) % {"title": self.title, "code": self.code, "minutes": self.minutes}


# (address, message) → None; raises ``CodeNotSent`` when it did not go.
CodeSender = Callable[[str, CodeMessage], None]

_SENDERS: dict[str, CodeSender] = {}


def code_sender_register(channel: str, sender: CodeSender) -> None:
    """Make ``channel`` available for codes, sent by ``sender`` (idempotent)."""
    _SENDERS[channel] = sender


def code_channels() -> list[str]:
    """Return the channels a voter may receive a code through, e-mail first."""
    return sorted(_SENDERS, key=lambda channel: (channel != EMAIL, channel))


def code_send(channel: str, address: str, message: CodeMessage) -> None:
    """Send ``message`` to ``address`` through ``channel``'s sender."""
    _SENDERS[channel](address, message)


def email_code_send(address: str, message: CodeMessage) -> None:
    """Queue the code's message in the outbox, urgent (it lasts minutes).

    A newer code replaces one still waiting for the same mailbox; raises
    ``RecipientLimitReached`` once the mailbox had its day's codes and links.
    """
    subject = _("Su código para votar en %(site)s") % {"site": settings.RUTA_SITE_NAME}
    mail_send(
        kind=MailKind.CODE,
        to=address,
        subject=subject,
        body=message.text(),
        purpose="budgeting.code",
    )


code_sender_register(EMAIL, email_code_send)
