"""A work's audit events for its page, read in one query.

The same events as the plain selector ``ruta.works.selectors.provenance.
work_events`` (a differential test compares them on the demo world), read
the way the work page's benchmarks (``make bench``; ``python -m bench
readmodels`` beside the selector) showed it must be: one ``UNION ALL`` of the
work's history and of each kind of row it has, whose SQL is written once per
process for each set of kinds of rows, with the rows' ids as arrays. The ORM
building a query per kind on every page took longer than PostgreSQL took to
answer them.
"""

from __future__ import annotations

import functools

import pghistory.models
from django.db import connection, connections, router
from django.db.models import Model

from ruta.common.audit.history import history_of
from ruta.common.fast.compiled import prepared_cursor
from ruta.works.models import Work
from ruta.works.selectors.provenance import (
    AuditEvent,
    event_lines,
    event_metadata,
    row_kinds,
)
from ruta.works.selectors.works import WorkDetail


def work_events(detail: WorkDetail) -> list[AuditEvent]:
    """Return the audit events of the work and its rows, oldest first."""
    kinds = (("", [detail.work]), *row_kinds(detail))
    sql = _events_sql(tuple(type(rows[0]) for _, rows in kinds))
    params = [
        value for prefix, rows in kinds for value in (prefix, [r.pk for r in rows])
    ]
    database = connections[router.db_for_read(history_of(Work))]
    with prepared_cursor(database) as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    events = [
        AuditEvent(
            key=f"{prefix}{row}" if prefix else "work",
            number=number,
            when=when,
            metadata=event_metadata(metadata),
            status=status or "",
            as_of=as_of,
            funding_lines=event_lines(lines),
        )
        for prefix, row, number, when, metadata, status, as_of, lines in found
    ]
    return sorted(events, key=lambda event: (event.when, event.number))


@functools.cache
def _events_sql(models: tuple[type[Model], ...]) -> str:
    """Return ``work_events``'s SQL for ``models``' rows (the work's, then others).

    Each part takes its prefix and its rows' ids as parameters; every part
    names its columns alike so they unite, the work's carrying its status
    and date, the others none.
    """
    quote = connection.ops.quote_name
    context = quote(pghistory.models.Context._meta.db_table)
    parts = []
    for model in models:
        event = history_of(model)._meta
        status, as_of, lines = (
            (
                f"e.{quote('status')}",
                f"e.{quote('as_of')}",
                f"e.{quote('funding_lines')}",
            )
            if model is Work
            else ("NULL::varchar", "NULL::date", "NULL::jsonb")
        )
        obj = quote(event.get_field("pgh_obj").column)
        parts.append(
            f"SELECT %s::text, e.{obj}, e.{quote('pgh_id')}, "  # noqa: S608 - quoted names
            f"e.{quote('pgh_created_at')}, c.{quote('metadata')}, {status}, {as_of}, "
            f"{lines} "
            f"FROM {quote(event.db_table)} e LEFT OUTER JOIN {context} c "
            f"ON c.{quote('id')} = e.{quote(event.get_field('pgh_context').column)} "
            f"WHERE e.{obj} = ANY(%s)"
        )
    return " UNION ALL ".join(parts)
