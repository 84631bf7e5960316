"""The in-process tally and its one UPSERT: what counting costs a request.

A request adds one to a dictionary in memory; every ``RUTA_USAGE_FLUSH_SECONDS``
(1 by default; or ``RUTA_USAGE_FLUSH_HITS`` hits) the process writes its
tally with one ``INSERT … ON CONFLICT DO UPDATE`` of a row per (day, kind,
name, origin). A timer thread of the process writes it, so a tally never
waits for the next request; a process that ends writes what it holds
(``atexit``); one killed (``kill -9``) loses at most that interval's counts,
never adds any twice.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading
import time
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from ruta.usage.rules import APP

logger = logging.getLogger(__name__)
Key = tuple[date, str, str, str]  # day, kind, name, origin

_lock = threading.Lock()
_pending: Counter[Key] = Counter()
_last_flush = time.monotonic()
# The timer's thread, one per process (a forked worker starts its own).
_timer: dict[str, threading.Thread | int | None] = {"thread": None, "pid": None}
TICK_SECONDS = 1.0

UPSERT = (
    "INSERT INTO usage_dailycount (day, kind, name, origin, is_demo, count) "
    "VALUES {rows} ON CONFLICT (day, kind, name, origin, is_demo) "
    "DO UPDATE SET count = usage_dailycount.count + EXCLUDED.count"
)


def usage_count(kind: str, name: str, *, origin: str = APP, by: int = 1) -> None:
    """Add ``by`` to today's count of ``kind``/``name``; write it when due."""
    key = (timezone.localdate(), kind, name, origin)
    _timer_running()
    with _lock:
        _pending[key] += by
        due = (
            sum(_pending.values()) >= settings.RUTA_USAGE_FLUSH_HITS
            or time.monotonic() - _last_flush >= settings.RUTA_USAGE_FLUSH_SECONDS
        )
    if due:
        usage_flush()


def usage_flush() -> int:
    """Write this process's pending counts in one statement; return the rows."""
    global _last_flush
    with _lock:
        taken = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not taken:
        return 0
    try:
        counts_add(taken)
    except DatabaseError:
        # Counting never fails a page: the tally waits for the next flush.
        logger.warning("usage counts could not be written; kept for later")
        with _lock:
            _pending.update(taken)
        return 0
    return len(taken)


def _timer_alive() -> bool:
    thread = _timer["thread"]
    return (
        isinstance(thread, threading.Thread)
        and thread.is_alive()
        and _timer["pid"] == os.getpid()
    )


def _timer_running() -> None:
    """Start this process's flush timer unless it runs."""
    if _timer_alive():
        return
    with _lock:
        if _timer_alive():
            return
        thread = threading.Thread(target=_tick, name="ruta-usage-flush", daemon=True)
        _timer.update(thread=thread, pid=os.getpid())
        thread.start()


def _tick() -> None:
    """Write the tally once it is ``RUTA_USAGE_FLUSH_SECONDS`` old (every second)."""
    while True:
        time.sleep(TICK_SECONDS)
        with _lock:
            due = bool(_pending) and (
                time.monotonic() - _last_flush >= settings.RUTA_USAGE_FLUSH_SECONDS
            )
        if due:
            try:
                usage_flush()
            finally:
                # The thread's own connection, closed between flushes: an
                # idle site holds none, and a database dropped (a test's)
                # finds none left open.
                connection.close()


def counts_add(counts: dict[Key, int], *, demo: bool = False) -> None:
    """Add ``counts`` to the daily rows with one UPSERT (no read, no lock wait).

    ``demo`` marks counts the demo wrote: rows apart from the site's own.
    """
    rows = sorted(counts.items())  # one order: concurrent flushes do not deadlock
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params = [item for key, number in rows for item in (*key, demo, number)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(UPSERT.format(rows=values), params)


def pending() -> int:
    """Return how many hits this process holds unwritten (for tests and bench)."""
    with _lock:
        return sum(_pending.values())


def pending_discard() -> None:
    """Forget this process's unwritten hits (a test starting from none)."""
    with _lock:
        _pending.clear()


def _flush_at_exit() -> None:
    """Write what the process holds as it ends; silently, if the database is gone."""
    with _lock:
        taken = dict(_pending)
        _pending.clear()
    if taken:
        with contextlib.suppress(Exception):
            counts_add(taken)


atexit.register(_flush_at_exit)
