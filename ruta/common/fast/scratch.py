"""Temporary tables an import works in, made by a function of the owner's.

The application's role may not create temporary tables
(``ruta.common.db.roles``: one named like an event table would shadow it for
the triggers). An import that stages its rows in temporary tables declares
them here, once, as a ``ScratchSet``: after every ``migrate`` the owner
installs one function per set (``scratch_install``) that runs with the
owner's rights and creates exactly the declared tables in the caller's
session, or empties them when the transaction already has them. The caller
passes no SQL, so the application still cannot create a table of its own
choosing. The tables are the session's alone (PostgreSQL refuses other
sessions' temporary tables), any role of the session may use them, and they
go at the end of the transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class ScratchTable:
    """One temporary table: its name, its columns as SQL, its indexes' columns."""

    name: str
    columns: str
    indexes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"not a plain table name: {self.name!r}")

    def statements(self) -> str:
        """Return the PL/pgSQL that creates the table, or empties it if it exists."""
        created = [
            f"CREATE TEMPORARY TABLE {self.name} ({self.columns}) ON COMMIT DROP;",
            *(f"CREATE INDEX ON pg_temp.{self.name} ({on});" for on in self.indexes),
            f"GRANT ALL ON pg_temp.{self.name} TO PUBLIC;",
        ]
        return (
            f"IF to_regclass('pg_temp.{self.name}') IS NULL THEN\n    "
            + "\n    ".join(created)
            + f"\nELSE\n    TRUNCATE pg_temp.{self.name};\nEND IF;"
        )


@dataclass(frozen=True)
class ScratchSet:
    """The temporary tables of one kind of import, opened together."""

    function: str
    tables: tuple[ScratchTable, ...]

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.function):
            raise ValueError(f"not a plain function name: {self.function!r}")
        _SETS[self.function] = self

    def sql(self) -> str:
        """Return the owner's function that opens the set."""
        body = "\n".join(table.statements() for table in self.tables)
        return (
            f"CREATE OR REPLACE FUNCTION public.{self.function}() RETURNS void "
            f"AS $scratch$\nBEGIN\n{body}\nEND\n$scratch$ LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = pg_catalog, pg_temp;"
        )

    def open(self, cursor) -> None:
        """Create (or empty) the set's tables for this transaction."""
        cursor.execute(f"SELECT public.{self.function}()")

    def empty(self, cursor) -> None:
        """Empty every table of the set (they are dropped at commit)."""
        names = ", ".join(f"pg_temp.{table.name}" for table in self.tables)
        cursor.execute(f"TRUNCATE {names}")


_SETS: dict[str, ScratchSet] = {}


def scratch_sets() -> list[ScratchSet]:
    """Return every declared set (declared when their modules are imported)."""
    return [_SETS[name] for name in sorted(_SETS)]


def scratch_install(connection: BaseDatabaseWrapper) -> None:
    """Install (or replace) every declared set's function; run as the owner."""
    with connection.cursor() as cursor:
        for scratch in scratch_sets():
            cursor.execute(scratch.sql())
