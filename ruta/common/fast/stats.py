"""Planner statistics after bulk loads.

PostgreSQL plans joins from table statistics. Right after a bulk load into
empty tables (a fresh database, the test database) autovacuum has not
analysed them yet, and the planner assumes one row each, choosing nested
loops that take minutes on a few thousand rows. Loaders refresh the
statistics of the tables they filled.

A load that changes a small share of a large table leaves its statistics
as true as they were, and the server's own autovacuum analyses it once
enough has changed: ``analyze_changed`` refreshes only the tables a load
changed by at least ``CHANGED_SHARE`` of their rows (guarded by ``python
-m bench works-import``'s small import into many works).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model

# autovacuum's own share (``autovacuum_analyze_scale_factor``'s default).
CHANGED_SHARE = 0.1


def analyze(*models: type[Model]) -> None:
    """Refresh PostgreSQL's statistics for the tables of ``models``."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + tables)


def analyze_changed(changed: dict[type[Model], int]) -> list[type[Model]]:
    """Refresh the statistics of the tables ``changed`` by a share of their rows.

    ``changed`` holds how many rows a load wrote to each model's table. A
    table whose statistics say it is empty, or that the load changed by at
    least ``CHANGED_SHARE`` of the rows they count, is analysed; return the
    models that were.
    """
    if any(rows < 0 for rows in changed.values()):
        raise ValueError("rows changed cannot be negative")
    tables = {model._meta.db_table: model for model in changed}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class "
            "WHERE relname = ANY(%s) AND relkind IN ('r', 'p') "
            "AND relnamespace = to_regnamespace(current_schema())",
            [list(tables)],
        )
        counted = dict(cursor.fetchall())
    stale = [
        model
        for table, model in tables.items()
        if counted.get(table, 0) <= 0
        or changed[model] >= CHANGED_SHARE * counted[table]
    ]
    if stale:
        analyze(*stale)
    return stale
