"""The ``ruta`` command: the platform's management commands for users.

``ruta load-catalog`` runs the ``load_catalog`` management command (hyphens
become underscores); ``ruta serve`` runs the web server with gunicorn.
"""

from __future__ import annotations

import os
import sys

SERVE_DEFAULT_BIND = "127.0.0.1:8000"
# A worker is replaced after this many requests (``RUTA_MAX_REQUESTS``), so a
# slow leak cannot grow; 0 never replaces one.
MAX_REQUESTS_DEFAULT = 2000
MAX_REQUESTS_MOST = 1_000_000


def max_requests(value: str | None) -> int:
    """Return ``RUTA_MAX_REQUESTS``: 0 (never) to ``MAX_REQUESTS_MOST``.

    Anything else stops the start with a message naming the setting.
    """
    if value is None or not value.strip():
        return MAX_REQUESTS_DEFAULT
    value = value.strip()
    if not value.isdigit() or int(value) > MAX_REQUESTS_MOST:
        raise SystemExit(
            f"RUTA_MAX_REQUESTS must be a number from 0 (never) to "
            f"{MAX_REQUESTS_MOST:,}, not {value!r}"
        )
    return int(value)


def _serve(args: list[str]) -> None:
    """Serve the platform with gunicorn sync workers (the measured choice).

    A request that runs past the timeout is ended and its worker replaced,
    so one slow request cannot hold a worker; workers are recycled after a
    bounded number of requests (``RUTA_MAX_REQUESTS``); request lines and
    headers are bounded.
    """
    from gunicorn.app.wsgiapp import run

    bind = args[0] if args else SERVE_DEFAULT_BIND
    folder = os.environ.get("RUTA_METRICS_DIR", "").strip()
    if folder:
        # Not prometheus_client: the web workers import it after the settings.
        from ruta.common.ops.metricsfolder import metrics_folder_prepare

        metrics_folder_prepare(folder)
    recycled_after = max_requests(os.environ.get("RUTA_MAX_REQUESTS"))
    sys.argv = [
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        bind,
        "--workers",
        os.environ.get("RUTA_WORKERS", "2"),
        "--timeout",
        os.environ.get("RUTA_REQUEST_TIMEOUT", "30"),
        "--graceful-timeout",
        "10",
        "--max-requests",
        str(recycled_after),
        "--max-requests-jitter",
        "200",
        "--limit-request-line",
        "6144",
        "--limit-request-fields",
        "60",
        "--limit-request-field_size",
        "8190",
        # No access log of gunicorn's: it names each client's address. The
        # application writes one JSON line per request (ruta.common.ops.requestlog).
        # Nothing here uses gunicorn's control interface; its socket is one
        # per user, so two ``ruta serve`` on a machine would share it.
        "--no-control-socket",
    ]
    run()


def site_url_for(bind: str) -> str | None:
    """Return the site's address for gunicorn's ``bind``; None for a socket.

    Links in e-mails and exports start with ``RUTA_SITE_URL``; when it is
    not set, ``ruta serve`` names the address it serves on, so a link points
    where the site answers. A wildcard host becomes the loopback address.
    """
    if bind.startswith(("unix:", "fd://")):
        return None
    host, _, port = bind.rpartition(":")
    if not port.isdigit():
        return None
    if host in {"", "0.0.0.0", "[::]"}:  # noqa: S104 - read, not bound
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def _as_owner(args: list[str]) -> list[str]:
    """Return ``migrate``'s arguments run as the owner role, when one is set.

    The application's role owns nothing; the schema belongs to the owner role
    (docs/deploy.md), which the ``owner`` database alias connects as.
    """
    from django.conf import settings

    given = any(arg.startswith("--database") for arg in args)
    if args[:1] == ["migrate"] and "owner" in settings.DATABASES and not given:
        return [*args, "--database", "owner"]
    return args


def main(argv: list[str] | None = None) -> None:
    """Run a platform command: ``ruta <command> [arguments]``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    if args[:1] == ["serve"] and not os.environ.get("RUTA_SITE_URL"):
        # Before settings are read: the web workers inherit them.
        site = site_url_for(args[1] if len(args) > 1 else SERVE_DEFAULT_BIND)
        if site:
            os.environ["RUTA_SITE_URL"] = site
    if args[:1] != ["help"] and args:
        embedded_database_ensure()
    if args and args[0] == "serve":
        _serve(args[1:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ruta", *_as_owner(args)])
