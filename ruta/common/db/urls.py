"""The URL of a database connection, for a process of its own to use."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode


def database_url(settings_dict: dict[str, Any]) -> str:
    """Return a ``postgresql://`` URL that reaches the database ``settings_dict`` names.

    The embedded server is reached through a socket folder, which
    dj-database-url keeps in ``OPTIONS`` (``host``, ``port``) rather than in
    ``HOST``; a child process given only ``HOST`` would reach another server.
    """
    options = settings_dict.get("OPTIONS") or {}
    host = settings_dict.get("HOST") or options.get("host") or ""
    port = settings_dict.get("PORT") or options.get("port") or ""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = user + (f":{quote(password, safe='')}" if password else "")
    name = quote(settings_dict["NAME"], safe="")
    if str(host).startswith("/"):
        query = urlencode({"host": host, **({"port": port} if port else {})})
        return f"postgresql://{credentials}@/{name}?{query}"
    address = (host or "localhost") + (f":{port}" if port else "")
    return f"postgresql://{credentials}@{address}/{name}"
