"""Fixtures shared by every app's tests, and the test runner's database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import TransactionTestCase
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from ruta.accounts.models import Role
from ruta.accounts.services import role_assign
from ruta.common.db.embedded import embedded_database_ensure
from testkit.actors import TEST_ACTOR
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import MunicipalityFactory, StateFactory

pytest_plugins = [
    "testkit.database",
    "testkit.images",
    "testkit.world",
    "testkit.committed",
    "testkit.imports",
    "testkit.slowest",
    "testkit.sessions",
]

# Property tests check what holds, not how fast: on a busy machine (the
# suite's workers share its cores) a 200 ms deadline fails correct code.
hypothesis_settings.register_profile("ruta", deadline=None)
hypothesis_settings.load_profile("ruta")


def pytest_configure(config: pytest.Config) -> None:
    """Without DATABASE_URL, run on the embedded server as its superuser.

    The superuser creates and drops the test database; nothing has connected
    yet when this runs.
    """
    embedded_database_ensure(as_superuser=True)


# Fixtures that reach the database without naming ``db`` among their arguments.
DATABASE_FIXTURES = frozenset({"django_db_setup", "live_server", "catalog"})


def _needs_database(item: pytest.Item) -> bool:
    """Return whether ``item`` reaches the database.

    A pytest test asks for it by a marker or a fixture (``live_server`` asks
    for the database only when it starts, ``catalog`` asks for ``db`` or
    ``transactional_db`` as the test needs); a Django test case class
    (``TestCase``, ``TransactionTestCase``) by its base class.
    """
    fixtures = getattr(item, "fixturenames", ())
    cls = getattr(item, "cls", None)
    return (
        item.get_closest_marker("django_db") is not None
        or bool(DATABASE_FIXTURES & set(fixtures))
        or (cls is not None and issubclass(cls, TransactionTestCase))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test's lane before ``-m`` selects: ``browser`` and ``pure``.

    A test that needs no database is ``pure``: ``make test-fast`` runs those,
    but the ``slow`` and ``real_data`` ones, in about a minute.
    """
    for item in items:
        if item.path.parent.name == "browser":
            item.add_marker(pytest.mark.browser)
        elif not _needs_database(item):
            item.add_marker(pytest.mark.pure)
    _server_files_note(items)


# Where a run writes the files holding ``server`` tests: CI's second pass, on
# the embedded server, then imports those few files instead of the whole
# suite (whose collection alone took 20–30 s a process).
SERVER_FILES = "RUTA_SERVER_TESTS_LIST"


def _server_files_note(items: list[pytest.Item]) -> None:
    """Write the files of the ``server`` tests to ``$RUTA_SERVER_TESTS_LIST``.

    Every worker of a run collects the same tests and writes the same list;
    each replaces the file whole, so a reader never sees half of it.
    """
    target = os.environ.get(SERVER_FILES)
    if not target:
        return
    root = Path.cwd()
    files = sorted(
        {
            str(item.path.relative_to(root))
            for item in items
            if item.get_closest_marker("server") is not None
        }
    )
    written = Path(f"{target}.{os.getpid()}")
    written.write_text("".join(f"{name}\n" for name in files), encoding="utf-8")
    written.replace(target)


@pytest.fixture(autouse=True)
def _default_language_after() -> Iterator[None]:
    """Leave each test in the site's language, as it found it.

    A request to an ``/en/`` page leaves English active in the thread: the
    next test's ``reverse()`` would name ``/en/`` addresses.
    """
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def sonora(db):
    return StateFactory(code="26", name="Sonora")


@pytest.fixture
def hermosillo(sonora):
    return MunicipalityFactory(code="26030", name="Hermosillo", state=sonora)


@pytest.fixture
def cajeme(sonora):
    return MunicipalityFactory(code="26018", name="Cajeme", state=sonora)


@pytest.fixture
def make_user(db):
    """Return a function creating a user holding ``role`` over a scope."""

    def make(role: Role | None = None, **scope):
        user = UserFactory()
        if role is not None:
            role_assign(
                user=user,
                role=role,
                agency_id=getattr(scope.get("agency"), "pk", None),
                municipality_id=getattr(scope.get("municipality"), "pk", None),
                actor=TEST_ACTOR,
            )
        return user

    return make


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def validator(make_user):
    return make_user(Role.VALIDATOR)
