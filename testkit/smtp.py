"""A local SMTP server for tests: an aiosmtpd server on a free port.

Nothing leaves the machine. The ``smtp`` fixture points Django's SMTP
backend at it and yields the ``Inbox`` that keeps every message arriving.
"""

from __future__ import annotations

import asyncio  # noqa: F401 - aiosmtpd's controller runs an event loop
import socket
from email import message_from_string, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler keeping every message that arrives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"

    def parsed(self) -> list[EmailMessage]:
        """Return the messages received, parsed."""
        return [
            message_from_string(text, policy=policy.default)
            for _to, text in self.messages
        ]


def free_port() -> int:
    """Return a TCP port of this machine that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()
