"""Schemas served from this machine, and a guard that no request leaves it.

libcove fetches schemas and codelists over HTTP from the standard's site;
the tests give it the official files of ``../shared/data/schemas`` instead,
served from 127.0.0.1, and fail any connection to another host.
"""

from __future__ import annotations

import functools
import io
import json
import socket
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
VERSIONED = "versioned-release-validation-schema.json"
DRAFT_4 = "http://json-schema.org/draft-04/schema#"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep the test output clean."""


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on an ephemeral port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Refuse name lookups of any host but this one; return those attempted."""
    attempted: list[str] = []
    lookup = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            attempted.append(name)
            raise OSError(f"the tests run offline: no connection to {name}")
        return lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    return attempted


def standard_zip(folder: Path, tag: str) -> bytes:
    """Return ``folder`` (the OCDS schema files) zipped as the standard's archive.

    libcoveocds reads the standard from its repository's archive: a top
    folder with ``schema/`` inside. The versioned-release schema, which only
    record packages use, is not among the shared files; an empty schema
    stands in for it, and only release packages are checked.
    """
    top = f"standard-{tag}/"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(top, "")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}schema/{path.relative_to(folder)}")
        archive.writestr(f"{top}schema/{VERSIONED}", json.dumps({"$schema": DRAFT_4}))
    return buffer.getvalue()
