"""What the readiness endpoint checks, declared once (docs/deploy.md).

Each check is a django-health-check ``HealthCheck``: the library runs them
side by side, each in a thread of its own with a wall-clock budget, so one
component that hangs (a database that accepts the connection and never
answers, a mail server behind a dropped route) costs its budget, never the
probe's. ``CHECK_SECONDS`` plus the library's one second of grace keeps a
readiness answer within two seconds.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db import connections
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Mail, Storage
from health_check.exceptions import ServiceUnavailable

from ruta.common.db.replica import REPLICA, replica_configured, replica_lag_seconds
from ruta.common.ops.queue import queue_problems

# Each check's own budget; the library waits one second more for it, and
# the request itself takes a little: 0.9 s left a hung database's answer at
# 2.04 s on a busy machine, past the two seconds promised.
CHECK_SECONDS = 0.7
BUDGET = datetime.timedelta(seconds=CHECK_SECONDS)

# The stores that must take a file: the public one (pages' photos and the
# published data), the private one (applicants' documents, invoices) and the
# folder an uploaded import waits in for the worker.
STORAGE_ALIASES = ("default", "private", "imports")


@dataclasses.dataclass
class DatabaseReady(Database):
    """The database answers ``SELECT 1`` on a connection of the check's own."""

    timeout: datetime.timedelta = dataclasses.field(default=BUDGET, repr=False)

    def run(self) -> None:
        try:
            super().run()
        finally:
            connections[self.alias].close()


@dataclasses.dataclass
class ReplicaLag(HealthCheck):
    """The replica replays no more than ``RUTA_REPLICA_MAX_LAG_SECONDS`` behind.

    A replica that has replayed everything it received is not behind, however
    long ago the primary last wrote.
    """

    alias: str = REPLICA
    timeout: datetime.timedelta = dataclasses.field(default=BUDGET, repr=False)

    def run(self) -> None:
        limit = settings.RUTA_REPLICA_MAX_LAG_SECONDS
        try:
            lag = replica_lag_seconds()
        finally:
            connections[self.alias].close()
        if lag is not None and lag > limit:
            raise ServiceUnavailable(f"{lag:.0f} s behind (limit {limit} s)")


@dataclasses.dataclass
class QueueReady(HealthCheck):
    """A worker beats (``ruta worker``) and no job is stalled."""

    timeout: datetime.timedelta = dataclasses.field(default=BUDGET, repr=False)

    def run(self) -> None:
        try:
            problems = queue_problems()
        finally:
            connections["default"].close()
        if problems:
            raise ServiceUnavailable("; ".join(problems))


@dataclasses.dataclass
class StorageReady(Storage):
    """A store saves, reads back and deletes a small file."""

    timeout: datetime.timedelta = dataclasses.field(default=BUDGET, repr=False)

    def get_file_name(self) -> str:
        # A name of the platform's folders, never the library's, so a bucket's
        # policy need list nothing else.
        return "salud/" + super().get_file_name().rsplit("/", 1)[-1]


@dataclasses.dataclass
class MailReady(Mail):
    """The delivery backend (``RUTA_EMAIL_BACKEND``) opens a connection.

    ``EMAIL_BACKEND`` is the platform's outbox, which always takes a message;
    the worker hands the outbox to this one.
    """

    timeout: datetime.timedelta = dataclasses.field(default=BUDGET, repr=False)

    def __post_init__(self) -> None:
        self.backend = settings.RUTA_EMAIL_DELIVERY_BACKEND

    @property
    def labels(self) -> dict[str, str]:
        # One delivery backend: the library's mailer alias names nothing here.
        return {"check": type(self).__name__}


@dataclasses.dataclass
class CacheReady(Cache):
    """The shared cache (Redis, ``RUTA_CACHE_URL``) stores and returns a key."""

    timeout: datetime.timedelta = dataclasses.field(default=BUDGET, repr=False)


def readiness_checks() -> Iterator[HealthCheck]:
    """Yield the checks of this instance: the replica and Redis when configured."""
    yield DatabaseReady(alias="default")
    if replica_configured():
        yield DatabaseReady(alias=REPLICA)
        yield ReplicaLag()
    yield QueueReady()
    for alias in STORAGE_ALIASES:
        yield StorageReady(alias=alias)
    if settings.RUTA_CACHE_URL:
        yield CacheReady()
    yield MailReady()
