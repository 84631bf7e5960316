"""Fixtures of the project-wide tests: the application's database role."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from ruta.common.db.roles import database_roles_apply

APP_ROLE = "ruta_app_probe"


@pytest.fixture(scope="module")
def app_role(django_db_setup, django_db_blocker) -> dict[str, str]:
    """Create the probe role and grant it the application's rights (committed).

    Return where to connect as it.
    """
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {APP_ROLE} LOGIN")
        database_roles_apply(connection, app_role=APP_ROLE)
        params = connection.get_connection_params()
    place = {key: params[key] for key in ("dbname", "host", "port") if params.get(key)}
    return {**place, "user": APP_ROLE}


@pytest.fixture
def acting_as_app(app_role, db):
    """Return a context manager running the test's own queries as the app's role.

    ``SET LOCAL ROLE`` on the test's connection: the application's rights,
    and the test's uncommitted records in sight. (``test_audit_bypass``
    signs in as the role instead, to try what only a session of it can.)
    """

    @contextmanager
    def acting() -> Iterator[None]:
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {APP_ROLE}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")

    return acting
