"""A test's transaction keeps its connection: a request's end closes nothing inside it.

At a request's start and end Django closes each of the thread's connections
that is obsolete, unusable, or whose autocommit differs from its setting
(``close_old_connections``). Inside a test's transaction, or a module's
world held in one, autocommit is off: a request's end reaching that thread
(a direct call to the WSGI application, a job's clean-up) would close the
connection in the middle of it, and every later statement of the module
would fail with "the connection is closed". Django's test client avoids
it by disconnecting the signal around its own requests; this keeps the
connection on every path, and warns with the caller's stack so the path
can be found and fixed.
"""

from __future__ import annotations

import traceback
import warnings

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper


class ConnectionKeptWarning(UserWarning):
    """A request's end asked to close a connection inside a transaction."""


_close_if_unusable_or_obsolete = BaseDatabaseWrapper.close_if_unusable_or_obsolete


def _kept_in_transaction(self: BaseDatabaseWrapper) -> None:
    """Close as Django would, except a connection inside a transaction."""
    if self.connection is not None and self.in_atomic_block:
        stack = "".join(traceback.format_stack(limit=12)[:-1])
        warnings.warn(
            ConnectionKeptWarning(
                f"kept connection {self.alias!r} open inside a transaction; "
                f"asked from:\n{stack}"
            ),
            stacklevel=2,
        )
        return
    _close_if_unusable_or_obsolete(self)


def pytest_configure(config: pytest.Config) -> None:
    """Keep every test's transaction on its connection, for the whole run."""
    BaseDatabaseWrapper.close_if_unusable_or_obsolete = _kept_in_transaction  # type: ignore[method-assign]
