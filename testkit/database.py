"""Test databases copied from a template migrated once.

Migrating an empty database takes more than a minute: Django renders the
models' state again for most of the 159 migrations' operations (measured:
1,409 reloads, 56,487 model renders). Copying a migrated database in
PostgreSQL takes about a second. So the schema is migrated once into a
template database, and every test database — one per pytest-xdist worker, the
serial pass's, the next run's — is a copy of it.

The template's name carries a digest of everything that decides the schema
(the migration files, the code their ``post_migrate`` receivers run, the
installed packages), so any change to them builds a new template, and the
old ones are dropped. Building and copying happen under a PostgreSQL
advisory lock, so parallel workers build it once. After the copy, pytest-django
runs ``migrate`` on it as on a kept database (``--reuse-db``): nothing is left
to apply, and the ``post_migrate`` receivers run as they do after every
migration. ``RUTA_TEST_TEMPLATE=0`` migrates every test database from zero.

The schema the migrations build is kept in the repository as SQL
(``testkit/schema.sql.gz``), stamped with the same digest: a server without
the template restores it in seconds instead of migrating — a fresh clone, a
reset server, CI's embedded pass. When the digest changes (a new migration),
the template is migrated as before and the file written again, to be
committed with the migration; a stale file is never read, only replaced.
Written and read with the ``pg_dump``/``psql`` that come with the embedded
server's package, which reach both the machine's server and its own.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata, util
from pathlib import Path
from typing import Any

import pgserver
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections, transaction

TEMPLATE_PREFIX = "ruta_template_"
# Any constant the project's other advisory locks do not use.
TEMPLATE_LOCK = 7_201_912
ROOT = Path(__file__).resolve().parent.parent
# Code that decides what a migrated database holds besides the migrations.
SCHEMA_CODE = (
    "ruta/common/audit/auditindex.py",
    "ruta/common/db/roles.py",
    "ruta/common/fast/scratch.py",
    "ruta/ingest/loaders/worklist_chunks.py",
    "ruta/works/services/staged.py",
    "ruta/common/statementkeys.py",
    "ruta/common/db/versioning.py",
)
PROJECT = "ruta-del-dinero"
# Templates of other schemas kept besides the current one (other checkouts,
# other branches, worktrees side by side); older ones are dropped.
TEMPLATES_KEPT = 6
BUILDER = pytest.StashKey[subprocess.Popen]()
SCHEMA = ROOT / "testkit" / "schema.sql.gz"
SCHEMA_STAMP = "-- ruta test schema "
# Column options some server builds record and other servers refuse.
FOREIGN_OPTION = re.compile(rb"^ALTER TABLE ONLY .* SET \(pg_attver=\d+\);$")
PG_BIN = Path(pgserver.__file__).resolve().parent / "pginstall" / "bin"


def templates_enabled() -> bool:
    """Return whether test databases are copied (``RUTA_TEST_TEMPLATE``)."""
    return os.environ.get("RUTA_TEST_TEMPLATE", "1").strip().lower() not in {
        "0",
        "false",
        "no",
        "off",
    }


def schema_digest() -> str:
    """Return a digest of the migrations, the schema code and their packages.

    The packages are the installed apps' distributions (Django, pghistory,
    procrastinate, …), whose migrations and code build the schema; all are
    pinned in ``pyproject.toml``, so the digest is the same on every install.
    """
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("ruta/*/migrations/*.py")) + [
        ROOT / name for name in SCHEMA_CODE
    ]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update("\n".join(_app_distributions()).encode())
    return digest.hexdigest()[:16]


def _app_distributions() -> list[str]:
    """Return ``name==version`` of each distribution an installed app comes from."""
    owners = metadata.packages_distributions()
    found = set()
    for app in settings.INSTALLED_APPS:
        top = app.split(".")[0]
        if top == "ruta" or util.find_spec(top) is None:
            continue
        for name in owners.get(top, ()):
            found.add(f"{name}=={metadata.version(name)}")
    return sorted(found)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _database_exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _database_drop(cursor, name: str) -> None:
    cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


def _template_build(alias: str, cursor, template: str) -> None:
    """Fill a new database and rename it ``template`` when complete.

    It is restored from the schema file when that is of the same schema, else
    migrated, and the schema file written again. A build that dies leaves only
    the ``_building`` database, dropped by the next one, never a half-migrated
    template.
    """
    building = f"{template}_building"
    _database_drop(cursor, building)
    cursor.execute(f"CREATE DATABASE {_quoted(building)}")
    digest = template.removeprefix(TEMPLATE_PREFIX)
    if not _restored(alias, building, digest):
        _migrated(alias, building)
        _dumped(alias, building, digest)
    cursor.execute(f"ALTER DATABASE {_quoted(building)} RENAME TO {_quoted(template)}")


def _migrated(alias: str, database: str) -> None:
    connection = connections[alias]
    name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = database
    try:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name


def session_settings(alias: str = "default") -> dict[str, Any]:
    """Return psycopg's settings for another session on the test database.

    What a test needs to act as a second client: a concurrent transaction,
    a migration under a running statement.
    """
    params = connections[alias].get_connection_params()
    return {
        name: params[name]
        for name in ("dbname", "user", "password", "host", "port")
        if params.get(name)
    }


def deleted_by_sql(table: str, pk: int) -> None:
    """Delete row ``pk`` of ``table`` with SQL, then run the checks COMMIT runs.

    In a savepoint, undone if a check refuses: the path that skips Django.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _libpq(alias: str, database: str) -> tuple[list[str], dict[str, str]]:
    """Return the options and environment the PostgreSQL tools connect with.

    Read from the connection's own parameters, so a server reached by a
    socket folder (the embedded one) is reached the same way.
    """
    params = connections[alias].get_connection_params()
    env = dict(os.environ)
    for key, variable in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    return [f"--dbname={database}"], env


def _dumped(alias: str, database: str, digest: str, path: Path = SCHEMA) -> None:
    """Write the migrated ``database``'s SQL, stamped; a failed dump costs nothing.

    Without owners or grants (the roles are set up by the ``post_migrate``
    receivers that run on every copy, ``ruta.common.db.roles``), and without
    the column options some server builds record (Debian's PostgreSQL 15
    writes ``pg_attver`` on the queue's tables) and other servers refuse.
    Compressed with no timestamp, so the same SQL is the same file.
    """
    options, env = _libpq(alias, database)
    done = subprocess.run(  # noqa: S603 - the embedded server's own pg_dump
        [str(PG_BIN / "pg_dump"), "--format=plain", "--no-owner", "--no-privileges"]
        + options,
        env=env,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        return
    lines = [
        line for line in done.stdout.splitlines() if not FOREIGN_OPTION.match(line)
    ]
    sql = b"\n".join([f"{SCHEMA_STAMP}{digest}".encode(), *lines, b""])
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(gzip.compress(sql, mtime=0))
    partial.replace(path)


def _schema_sql(digest: str, path: Path = SCHEMA) -> bytes | None:
    """Return the schema file's SQL if it is stamped ``digest``; else None."""
    try:
        sql = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
    stamp, _, rest = sql.partition(b"\n")
    return rest if stamp == f"{SCHEMA_STAMP}{digest}".encode() else None


def _restored(alias: str, database: str, digest: str, path: Path = SCHEMA) -> bool:
    """Restore the schema file into the empty ``database``; say whether it went whole.

    A file of another schema is not read; a restore that fails leaves the
    database empty again, to be migrated.
    """
    sql = _schema_sql(digest, path)
    if sql is None:
        return False
    options, env = _libpq(alias, database)
    if _sql_run(sql, options, env):
        return True
    with connections[alias].creation._nodb_cursor() as cursor:
        _database_drop(cursor, database)
        cursor.execute(f"CREATE DATABASE {_quoted(database)}")
    return False


def schema_current() -> bool:
    """Return whether the schema file holds the schema the migrations build now."""
    return _schema_sql(schema_digest()) is not None


def schema_restore(url: str) -> bool:
    """Restore the current schema into the empty database at ``url``, if kept.

    For a server of its own (the embedded one a new user gets): ``ruta
    migrate`` afterwards finds every migration applied and sets up the roles.
    """
    sql = _schema_sql(schema_digest())
    return sql is not None and _sql_run(sql, [f"--dbname={url}"], dict(os.environ))


def _sql_run(sql: bytes, options: list[str], env: dict[str, str]) -> bool:
    """Run ``sql`` through ``psql``, stopping at the first error."""
    done = subprocess.run(  # noqa: S603 - the embedded server's own psql
        [str(PG_BIN / "psql"), "--quiet", "--set=ON_ERROR_STOP=1"] + options,
        input=sql,
        env=env,
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _stale_templates_drop(cursor, template: str) -> None:
    """Drop the templates of other schemas but the ``TEMPLATES_KEPT`` newest."""
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s"
        " ORDER BY oid DESC OFFSET %s",
        [TEMPLATE_PREFIX.replace("_", r"\_") + "%", template, TEMPLATES_KEPT],
    )
    for (name,) in cursor.fetchall():
        # Not one another checkout is building or copying right now.
        cursor.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", [TEMPLATE_LOCK, _lock_key(name)]
        )
        if cursor.fetchone()[0]:
            _database_drop(cursor, name)
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, %s)", [TEMPLATE_LOCK, _lock_key(name)]
            )


def template_ensure(alias: str = "default") -> str:
    """Build the template unless it exists; return its name."""
    connection = connections[alias]
    digest = schema_digest()
    template = TEMPLATE_PREFIX + digest
    with (
        connection.creation._nodb_cursor() as cursor,
        _template_lock(cursor, template),
    ):
        if not _database_exists(cursor, template):
            _stale_templates_drop(cursor, template)
            _template_build(alias, cursor, template)
        elif _schema_sql(digest) is None:
            # A server kept the template of a schema the file does not hold
            # yet: write it (under the lock, so no copy is being made of it).
            _dumped(alias, template, digest)
    return template


def database_copy_from_template(alias: str = "default") -> str:
    """Give ``alias`` its test database as a fresh copy of the template.

    Returns the test database's name.
    """
    connection = connections[alias]
    test_name = connection.creation._get_test_db_name()
    template = template_ensure(alias)
    with (
        connection.creation._nodb_cursor() as cursor,
        _template_lock(cursor, template),
    ):
        _database_drop(cursor, test_name)
        cursor.execute(
            f"CREATE DATABASE {_quoted(test_name)} TEMPLATE {_quoted(template)}"
        )
    return test_name


def _lock_key(template: str) -> int:
    """Return the lock's second key for ``template``: its digest's first 28 bits."""
    return int(template.removeprefix(TEMPLATE_PREFIX)[:7], 16)


@contextmanager
def _template_lock(cursor, template: str) -> Iterator[None]:
    """Hold the server-wide lock under which ``template`` is built and copied.

    One lock per schema: checkouts of other schemas on the same server
    (branches, worktrees side by side) build their own templates meanwhile
    instead of waiting for this one's.
    """
    key = _lock_key(template)
    cursor.execute("SELECT pg_advisory_lock(%s, %s)", [TEMPLATE_LOCK, key])
    try:
        yield
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [TEMPLATE_LOCK, key])


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under pytest-xdist, build the template beside the workers' first tests.

    The workers run the tests that need no database first (the suite's
    ``conftest.py`` orders them so); the first one that needs a database
    waits on the lock for this build instead of building it itself.
    """
    config = session.config
    if not templates_enabled() or not config.pluginmanager.hasplugin("dsession"):
        return
    builder = subprocess.Popen(  # noqa: S603 - this interpreter, this module
        [sys.executable, "-m", "testkit.database", settings.SETTINGS_MODULE],
        cwd=ROOT,
    )
    config.stash[BUILDER] = builder


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order the files: those with a ``slow`` test, those needing no database, the rest.

    A slow test started last would finish alone, and the template is built
    while the tests that need no database run (the suite's ``conftest.py``
    marks them ``pure``). Among the files that need the database, the
    project-wide ones (``tests/``: the browser, the crawls as every role, the
    exports) come first: they are the longest, and the apps' many short
    files then fill both workers to the end instead of one worker finishing
    a long file alone. This runs after pytest-django's own ordering
    (transactional tests after the others), which it keeps inside each group;
    a file's tests stay together. pytest-xdist would hand the files out by
    their number of tests instead, which puts the one-test browser walks and
    servers last: ``make test`` passes ``--no-loadscope-reorder``.
    """
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    needs_database = {
        item.path for item in items if item.get_closest_marker("pure") is None
    }
    project_wide = ROOT / "tests"
    items.sort(
        key=lambda item: (
            item.path not in slow,
            item.path in needs_database,
            not item.path.is_relative_to(project_wide),
        )
    )


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Wait for the build, so no run leaves it half done behind it."""
    builder = session.config.stash.get(BUILDER, None)
    if builder is not None:
        builder.wait()


@pytest.fixture(scope="session")
def django_db_keepdb(request: pytest.FixtureRequest) -> bool:
    """Keep the copied database: Django then migrates it instead of creating it."""
    return templates_enabled() or bool(request.config.getvalue("reuse_db"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    django_db_blocker,
) -> Iterator[None]:
    """Copy the template into this process's test database; drop it at the end."""
    if not templates_enabled():
        yield
        return
    with django_db_blocker.unblock():
        test_name = database_copy_from_template()
    yield
    with django_db_blocker.unblock():
        connection = connections["default"]
        for each in connections.all():
            each.close()
        with connection.creation._nodb_cursor() as cursor:
            _database_drop(cursor, test_name)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", sys.argv[1])
    import django

    django.setup()
    template_ensure()
