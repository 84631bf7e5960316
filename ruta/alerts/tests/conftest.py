"""The alerts' fixtures: a local SMTP server and a local fake of the Cloud API.

Nothing leaves the machine: e-mail goes to an aiosmtpd server on a free
port, and the WhatsApp adapter talks to a small HTTP server that records
each request and answers as the WhatsApp Business Cloud API does.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from testkit.factories.works import WorkFactory
from testkit.mailserver import mail_server  # noqa: F401 - mail queued
from testkit.smtp import smtp  # noqa: F401 - the local SMTP server fixture

APP_SECRET = "prueba-secreto-de-la-app"
VERIFY_TOKEN = "prueba-verificacion"
API_TOKEN = "prueba-token"
PHONE_NUMBER_ID = "1234567890"


class CloudApi:
    """What the fake Cloud API received: (path, headers, JSON body) each."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str], dict]] = []
        self.fail_next = 0  # answer this many requests with a server error

    def bodies(self) -> list[dict]:
        """Return the JSON bodies received, in order."""
        return [body for _path, _headers, body in self.requests]


def _handler(api: CloudApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if api.fail_next:
                api.fail_next -= 1
                self._answer(500, {"error": {"message": "temporary", "code": 2}})
                return
            api.requests.append((self.path, dict(self.headers), body))
            if self.headers.get("Authorization") != f"Bearer {API_TOKEN}":
                self._answer(401, {"error": {"message": "bad token", "code": 190}})
                return
            self._answer(
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": body.get("to"), "wa_id": body.get("to")}],
                    "messages": [{"id": f"wamid.{len(api.requests)}"}],
                },
            )

        def _answer(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def cloud_api(settings):
    api = CloudApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.RUTA_ALERTS_MESSAGING_BACKEND = "whatsapp"
    settings.RUTA_WHATSAPP_API_URL = f"http://127.0.0.1:{server.server_port}/v21.0"
    settings.RUTA_WHATSAPP_PHONE_NUMBER_ID = PHONE_NUMBER_ID
    settings.RUTA_WHATSAPP_TOKEN = API_TOKEN
    settings.RUTA_WHATSAPP_APP_SECRET = APP_SECRET
    settings.RUTA_WHATSAPP_VERIFY_TOKEN = VERIFY_TOKEN
    yield api
    server.shutdown()
    server.server_close()


@pytest.fixture
def work(db, hermosillo):
    """A published work in Hermosillo (a folio the factory's sequence never makes)."""
    return WorkFactory(
        public_id="HMO-2024-0777",
        municipality=hermosillo,
        published=True,
        published_at=timezone.now(),
    )
