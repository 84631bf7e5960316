"""A local mail server a test starts and stops: the queue against a dead server."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller

from ruta.common.mail import OUTBOX_BACKEND
from testkit.smtp import Inbox, free_port

__all__ = ["Inbox", "MailServer", "Refusing", "mail_server", "mail_server_down"]

SMTP = "django.core.mail.backends.smtp.EmailBackend"


class MailServer:
    """A local SMTP server on a port of its own, started and stopped at will."""

    def __init__(self, handler: Inbox) -> None:
        self.inbox = handler
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class Refusing(Inbox):
    """A server that refuses one address for good and one for now."""

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802 - aiosmtpd API
        if address.startswith("nadie@"):
            return "550 5.1.1 no such mailbox"
        if address.startswith("lleno@"):
            return "452 4.2.2 mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def mail_server_down(settings, handler: Inbox) -> MailServer:
    """Queue the platform's mail for ``handler``'s server, not started yet."""
    server = MailServer(handler)
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    settings.RUTA_EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    return server


@pytest.fixture
def mail_server(settings):
    """A mail server, down until the test starts it, that the queue sends to."""
    server = mail_server_down(settings, Inbox())
    yield server
    server.stop()
