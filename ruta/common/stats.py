"""Planner statistics after bulk loads.

PostgreSQL plans joins from table statistics. Right after a bulk load into
empty tables (a fresh database, the test database) autovacuum has not
analysed them yet, and the planner assumes one row each, choosing nested
loops that take minutes on a few thousand rows. Loaders refresh the
statistics of the tables they filled.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def analyze(*models: type[Model]) -> None:
    """Refresh PostgreSQL's statistics for the tables of ``models``."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + tables)
