"""A read given the time it may take: past it, PostgreSQL stops it.

A page that may answer a question cheaply or not at all (count a
selection's first few thousand works; a filter no index serves would scan
the whole table instead) asks within a bound: ``within`` runs the block in a
savepoint whose statements PostgreSQL cancels after ``milliseconds``, and
raises ``TookTooLong``; the transaction goes on as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connections, transaction
from psycopg.errors import QueryCanceled

# The most a bounded read may be given: longer reads belong to the queue.
MOST_MILLISECONDS = 10_000


class TookTooLong(Exception):
    """A bounded read did not finish within its time."""


@contextmanager
def within(milliseconds: int, *, using: str) -> Iterator[None]:
    """Run the block's statements on ``using`` with ``milliseconds`` each at most.

    Raises ``TookTooLong`` when PostgreSQL cancelled one for its time.
    """
    if not 1 <= milliseconds <= MOST_MILLISECONDS:
        raise ValueError(f"1 to {MOST_MILLISECONDS} milliseconds, not {milliseconds}")
    connection = connections[using]
    try:
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'),"
                    " set_config('statement_timeout', %s, true)",
                    [f"{milliseconds}ms"],
                )
                before = cursor.fetchone()[0]
            yield
            # A savepoint released keeps a local setting to the end of the
            # enclosing transaction; one rolled back (an error) drops it.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)", [before]
                )
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise TookTooLong(f"over {milliseconds} ms") from error
        raise
