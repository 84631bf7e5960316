"""Foreign keys checked once per statement, not once per row.

PostgreSQL checks a declared foreign key row by row: each row a statement
inserts queues a check that looks its parent up and locks it. A works
import writes a published row, a publication and often a finding for every
row of its file, all naming the same document: one check per row of one
parent (measured in ``docs/performance.md``, guarded by ``python -m bench
works-import``).

A ``StatementCheckedForeignKey`` declares no constraint. Statement-level
triggers keep the same promise instead, once per statement, from the rows
the statement wrote (its transition table):

- on the table holding the key, after INSERT or UPDATE: the parents the rows
  name are locked ``FOR KEY SHARE``, as a foreign key's check locks them (no
  other transaction can delete one or change its key until this one ends),
  then each must exist, or the statement fails with SQLSTATE 23503
  (``foreign_key_violation``), which Django raises as ``IntegrityError``;
- on the parent's table, for each row deleted, at COMMIT as a declared key
  checks it (a parent may be deleted before the rows naming it, in one
  transaction): no row may still name it. Parents are seldom deleted, and
  one by one.

Unlike a declared key, a row is checked at the end of its statement, not at
COMMIT (it must name a parent written before it), and TRUNCATE of the
parent's table alone is not refused. A parent's key must never change: the
parents given here keep theirs by ``ruta_audit_key_kept``
(``ruta.common.audit.eventwriters``).

Migrations install the two functions (``common.0006``) and each key's
triggers (``statement_key_create``); ``statement_key_triggers`` names them,
and a test checks that every declared key has them.
"""

from __future__ import annotations

from typing import Any

from django.db import models

# The functions run with the owner's rights and a fixed search path, as the
# audit's do: the application's role cannot point them at other tables.
FUNCTIONS_SQL = """
CREATE OR REPLACE FUNCTION ruta_key_rows_checked() RETURNS trigger AS $$
-- On the table holding the key. TG_ARGV: its column, the parent's table and
-- the parent's column. The keys named are read from the rows once; their
-- parents are locked and counted in one query, each looked up by its key
-- (the LIMIT keeps the lookup per key whatever the parent's statistics
-- say): fewer than the keys named, and one is missing.
DECLARE
    locked bigint;
    named bigint;
    missing text;
BEGIN
    EXECUTE format(
        'WITH named AS (SELECT DISTINCT %1$I AS k FROM new_rows '
        'WHERE %1$I IS NOT NULL) '
        'SELECT (SELECT count(*) FROM named CROSS JOIN LATERAL '
        '(SELECT FROM %2$I p WHERE p.%3$I = named.k LIMIT 1 FOR KEY SHARE OF p) '
        'found), (SELECT count(*) FROM named)',
        TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]) INTO locked, named;
    IF locked = named THEN
        RETURN NULL;
    END IF;
    EXECUTE format(
        'SELECT k::text FROM (SELECT DISTINCT %1$I AS k FROM new_rows) n '
        'WHERE k IS NOT NULL AND NOT EXISTS '
        '(SELECT FROM %2$I p WHERE p.%3$I = n.k) LIMIT 1',
        TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]) INTO missing;
    RAISE foreign_key_violation USING
        MESSAGE = format(
            'insert or update on table "%s" violates its key %s: '
            '(%s)=(%s) is not present in table "%s"',
            TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[2], missing, TG_ARGV[1]),
        TABLE = TG_TABLE_NAME, COLUMN = TG_ARGV[0];
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public;

CREATE OR REPLACE FUNCTION ruta_key_parents_kept() RETURNS trigger AS $$
-- On the parent's table, for each row deleted, at COMMIT. TG_ARGV: the table
-- holding the key, its column and the parent's column.
DECLARE
    held boolean;
BEGIN
    EXECUTE format(
        'SELECT EXISTS (SELECT FROM %1$I c WHERE c.%2$I = ($1).%3$I)',
        TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]) INTO held USING OLD;
    IF held THEN
        RAISE foreign_key_violation USING
            MESSAGE = format(
                'delete on table "%s" violates the key %s of table "%s": '
                '(%s)=(%s) is still named there',
                TG_TABLE_NAME, TG_ARGV[1], TG_ARGV[0], TG_ARGV[2],
                to_jsonb(OLD) ->> TG_ARGV[2]),
            TABLE = TG_ARGV[0], COLUMN = TG_ARGV[1];
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public;
"""

FUNCTIONS_DROP_SQL = """
DROP FUNCTION ruta_key_rows_checked();
DROP FUNCTION ruta_key_parents_kept();
"""


class StatementCheckedForeignKey(models.ForeignKey):
    """A foreign key whose rows are checked once per statement (module doc).

    Declares no constraint; its table's migration installs the triggers
    (``statement_key_create``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["db_constraint"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("db_constraint", None)
        return name, path, args, kwargs


def statement_key_triggers(table: str, column: str) -> tuple[str, str, str]:
    """Return the names of the key's triggers: on insert, on update, on delete."""
    return (
        f"{table}_{column}_checked_insert",
        f"{table}_{column}_checked_update",
        f"{table}_{column}_kept",
    )


def statement_key_create(table: str, column: str, parent: str, to: str = "id") -> str:
    """Return the SQL installing the triggers of ``table.column`` (``parent.to``)."""
    insert, update, delete = statement_key_triggers(table, column)
    rows = f"'{column}', '{parent}', '{to}'"
    return f"""
    CREATE TRIGGER {insert} AFTER INSERT ON {table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION ruta_key_rows_checked({rows});
    CREATE TRIGGER {update} AFTER UPDATE ON {table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION ruta_key_rows_checked({rows});
    CREATE CONSTRAINT TRIGGER {delete} AFTER DELETE ON {parent}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
        EXECUTE FUNCTION ruta_key_parents_kept('{table}', '{column}', '{to}');
    """


def statement_key_drop(table: str, column: str, parent: str) -> str:
    """Return the SQL dropping what ``statement_key_create`` installed."""
    insert, update, delete = statement_key_triggers(table, column)
    return f"""
    DROP TRIGGER {insert} ON {table};
    DROP TRIGGER {update} ON {table};
    DROP TRIGGER {delete} ON {parent};
    """
