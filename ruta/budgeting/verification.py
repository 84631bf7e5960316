"""How a voting code reaches a voter: one sender per channel, registered.

E-mail goes through Django's mail functions, that is the mail queue
(``ruta.common.mail``), so a code is never lost to a server that is down.
WhatsApp goes through the alerts' adapter (``ruta.alerts.channels``), which
sits above the domain apps: the alerts app registers its sender here when it
starts, so this app offers the channel only where it exists.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

from ruta.common.mail import mail_send
from ruta.common.models import MailKind

EMAIL = "email"
WHATSAPP = "whatsapp"


class CodeNotSent(Exception):
    """A sender could not hand the code over; the voter is told to try again."""


# (address, text) → None; raises ``CodeNotSent`` when the message did not go.
CodeSender = Callable[[str, str], None]

_SENDERS: dict[str, CodeSender] = {}


def code_sender_register(channel: str, sender: CodeSender) -> None:
    """Make ``channel`` available for codes, sent by ``sender`` (idempotent)."""
    _SENDERS[channel] = sender


def code_channels() -> list[str]:
    """Return the channels a voter may receive a code through, e-mail first."""
    return sorted(_SENDERS, key=lambda channel: (channel != EMAIL, channel))


def code_send(channel: str, address: str, text: str) -> None:
    """Send ``text`` to ``address`` through ``channel``'s sender."""
    _SENDERS[channel](address, text)


def email_code_send(address: str, text: str) -> None:
    """Queue the code's message in the outbox, urgent (it lasts minutes).

    A newer code replaces one still waiting for the same mailbox; raises
    ``RecipientLimitReached`` once the mailbox had its day's codes and links.
    """
    subject = _("Su código para votar en %(site)s") % {"site": settings.RUTA_SITE_NAME}
    mail_send(
        kind=MailKind.CODE,
        to=address,
        subject=subject,
        body=text,
        purpose="budgeting.code",
    )


code_sender_register(EMAIL, email_code_send)
