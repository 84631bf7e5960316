"""One version of the published data, read in one indexed row.

Caches, ETags and Last-Modified headers need to know whether the data
changed. Counting tables or reading the end of their audit history on every
request costs more the larger the data grows (``docs/performance.md``;
guarded by ``make bench``'s reads at scale), so the database keeps the
answer itself:

- a statement-level trigger on every table of the public-data apps notes, once
  per transaction, that the transaction changed data (bulk writes, COPY and
  raw SQL included: the trigger sees them all);
- at commit a deferred trigger bumps the single row of ``ruta_data_version``
  and stamps its time. The row's lock is held only while committing, so a
  long import does not block other writers, and the new version becomes
  visible together with the data it describes: a reader that sees the new
  version sees the new data.

Inside a transaction that has written (a test, a service reading back its own
writes) the version also carries the transaction's own count of changing
statements, so a cache keyed by it never serves what the transaction has
just changed.

Each table also keeps the version of the last transaction that changed it
(``table_versions``), and ``tables_read`` learns from PostgreSQL's own
counts which tables a block of reads scanned: together they tell a costly
result built from some tables (an open-data file) whether any of them has
changed since, without reading them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from ruta.common.db.replica import read_alias
from ruta.common.fast.compiled import prepared_cursor

TRIGGER = "ruta_data_changed"

# Created by migration common.0002.
FUNCTIONS_SQL = """
CREATE TABLE IF NOT EXISTS ruta_data_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL,
    changed timestamptz NOT NULL
);
INSERT INTO ruta_data_version (id, version, changed)
    VALUES (1, 1, clock_timestamp()) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS ruta_data_change (id bigserial PRIMARY KEY);

CREATE OR REPLACE FUNCTION ruta_note_data_change() RETURNS trigger AS $$
DECLARE
    changes integer := coalesce(
        nullif(current_setting('ruta.data_changes', true), ''), '0'
    )::integer;
BEGIN
    IF changes = 0 THEN
        INSERT INTO ruta_data_change DEFAULT VALUES;
    END IF;
    PERFORM set_config('ruta.data_changes', (changes + 1)::text, true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION ruta_bump_data_version() RETURNS trigger AS $$
BEGIN
    INSERT INTO ruta_data_version (id, version, changed)
        VALUES (1, 1, clock_timestamp())
        ON CONFLICT (id) DO UPDATE
            SET version = ruta_data_version.version + 1,
                changed = clock_timestamp();
    DELETE FROM ruta_data_change WHERE id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS ruta_bump_data_version ON ruta_data_change;
CREATE CONSTRAINT TRIGGER ruta_bump_data_version
    AFTER INSERT ON ruta_data_change
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ruta_bump_data_version();
"""

# Created by migration common.0005: each table's version besides the whole
# data's. The statement trigger also notes, once per table, which tables the
# transaction changed; the commit trigger stamps each of them with the new
# version (in name order, after the version row's lock, so two committing
# transactions never wait on each other's rows in turn).
TABLE_VERSIONS_SQL = """
CREATE TABLE IF NOT EXISTS ruta_table_version (
    table_name text PRIMARY KEY,
    version bigint NOT NULL,
    changed timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION ruta_note_data_change() RETURNS trigger AS $$
DECLARE
    changes integer := coalesce(
        nullif(current_setting('ruta.data_changes', true), ''), '0'
    )::integer;
    tables text := coalesce(current_setting('ruta.data_tables', true), '');
BEGIN
    IF changes = 0 THEN
        INSERT INTO ruta_data_change DEFAULT VALUES;
    END IF;
    PERFORM set_config('ruta.data_changes', (changes + 1)::text, true);
    IF position(',' || TG_TABLE_NAME || ',' IN tables) = 0 THEN
        PERFORM set_config(
            'ruta.data_tables',
            coalesce(nullif(tables, ''), ',') || TG_TABLE_NAME || ',',
            true
        );
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION ruta_bump_data_version() RETURNS trigger AS $$
DECLARE
    bumped bigint;
BEGIN
    INSERT INTO ruta_data_version (id, version, changed)
        VALUES (1, 1, clock_timestamp())
        ON CONFLICT (id) DO UPDATE
            SET version = ruta_data_version.version + 1,
                changed = clock_timestamp()
        RETURNING version INTO bumped;
    INSERT INTO ruta_table_version (table_name, version, changed)
        SELECT name, bumped, clock_timestamp()
        FROM unnest(string_to_array(
            coalesce(current_setting('ruta.data_tables', true), ''), ','
        )) AS name
        WHERE name <> ''
        ORDER BY name
        ON CONFLICT (table_name) DO UPDATE
            SET version = EXCLUDED.version, changed = EXCLUDED.changed;
    DELETE FROM ruta_data_change WHERE id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

# Back to common.0002's functions, without the tables' versions.
TABLE_VERSIONS_DROP_SQL = "DROP TABLE IF EXISTS ruta_table_version;" + FUNCTIONS_SQL

DROP_SQL = """
DROP TABLE IF EXISTS ruta_data_change;
DROP TABLE IF EXISTS ruta_data_version;
DROP FUNCTION IF EXISTS ruta_bump_data_version();
DROP FUNCTION IF EXISTS ruta_note_data_change() CASCADE;
"""

_READ_SQL = """
SELECT version, changed, current_setting('ruta.data_changes', true),
       pg_current_xact_id_if_assigned()::text
FROM ruta_data_version WHERE id = 1
"""


@dataclass(frozen=True)
class DataVersion:
    """The data's version: a short token, and when it last changed."""

    token: str
    changed: datetime | None


# Inside ``version_held``: the version read first, once read.
_held: ContextVar[list[DataVersion] | None] = ContextVar(
    "ruta_data_version_held", default=None
)


@contextmanager
def version_held() -> Iterator[None]:
    """Answer every ``data_version()`` of the block with the first one read.

    For a read (a GET or HEAD request): its conditional check, its caches and
    its selectors each key on the version, and each asked the database again.
    A read writes no public data, so its version changes only by another
    transaction's commit, which the request may ignore as it ignores every
    commit after it read its rows.
    """
    marker = _held.set([])
    try:
        yield
    finally:
        _held.reset(marker)


def data_version() -> DataVersion:
    """Return the current version of the public data (one indexed row).

    Inside ``version_held`` only the first call reads it.
    """
    held = _held.get()
    if held:
        return held[0]
    current = _version_read()
    if held is not None:
        held.append(current)
    return current


def _version_read() -> DataVersion:
    # Where the request's other reads go: an anonymous read's version comes
    # from the replica its page is read from (ruta.common.db.replica).
    with prepared_cursor(connections[read_alias()]) as cursor:
        cursor.execute(_READ_SQL)
        row = cursor.fetchone()
    version, changed, changes, transaction = row if row else (0, None, "", None)
    token = str(version)
    if changes and changes != "0":
        # Uncommitted writes of this very transaction (whose id no other
        # transaction shares), as many as it has made so far.
        token += f".{transaction}.{changes}"
    return DataVersion(token=token, changed=changed)


# Each table's version, and the tables this transaction has changed so far.
_TABLE_VERSIONS_SQL = """
SELECT table_name, version FROM ruta_table_version
UNION ALL
SELECT name, NULL FROM unnest(string_to_array(
    coalesce(current_setting('ruta.data_tables', true), ''), ','
)) AS name WHERE name <> ''
"""

# Scans of each table so far in this transaction, as PostgreSQL counts them
# (through views and functions too).
_SCANS_SQL = """
SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0)
FROM pg_stat_xact_user_tables WHERE schemaname = current_schema()
"""


def table_versions() -> dict[str, int | None]:
    """Return the version of every table changed since versions were kept.

    A table's version is the data version of the last committed transaction
    that changed it; a table missing has not changed since (read it as 0).
    A table this very transaction has changed, uncommitted, is None: it has
    no version yet, and equals none recorded.
    """
    with connections["default"].cursor() as cursor:
        cursor.execute(_TABLE_VERSIONS_SQL)
        rows = cursor.fetchall()
    versions: dict[str, int | None] = {t: v for t, v in rows if v is not None}
    versions.update((table, None) for table, version in rows if version is None)
    return versions


# Inside ``tables_read``: a value kept or cached is built afresh instead, so
# that the tables it comes from are read, and counted.
_counting: ContextVar[bool] = ContextVar("ruta_reads_counted", default=False)


def reads_counted() -> bool:
    """Return whether the reads running now are counted (``tables_read``).

    A cache must then build its value rather than answer from memory: a
    value answered hides the tables it came from.
    """
    return _counting.get()


@contextmanager
def tables_read() -> Iterator[set[str]]:
    """Collect, on leaving the block, the tables its reads scanned.

    The block runs in a transaction (PostgreSQL counts a transaction's
    scans until it ends) with no parallel workers (whose scans it does not
    count); a table read through a view or a function is counted too, and
    the values caches keep are built again (``reads_counted``).
    """
    read: set[str] = set()
    db = connections["default"]
    marker = _counting.set(True)
    try:
        with transaction.atomic(using=db.alias):
            with db.cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            before = _scans(db)
            yield read
            read.update(
                table
                for table, scans in _scans(db).items()
                if scans > before.get(table, 0)
            )
    finally:
        _counting.reset(marker)


def _scans(db: BaseDatabaseWrapper) -> dict[str, int]:
    with db.cursor() as cursor:
        cursor.execute(_SCANS_SQL)
        return dict(cursor.fetchall())


T = TypeVar("T")


# This process's values built at one data version: the token they belong to,
# and the values by key. A new token drops them all (nothing to invalidate).
@dataclass
class _Kept:
    token: str | None = None
    values: dict[Hashable, Any] = field(default_factory=dict)


_kept = _Kept()


def version_kept(token: str, key: Hashable, build: Callable[[], T]) -> T:
    """Return ``build()`` for ``key``, built once per data version in this process.

    For small reads every request would otherwise repeat (catalog rows a
    page names), kept in the process's memory: no cache round trip, no
    unpickling. ``token`` is the current ``data_version().token``; when it
    changes, every kept value is dropped, so a value never outlives the
    data it was read from. Values are shared between requests: read them,
    never change them.
    """
    return versions_kept(token, [key], lambda keys: {key: build()})[key]


def versions_kept(
    token: str,
    keys: Iterable[Hashable],
    build: Callable[[list[Hashable]], Mapping[Hashable, T]],
) -> dict[Hashable, T]:
    """Return the value of each of ``keys``, as ``version_kept`` keeps them.

    The keys not kept yet are built together, by one call of ``build`` with
    the list of them (one query for a page's rows instead of one each); it
    returns a value for each.
    """
    if _counting.get():
        return dict(build(list(dict.fromkeys(keys))))
    if _kept.token != token:
        _kept.token, _kept.values = token, {}
    values, wanted = _kept.values, list(dict.fromkeys(keys))
    missing = [key for key in wanted if key not in values]
    if missing:
        values.update(build(missing))
    return {key: values[key] for key in wanted}


def versioned_tables() -> list[str]:
    """Return the tables whose writes change the version.

    Every concrete table of the apps ``RUTA_PUBLIC_DATA_APPS`` names, except
    the audit event tables (written only together with the rows they record)
    and a model that says why its writes change nothing public
    (``unversioned_reason``: a vote's codes, written by every voter).
    """
    from pghistory.models import Event

    labels = set(settings.RUTA_PUBLIC_DATA_APPS)
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels
        and model._meta.managed
        and not model._meta.proxy
        and not issubclass(model, Event)
        and not getattr(model, "unversioned_reason", "")
    }
    return sorted(tables)


def version_triggers_install(db: BaseDatabaseWrapper) -> int:
    """Add the statement trigger to every versioned table that lacks it.

    Runs after every ``migrate`` (a new model gets its trigger there);
    returns how many tables got one.
    """
    quote = db.ops.quote_name
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        present = {name for (name,) in cursor.fetchall()}
        missing = [table for table in versioned_tables() if table not in present]
        for table in missing:
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR "
                f"TRUNCATE ON {quote(table)} FOR EACH STATEMENT "
                "EXECUTE FUNCTION ruta_note_data_change()"
            )
    return len(missing)
