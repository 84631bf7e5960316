"""Django's PostgreSQL backend, with a flush that deletes rows instead of truncating.

A transactional test (``transactional_db``, the browser tests' live server)
ends with Django's flush: it truncates every table in one statement, then
sends ``post_migrate``, whose receivers create the content types and
permissions again. TRUNCATE makes new files for each of the schema's 230-odd
tables and their indexes, and creating some 900 permissions again takes
most of a second: 1.5–4 s a test on this suite's 2-core machine, where
deleting the rows a test wrote takes a few hundredths. The database a test
leaves is the same:

- the rows are deleted with the session in replica mode, so no row or
  statement trigger runs (as under TRUNCATE: no audit event, no refusal of
  a kept record's delete, no foreign key check);
- the tables Django does not own but which hold what its tables imply (the
  works' summaries and the queues their triggers keep, the changes waiting
  for the data version, procrastinate's jobs) are emptied too, as
  TRUNCATE's own triggers and ``testkit.committed`` empty them;
- what migrations alone write stays: ``django_migrations``, the data
  version's row, and the content types and permissions; ``post_migrate``,
  whose receivers would only find them there and install again the
  triggers, functions and grants no DELETE touches (a fifth of a second a
  test), is not sent after such a flush (the connection's
  ``rows_deleted_only``; ``testkit.committed`` seeds what the data
  migrations wrote instead);
- the data version moves on, as it does after a TRUNCATE: a row written to
  ``ruta_data_change`` fires the project's own deferred trigger at commit.

Replica mode needs a superuser (the suite's own role on the embedded server
and in CI); any other role, a flush of some apps only (``available_apps``,
which cascades) or one that resets sequences falls back to Django's TRUNCATE.
"""

from __future__ import annotations

from django.db.backends.postgresql import base, operations

# Written by migrations alone: kept (post_migrate would write the same again).
KEPT = (
    "django_migrations",
    "ruta_data_version",
    "django_content_type",
    "auth_permission",
)


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        self.connection.rows_deleted_only = False
        if not tables or reset_sequences or allow_cascade or not self._superuser():
            return super().sql_flush(
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        quote = self.quote_name
        self.connection.rows_deleted_only = True
        emptied = sorted((set(tables) | set(self._public_tables())) - set(KEPT))
        return [
            "SET LOCAL session_replication_role = replica",
            *(f"DELETE FROM {quote(table)}" for table in emptied),  # noqa: S608 - catalog names
            "SET LOCAL session_replication_role = origin",
            "INSERT INTO ruta_data_change DEFAULT VALUES",
        ]

    def _superuser(self) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
        return bool(row and row[0])

    def _public_tables(self) -> list[str]:
        """Return the public schema's tables, Django's or not."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
            return [name for (name,) in cursor.fetchall()]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
