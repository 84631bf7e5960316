"""Reads whose SQL the ORM writes once per process, run again with a new value.

Django builds a query's SQL anew on every read: for the few small reads a
hot page repeats on every request with one value changed (a work's row by
its folio, its funding by the work's id), building it cost more than
PostgreSQL took to answer (``docs/performance.md``; guarded by ``make
bench``'s work page and API detail).
``rows_read`` asks the ORM for the queryset's SQL once, with a marker where
the value goes, and then runs that same SQL with each value, making model
instances as the ORM does (``Model.from_db``, each field's database
converters, annotations set on the instance).

Only plain reads of one model qualify: no joined rows (``select_related``),
no prefetching. The first answer's columns are matched by name to the
model's fields and the queryset's annotations, once per read (the SQL
names them, so every later answer has the same); a column neither names
stops the read with an error, never a silently shifted value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import psycopg
from django.db import DatabaseError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Model, QuerySet
from psycopg import adapters
from psycopg.pq import Format

M = TypeVar("M", bound=Model)

TIMESTAMPTZ_OID = adapters.types["timestamptz"].oid

Converter = Callable[[Any, Any, Any], Any]


@dataclass(frozen=True)
class _Read:
    """A queryset's SQL with the place of its marker, and how to read its rows."""

    sql: str
    params: tuple[Any, ...]
    slot: int
    # By column: the field's attname, its converters and its expression.
    fields: dict[str, tuple[str, list[Converter], Any]]
    # By alias: the annotation's converters and its expression.
    annotations: dict[str, tuple[list[Converter], Any]]


@dataclass(frozen=True)
class _RowPlan:
    """How a read's answers become instances, from the columns its SQL names.

    Made from the first answer's columns: reading them from the cursor
    (``description``) on every answer cost a twentieth of a work's API
    answer, and the SQL, built once, names the same columns every time.
    """

    # The positions of the model's fields in a row, in ``from_db``'s order.
    attnames: list[str]
    field_positions: list[tuple[int, list[Converter], Any]]
    # The annotations set on the instance: name, position, converters, expression.
    extras: list[tuple[str, int, list[Converter], Any]]


_reads: dict[Hashable, _Read] = {}
_plans: dict[Hashable, _RowPlan] = {}


def rows_read(
    key: Hashable,
    model: type[M],
    build: Callable[[Any], QuerySet[M]],
    value: Any,
    *,
    marker: Any,
) -> list[M]:
    """Return the ``model`` rows of ``build(value)``, its SQL built once.

    The SQL is ``build(marker)``'s, built the first time the process reads
    ``key`` (which names the read and whatever else shapes its SQL);
    ``marker`` is a value of ``value``'s type that the read's parameters
    hold exactly once, in ``value``'s place.
    """
    alias = router.db_for_read(model)
    read = _reads.get((key, alias))
    if read is None:
        read = _reads[(key, alias)] = _compiled(build(marker), marker, alias)
    params = list(read.params)
    params[read.slot] = value
    connection = connections[alias]
    plan = _plans.get((key, alias))
    with prepared_cursor(connection) as cursor:
        cursor.execute(read.sql, params)
        if plan is None:
            names = [column.name for column in cursor.description or ()]
            plan = _plans[(key, alias)] = _row_plan(model, read, names)
        rows = cursor.fetchall()
    return [_instance(model, alias, plan, row) for row in rows]


@contextmanager
def prepared_cursor(connection: BaseDatabaseWrapper) -> Iterator[CursorWrapper]:
    """Return a cursor of ``connection`` whose statements PostgreSQL keeps planned.

    Django's cursors send each statement with its values written in
    (client-side binding), so PostgreSQL plans it again every time: for a
    work's row, asked with which kinds of rows it has, planning took twice
    what running it did. This cursor sends the values apart (server-side
    binding), and the connection prepares each statement the first time it
    runs it (``prepare_threshold``, config/settings/base.py): PostgreSQL
    parses it once and, after its first few runs, plans it once, until a
    rollback on the connection (psycopg then drops what it prepared) or a
    schema change (``_Replanned``). Wrapped as Django wraps its own
    cursors: logged when queries are, its errors Django's, and its
    timestamps read in the connection's time zone. For reads that start
    with SELECT only: during an audited request pghistory puts its context
    before any other statement, and a prepared statement is one statement.
    """
    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    zone = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    if getattr(zone, "timezone", None) != connection.timezone:
        register_tzloader(connection.timezone, raw)
    wrapper = _PreparedDebugCursor if connection.queries_logged else _PreparedCursor
    cursor = wrapper(raw, connection)
    try:
        yield cursor
    finally:
        cursor.close()


class _Replanned(CursorWrapper):
    """Runs a statement again once when what it prepared no longer fits.

    Another process's migration may change a column a prepared statement
    reads ("cached plan must not change result type") or drop the statement
    itself; outside a transaction the connection would fail on it until it
    closed. The connection's statements are then deallocated (psycopg sees
    it and forgets them) and the statement runs again, prepared anew. Inside
    a transaction the error stands: the transaction's rollback deallocates
    them.
    """

    def execute(self, sql: Any, params: Any = None) -> Any:
        try:
            return self._run(sql, params)
        except DatabaseError as error:
            if self.db.in_atomic_block or not isinstance(error.__cause__, _STALE):
                raise
            self.cursor.execute("DEALLOCATE ALL")
            return self._run(sql, params)

    def _run(self, sql: Any, params: Any) -> Any:
        return super().execute(sql, params)


# What PostgreSQL answers a prepared statement the schema changed under.
_STALE = (psycopg.errors.FeatureNotSupported, psycopg.errors.InvalidSqlStatementName)


class _PreparedCursor(_Replanned):
    pass


class _PreparedDebugCursor(_Replanned, CursorDebugWrapper):
    """Logs a statement with its values written in, as Django logs its own.

    psycopg keeps no text of a statement it sent with its values apart, so
    Django's own logger would write none.
    """

    def _run(self, sql: Any, params: Any) -> Any:
        with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
            return CursorWrapper.execute(self, sql, params)


def _compiled(queryset: QuerySet[Any], marker: Any, alias: str) -> _Read:
    query = queryset.query
    if query.select_related or getattr(queryset, "_prefetch_related_lookups", False):
        raise ValueError("rows_read reads one model's rows: nothing joined")
    sql, params = query.get_compiler(using=alias).as_sql()
    slots = [index for index, param in enumerate(params) if param == marker]
    if len(slots) != 1:
        raise ValueError(f"the read's parameters hold its marker {len(slots)} times")
    connection = connections[alias]
    table = queryset.model._meta.db_table
    fields = {}
    for field in queryset.model._meta.concrete_fields:
        column = field.get_col(table)
        converters = [
            *connection.ops.get_db_converters(column),
            *field.get_db_converters(connection),
        ]
        fields[field.column] = (field.attname, converters, column)
    annotations = {
        name: (
            [
                *connection.ops.get_db_converters(expression),
                *expression.output_field.get_db_converters(connection),
            ],
            expression,
        )
        for name, expression in query.annotation_select.items()
    }
    return _Read(sql, tuple(params), slots[0], fields, annotations)


def _row_plan(model: type[Model], read: _Read, names: list[str]) -> _RowPlan:
    """Return how rows with the columns ``names`` become ``model``'s instances."""
    fields: dict[str, tuple[int, list[Converter], Any]] = {}
    extras = []
    for position, name in enumerate(names):
        if name in read.fields:
            attname, converters, column = read.fields[name]
            fields[attname] = (position, converters, column)
        elif name in read.annotations:
            converters, expression = read.annotations[name]
            extras.append((name, position, converters, expression))
        else:
            raise ValueError(f"rows_read: column {name!r} is no field or annotation")
    # ``from_db`` takes the values in the model's field order.
    attnames = [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname in fields
    ]
    return _RowPlan(attnames, [fields[name] for name in attnames], extras)


def _instance(model: type[M], alias: str, plan: _RowPlan, row: tuple[Any, ...]) -> M:
    """Return ``row`` as ``model``'s instance, as the ORM makes it."""
    connection = connections[alias]
    values = [
        _converted(row[position], converters, column, connection)
        for position, converters, column in plan.field_positions
    ]
    instance = model.from_db(alias, plan.attnames, values)
    for name, position, converters, expression in plan.extras:
        setattr(
            instance,
            name,
            _converted(row[position], converters, expression, connection),
        )
    return instance


def _converted(
    value: Any, converters: list[Converter], expression: Any, connection: Any
) -> Any:
    for converter in converters:
        value = converter(value, expression, connection)
    return value
