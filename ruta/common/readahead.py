"""Read ahead: produce the next items in a thread while the caller uses these.

A bulk import spends its time in two places that can overlap: reading and
checking rows (Python, holding the GIL) and writing them (PostgreSQL, while
the caller's thread waits on the socket without the GIL). ``read_ahead``
runs the reading in a thread of its own, at most ``depth`` items ahead of
the caller, so memory stays bounded by ``depth`` items however long the
input is. What the reading raises is raised in the caller, at the item
where it happened; a caller that stops early stops the reading.

The reading thread must not use the database: Django's connections belong
to their thread, and the import's transaction is the caller's.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar

T = TypeVar("T")

# Items the reading may hold beyond the one the caller is using.
MOST_AHEAD = 8
# How often a blocked reader checks whether the caller has stopped (seconds).
_POLL = 0.05


class _End:
    """The reading's last word: done, or the exception it raised."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def read_ahead(items: Iterator[T], *, depth: int = 1) -> Generator[T, None, None]:
    """Yield ``items`` in order, produced in a thread up to ``depth`` ahead.

    ``depth`` 0 reads in the caller's thread (no overlap, as plain
    iteration); it is bounded by ``MOST_AHEAD``.
    """
    if not 0 <= depth <= MOST_AHEAD:
        raise ValueError(f"depth must be 0 to {MOST_AHEAD}, not {depth}")
    if depth == 0:
        yield from items
        return
    handed: queue.Queue[T | _End] = queue.Queue(maxsize=depth)
    stopped = threading.Event()
    reader = threading.Thread(
        target=_read, args=(items, handed, stopped), name="read-ahead", daemon=True
    )
    reader.start()
    try:
        while True:
            item = handed.get()
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                return
            yield item
    finally:
        stopped.set()
        reader.join()


def _read(items: Iterator[T], handed: queue.Queue, stopped: threading.Event) -> None:
    end = _End()
    try:
        for item in items:
            if not _hand(handed, item, stopped):
                return
    except BaseException as error:  # noqa: BLE001 - raised again in the caller
        end = _End(error)
    finally:
        # A generator stopped early closes its files here, not when collected.
        close = getattr(items, "close", None)
        if close is not None:
            close()
    _hand(handed, end, stopped)


def _hand(handed: queue.Queue, item: object, stopped: threading.Event) -> bool:
    """Put ``item`` for the caller; return False if the caller has stopped."""
    while not stopped.is_set():
        try:
            handed.put(item, timeout=_POLL)
        except queue.Full:
            continue
        return True
    return False
