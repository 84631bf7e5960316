"""The suite's flush (testkit.postgresql) leaves what Django's TRUNCATE would leave."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from ruta.common.db.versioning import data_version, table_versions, versioned_tables
from ruta.opendata.tasks import publish_defer
from testkit.factories.works import WorkFactory
from testkit.postgresql.base import KEPT

pytestmark = pytest.mark.server


def _rows_by_table() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - catalog names
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_every_table_but_what_migrations_write_and_moves_the_version():
    with transaction.atomic():  # its funding is checked at commit
        WorkFactory(published=True)
    publish_defer()  # a job: procrastinate's tables are not Django's
    written = _rows_by_table()
    before = data_version().token
    written_tables = set(versioned_tables()) & {
        t for t, rows in written.items() if rows
    }
    assert written["works_worksummary"]
    assert written["procrastinate_jobs"]

    call_command("flush", verbosity=0, interactive=False)

    left = {table: rows for table, rows in _rows_by_table().items() if rows}
    # post_migrate writes the problem categories again (each an event); the
    # tables' versions say the flush changed each table.
    again = {"problems_category", "problems_categoryevent", "ruta_table_version"}
    assert set(left) - set(KEPT) - again == set()
    versions = table_versions()
    assert all(versions.get(table, 0) > int(before) for table in written_tables)
    assert left["django_content_type"]
    assert left["auth_permission"]
    assert int(data_version().token) > int(before)
