"""The embedded PostgreSQL a new user gets when no ``DATABASE_URL`` is set.

The ``pgserver`` package ships a real PostgreSQL in a wheel. The server keeps
its data in a folder of the checkout, is shared by every process that asks for
it (the test runner, the web server, a command), and stops cleanly when the
last of them exits. It has no contrib extensions, so nothing may need one.

Importing settings starts nothing: settings describe the embedded database
(``embedded_settings``) and the entry points — the ``ruta`` command,
``manage.py``, the test runner, the benchmarks — call
``embedded_database_ensure``, which starts the server when needed and points
the settings (and the environment, for child processes) at it.

It is set up like a production server: a role that owns the schema and runs
migrations (``ruta_owner``) and a role the application connects as
(``ruta_app``), which owns nothing (``ruta.common.db.roles``). The test runner
connects as the server's superuser, which creates the test database.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

DATABASE_NAME = "ruta"
OWNER_ROLE = "ruta_owner"
APP_ROLE = "ruta_app"
SUPERUSER = "postgres"
EMBEDDED = "EMBEDDED_PGDATA"  # the key marking the embedded database in settings

# Roles, database and ownership, idempotent: an older data folder made
# everything the superuser's, and gets it handed to the owner role. Built
# from the constants above only.
_SETUP_SQL = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OWNER_ROLE}') THEN
    CREATE ROLE {OWNER_ROLE} LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
    CREATE ROLE {APP_ROLE} LOGIN;
  END IF;
END $$;
SELECT 'CREATE DATABASE {DATABASE_NAME} OWNER {OWNER_ROLE}'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{DATABASE_NAME}')
\\gexec
ALTER DATABASE {DATABASE_NAME} OWNER TO {OWNER_ROLE};
\\connect {DATABASE_NAME}
ALTER SCHEMA public OWNER TO {OWNER_ROLE};
DO $$ DECLARE item record; BEGIN
  FOR item IN
    SELECT c.relname, c.relkind FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
      AND pg_get_userbyid(c.relowner) <> '{OWNER_ROLE}'
  LOOP
    EXECUTE format('ALTER %s public.%I OWNER TO {OWNER_ROLE}',
      CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
      ELSE 'TABLE' END, item.relname);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS signature FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '{OWNER_ROLE}'
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO {OWNER_ROLE}', item.signature);
  END LOOP;
END $$;
"""  # noqa: S608


def embedded_settings(pgdata: Path) -> dict[str, Any]:
    """Return settings for the embedded database, without starting it.

    Until an entry point starts the server, connecting fails naming the
    socket folder, which says where the server was expected.
    """
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": APP_ROLE,
        "HOST": str(pgdata),
        EMBEDDED: str(pgdata),
    }


def _server(pgdata: Path):
    """Return the running server for ``pgdata``, starting it if needed."""
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    import pgserver

    return pgserver.get_server(pgdata, cleanup_mode="stop")


def embedded_urls(pgdata: Path) -> dict[str, str]:
    """Start the server, set up its roles and database; return a URL per role."""
    server = _server(pgdata)
    server.psql(_SETUP_SQL)
    info = server.get_postmaster_info()
    return {
        role: info.get_uri(user=role, database=DATABASE_NAME)
        for role in (APP_ROLE, OWNER_ROLE, SUPERUSER)
    }


def embedded_database_ensure(*, as_superuser: bool = False) -> None:
    """Start the embedded server if the settings point at it, and use it.

    The default database becomes the application role (or the superuser, for
    the test runner, which creates its own database); an ``owner`` database
    alias carries migrations. The URLs go into the environment too, so
    processes started from here (gunicorn's workers) connect the same way.
    """
    import dj_database_url
    from django.conf import settings

    default = settings.DATABASES["default"]
    if EMBEDDED not in default:
        return
    urls = embedded_urls(Path(default[EMBEDDED]))
    app_url = urls[SUPERUSER if as_superuser else APP_ROLE]
    os.environ["DATABASE_URL"] = app_url
    # In place: Django may already hold this dict (with its defaults filled).
    default.pop(EMBEDDED)
    default.update(dj_database_url.parse(app_url, conn_max_age=60))
    if not as_superuser:
        os.environ["RUTA_DATABASE_OWNER_URL"] = urls[OWNER_ROLE]
        settings.DATABASES["owner"] = {
            **dj_database_url.parse(urls[OWNER_ROLE]),
            "TEST": {"MIRROR": "default"},
        }


def embedded_binaries() -> Path:
    """Return the folder of the embedded server's tools (``pg_basebackup``, …)."""
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin"
