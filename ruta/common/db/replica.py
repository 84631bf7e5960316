"""Public reads on a streaming replica; writes and everything else on the primary.

With ``RUTA_DATABASE_REPLICA_URL`` set, the database alias ``replica`` is a
hot standby of the primary (PostgreSQL's streaming replication).
``ReplicaRouter`` sends it the reads of anonymous GET and HEAD requests to
the views answered from the data version — every public page
(``public_page``) and every API operation, through ``version_validated``
(``ruta.common.web.caching``) — which tolerate a second or two of lag and are
most of the traffic. Everything else reads and writes the primary
(``default``):

- every write, wherever it happens, and every read after the request's
  first write;
- every read inside a transaction on the primary (a service reads what it
  is about to write, and may lock it; a download holds its build slot);
- every read of a signed-in user, so staff see their own changes at once,
  and of any page not validated by the version (a link with a token sent a
  moment ago, a form);
- commands, the queue's workers and anything outside a request.

The data version the answer is validated by (``ruta.common.db.versioning``)
is read on the replica too, before anything else the view reads there
(``replica_reads``, used by ``version_validated``). The data and the
version commit together on the primary and are replayed together, and a
replica only moves forward, so every row read after the version is at
least as new as it: an ETag may be older than its page, which only costs
a cache a refill, and never newer, which would keep old data under a new
ETag.

A replica that cannot be reached is not an outage: the request that finds
it gone reads the primary instead, and so does every request of the
process for the next ``RETRY_SECONDS`` (``replica_unavailable``), so a
lost replica costs one connection timeout, not one per request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# After the replica failed to answer, how long this process reads the
# primary before trying it again.
RETRY_SECONDS = 10.0

logger = logging.getLogger(__name__)

# Whether the view being run may read the replica: set for an anonymous
# public read, cleared by its first write.
_on_replica: ContextVar[bool] = ContextVar("ruta_replica_reads", default=False)
# When (time.monotonic) this process may try the replica again.
_retry_at = [0.0]


def replica_configured() -> bool:
    """Return whether a replica is configured (``RUTA_DATABASE_REPLICA_URL``)."""
    return REPLICA in settings.DATABASES


def replica_lag_seconds() -> float | None:
    """Return how far the replica replays behind the primary, in seconds.

    A replica that has replayed everything it received is not behind,
    however long ago the primary last wrote; None when it never replayed.
    The connection is the caller's to close.
    """
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN pg_last_wal_receive_lsn() = "
            "pg_last_wal_replay_lsn() THEN 0 ELSE EXTRACT(EPOCH FROM "
            "now() - pg_last_xact_replay_timestamp()) END"
        )
        lag = cursor.fetchone()[0]
    return None if lag is None else float(lag)


def read_alias() -> str:
    """Return the database the current read goes to: the replica or the primary."""
    if _on_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return REPLICA
    return DEFAULT_DB_ALIAS


@contextmanager
def replica_reads() -> Iterator[bool]:
    """Send the block's reads to the replica, if one is configured and answering.

    For an anonymous GET or HEAD of a view validated by the data version;
    the caller decides that. Yields whether the reads go there.
    """
    if not replica_configured() or time.monotonic() < _retry_at[0]:
        yield False
        return
    marker = _on_replica.set(True)
    try:
        yield True
    finally:
        _on_replica.reset(marker)


def replica_unavailable(error: Exception) -> None:
    """Read the primary: the replica failed to answer.

    For the rest of the request, and for ``RETRY_SECONDS`` in this process.
    """
    logger.warning("replica unavailable, reading the primary: %s", error)
    _on_replica.set(False)
    _retry_at[0] = time.monotonic() + RETRY_SECONDS
    connections[REPLICA].close()


class ReplicaRouter:
    """Route reads by ``read_alias``; every write, and migrations, to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # Once a request writes, it reads its own writes.
        _on_replica.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        # Both aliases hold the same database.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # A standby replays the primary's migrations; it takes none itself.
        return False if db == REPLICA else None
