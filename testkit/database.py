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
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

TEMPLATE_PREFIX = "ruta_template_"
# Any constant the project's other advisory locks do not use.
TEMPLATE_LOCK = 7_201_912
ROOT = Path(__file__).resolve().parent.parent
# Code that decides what a migrated database holds besides the migrations.
SCHEMA_CODE = ("ruta/common/dbroles.py", "ruta/common/versioning.py")
BUILDER = pytest.StashKey[subprocess.Popen]()


def templates_enabled() -> bool:
    """Return whether test databases are copied (``RUTA_TEST_TEMPLATE``)."""
    return os.environ.get("RUTA_TEST_TEMPLATE", "1").strip().lower() not in {
        "0",
        "false",
        "no",
        "off",
    }


def schema_digest() -> str:
    """Return a digest of the migrations, the schema code and the packages."""
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("ruta/*/migrations/*.py")) + [
        ROOT / name for name in SCHEMA_CODE
    ]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    packages = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()
    )
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _database_exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _database_drop(cursor, name: str) -> None:
    cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


def _template_build(alias: str, cursor, template: str) -> None:
    """Migrate a new database and rename it ``template`` when complete.

    A build that dies leaves only the ``_building`` database, dropped by the
    next one, never a half-migrated template.
    """
    building = f"{template}_building"
    _database_drop(cursor, building)
    cursor.execute(f"CREATE DATABASE {_quoted(building)}")
    connection = connections[alias]
    name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = building
    try:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
    cursor.execute(f"ALTER DATABASE {_quoted(building)} RENAME TO {_quoted(template)}")


def _stale_templates_drop(cursor, template: str) -> None:
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
        [TEMPLATE_PREFIX.replace("_", r"\_") + "%", template],
    )
    for (name,) in cursor.fetchall():
        _database_drop(cursor, name)


def template_ensure(alias: str = "default") -> str:
    """Build the template unless it exists; return its name."""
    connection = connections[alias]
    template = TEMPLATE_PREFIX + schema_digest()
    with connection.creation._nodb_cursor() as cursor, _template_lock(cursor):
        if not _database_exists(cursor, template):
            _stale_templates_drop(cursor, template)
            _template_build(alias, cursor, template)
    return template


def database_copy_from_template(alias: str = "default") -> str:
    """Give ``alias`` its test database as a fresh copy of the template.

    Returns the test database's name.
    """
    connection = connections[alias]
    test_name = connection.creation._get_test_db_name()
    template = template_ensure(alias)
    with connection.creation._nodb_cursor() as cursor, _template_lock(cursor):
        _database_drop(cursor, test_name)
        cursor.execute(
            f"CREATE DATABASE {_quoted(test_name)} TEMPLATE {_quoted(template)}"
        )
    return test_name


@contextmanager
def _template_lock(cursor) -> Iterator[None]:
    """Hold the server-wide lock under which templates are built and copied."""
    cursor.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK])
    try:
        yield
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [TEMPLATE_LOCK])


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
    marks them ``pure``). This runs after pytest-django's own ordering
    (transactional tests after the others), which it keeps inside each group;
    a file's tests stay together.
    """
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    needs_database = {
        item.path for item in items if item.get_closest_marker("pure") is None
    }
    items.sort(key=lambda item: (item.path not in slow, item.path in needs_database))


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
