"""The embedded PostgreSQL a new user gets when no ``DATABASE_URL`` is set.

The ``pgserver`` package ships a real PostgreSQL in a wheel. The server keeps
its data in a folder of the checkout, is shared by every process that asks for
it (the test runner, the web server, a command), and stops cleanly when the
last of them exits. It has no contrib extensions, so nothing may need one.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

DATABASE_NAME = "ruta"


def _server(pgdata: Path):
    """Return the running server for ``pgdata``, starting it if needed."""
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    import pgserver

    return pgserver.get_server(pgdata, cleanup_mode="stop")


def embedded_database_url(pgdata: Path) -> str:
    """Return the URL of the platform's database on the embedded server."""
    server = _server(pgdata)
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'ruta';")
    if "(1 row)" not in exists:
        server.psql("CREATE DATABASE ruta;")
    return server.get_uri(DATABASE_NAME)
