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

``read_apart`` reads in a child process instead, on Linux, started at once
and up to ``ahead`` items ahead (a thread of the child hands them on while
it reads). A thread shares Python's lock with the caller: each time the
caller's statement returns, the caller waits for the reading to let go of
it, and a large import's writes took a fifth longer beside a reading thread
than alone. The child is forked, so it starts with what the caller has
already loaded and nothing is sent to it; each item comes back pickled.
What the reading changes (a dict it fills) changes in the child's copy
only, and it must not use the database either: the child's copies of the
caller's sockets are cut before it reads, so that a caller killed
mid-import leaves no session of its own held by the child, and the child
ends when the caller does. Taking each item from the child (receiving and
unpickling it) is light enough to do in a thread of the caller
(``read_ahead`` over ``read_apart``), while the caller's statement runs.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import stat
import sys
import threading
from collections.abc import Generator, Iterator
from multiprocessing.connection import Connection
from typing import Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# Items the reading may hold beyond the one the caller is using.
MOST_AHEAD = 8
# How often a blocked reader checks whether the caller has stopped (seconds).
_POLL = 0.05


class Reading(Protocol[T_co]):
    """Items being read apart (``read_apart``): iterate, or close to stop."""

    def __iter__(self) -> Iterator[T_co]: ...

    def __next__(self) -> T_co: ...

    def close(self) -> None: ...


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


class _Apart(Iterator[T]):
    """Items read in a child process, started when this is made (``read_apart``)."""

    def __init__(self, items: Iterator[T], ahead: int) -> None:
        context = multiprocessing.get_context("fork")
        self._ours, childs = context.Pipe()
        self._child = context.Process(
            target=_read_in_child,
            args=(items, childs, self._ours, ahead),
            name="read-apart",
            daemon=True,
        )
        # What the caller's streams hold would be written again by the child.
        sys.stdout.flush()
        sys.stderr.flush()
        self._child.start()
        childs.close()
        self._done = False

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        try:
            item = self._ours.recv()
        except EOFError:
            self.close()
            raise RuntimeError(
                "the reading process ended without a word "
                f"(exit code {self._child.exitcode})"
            ) from None
        except BaseException:
            self.close()
            raise
        if isinstance(item, _End):
            self.close()
            if item.error is not None:
                raise item.error
            raise StopIteration
        self._ours.send(True)  # taken: the child reads on
        return item

    def close(self) -> None:
        """Stop the reading: the child ends, whatever it was doing."""
        if self._done:
            return
        self._done = True
        self._ours.close()
        if self._child.is_alive():
            self._child.terminate()
        self._child.join()


def read_apart(items: Iterator[T], *, ahead: int = 1) -> Reading[T]:
    """Return ``items`` in order, produced in a child process started now.

    The child reads while the caller does anything else, at most ``ahead``
    items (1 to ``MOST_AHEAD``) beyond the one the caller took last, plus
    the one it is reading: memory is that many items in the child and one
    in the caller. At 1, it reads the next item once the caller has taken
    this one, as ``read_ahead`` does at depth 1. Close what it returns
    (``contextlib.closing``) to stop the child early. Off Linux, where
    forking a process that has threads is not safe (macOS's system
    libraries), the reading runs in a thread instead, once iterated.
    """
    if not 1 <= ahead <= MOST_AHEAD:
        raise ValueError(f"ahead must be 1 to {MOST_AHEAD}, not {ahead}")
    if sys.platform != "linux":
        return read_ahead(items, depth=ahead)
    return _Apart(items, ahead)


def _read_in_child(
    items: Iterator[T], caller: Connection, callers_end: Connection, ahead: int
) -> None:
    """Hand each item to the caller, then what ended the reading."""
    # Without the caller's end, a caller that dies ends the pipe, and the
    # child with it.
    callers_end.close()
    _cut_sockets(keep=caller.fileno())
    if ahead > 1:
        _read_ahead_in_child(items, caller, ahead)
        return
    try:
        for item in items:
            if not _handed(caller, item):
                return  # the caller stopped taking items, or died
    except BaseException as error:  # noqa: BLE001 - raised again in the caller
        _handed(caller, _End(_sendable(error)), taken=False)
        return
    _handed(caller, _End(), taken=False)


def _read_ahead_in_child(items: Iterator[T], caller: Connection, ahead: int) -> None:
    """Read into a queue while a thread hands the items on, ``ahead`` at most."""
    read: queue.Queue[T | _End] = queue.Queue(maxsize=ahead - 1)
    stopped = threading.Event()
    sender = threading.Thread(
        target=_send_read, args=(read, caller, stopped), name="hand-on", daemon=True
    )
    sender.start()
    _read(items, read, stopped)
    sender.join()


def _send_read(read: queue.Queue, caller: Connection, stopped: threading.Event) -> None:
    """Hand on each item read, then the reading's end; stop if the caller has."""
    while True:
        item = read.get()
        if isinstance(item, _End):
            error = None if item.error is None else _sendable(item.error)
            _handed(caller, _End(error), taken=False)
            return
        if not _handed(caller, item):
            stopped.set()
            return


def _handed(caller: Connection, item: object, *, taken: bool = True) -> bool:
    """Send ``item`` and, if ``taken``, wait until the caller has taken it.

    Return False if the caller is gone.
    """
    try:
        caller.send(item)
        if taken:
            caller.recv()
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return False
    return True


def _cut_sockets(*, keep: int) -> None:
    """Point the child's copies of the caller's sockets, but ``keep``, at nothing.

    The caller's database sessions (its own, the queue's) and its cache's:
    a statement sent on a copy would interleave with the caller's on the
    same session, and a copy left open would keep the session, its locks
    and its transaction alive after the caller died. Pointed at nothing,
    any use fails in the child alone; closed instead, the number could be
    reused by a file the child opens.
    """
    nothing = os.open(os.devnull, os.O_RDWR)
    try:
        for name in os.listdir("/proc/self/fd"):
            number = int(name)
            if number in (keep, nothing) or number <= 2:
                continue
            try:
                is_socket = stat.S_ISSOCK(os.fstat(number).st_mode)
            except OSError:
                continue  # the listing's own, closed since
            if is_socket:
                os.dup2(nothing, number)
    finally:
        os.close(nothing)


def _sendable(error: BaseException) -> BaseException:
    """Return ``error`` if it survives pickling, else its text as a RuntimeError."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 - what we just pickled
    except Exception:  # noqa: BLE001 - any error that does not pickle
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
