"""PostgreSQL settings for a bulk write, for as long as it runs.

A bulk import plans its statements over tables the planner knows little of
(temporary stages, the transition tables of statement-level triggers), so
its estimates run to millions of rows: past the thresholds at which
PostgreSQL compiles a statement with LLVM (a second or more per statement,
for plans that run in less), and past the default working memory, so sorts
of a few hundred thousand rows go to disk. ``bulk_settings`` turns JIT off
and gives each sort or hash ``BULK_WORK_MEM``, then puts back what was set:
whatever runs after it in the same transaction is not affected.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

# Per sort or hash node, on the server: a 250,000-row stage sorts in memory.
BULK_WORK_MEM = "64MB"
_SETTINGS = {"jit": "off", "work_mem": BULK_WORK_MEM}


@contextmanager
def bulk_settings() -> Iterator[None]:
    """Run the block with JIT off and ``BULK_WORK_MEM``, in this transaction.

    Use it inside the block's ``transaction.atomic``.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["current_setting(%s)"] * len(_SETTINGS)),
            list(_SETTINGS),
        )
        before = dict(zip(_SETTINGS, cursor.fetchone(), strict=True))
        _set(cursor, _SETTINGS)
    # Put back on success only: a block that raises leaves its (sub)transaction
    # to be rolled back, and PostgreSQL puts the settings back with it.
    yield
    with connection.cursor() as cursor:
        _set(cursor, before)


def _set(cursor, settings: dict[str, str]) -> None:
    cursor.execute(
        "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)),
        [item for pair in settings.items() for item in pair],
    )
