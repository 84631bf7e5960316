"""The reached marks' trigger reads only the works a statement touched, by index.

``works_reached_refresh`` joined the touched ids to the works, their history
and the kept marks, and the planner chose from the tables' statistics. A
table whose statistics say empty while it holds rows (an import rolled back,
then vacuumed while a reader kept the table from being shortened, then the
same file imported again) was taken to hold one row: each statement hashed
the whole of the works, their history and the marks, all grown by the
import's own transaction, so every chunk cost more than the one before. An
import of 20,000 rows took 21–25 s there against 11–12 s, and a chunk of
100,000 more than 14 s. The touched works, their events and their kept
marks are now looked up one work at a time through their keys (a LATERAL
subquery with LIMIT or OFFSET is not flattened into a join the planner
would hash), each work's events summed on their own (joined to all the
touched works' sums, the planner summed them again for each work), the
marks to drop through an array of their keys, and the insert trigger's
check of which new works are already marked per work: what a statement
costs no longer depends on what the statistics say. The marks
are the same (the tests compare the summary with a fresh count).
"""

from importlib import import_module

from django.db import migrations

_BEFORE = import_module("ruta.works.migrations.0025_work_reached_triggers")
_COLUMNS = _BEFORE.COLUMNS

_REFRESH_START = "CREATE FUNCTION works_reached_refresh"
_WORK_START = "CREATE FUNCTION works_reached_work_changed"
_HISTORY_START = "CREATE FUNCTION works_reached_history_changed"


def _function(start: str, end: str) -> str:
    """Return 0025's function from ``start`` to ``end``, created or replaced."""
    text = _BEFORE.CREATE
    function = text[text.index(start) : text.index(end)]
    return function.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _replaced(text: str, *changes: tuple[str, str]) -> str:
    """Return ``text`` with each (old, new) replaced; each old must be there."""
    for old, new in changes:
        if old not in text:
            raise RuntimeError(f"0025's trigger text changed: {old!r} is not in it")
        text = text.replace(old, new)
    return text


_APPROVED, _RELEASED = _BEFORE.APPROVED, _BEFORE.RELEASED
_OLD_HISTORY = f"""            LEFT JOIN (
                SELECT e.pgh_obj_id,
                       min(works_reached_mark(e.as_of, e.pgh_created_at))
                           FILTER (WHERE e.status IN ({_APPROVED})) AS approved,
                       min(works_reached_mark(e.as_of, e.pgh_created_at))
                           FILTER (WHERE e.status IN ({_RELEASED})) AS released
                FROM touched JOIN works_workevent e ON e.pgh_obj_id = touched.id
                GROUP BY 1
            ) AS h ON h.pgh_obj_id = w.id"""  # noqa: S608 - the migration's own text
# Each touched work's events summed on their own (one row, nulls when it
# has none): joined to all of them, the planner may sum the touched works'
# events again for each work, or scan their sums once per work.
_HISTORY = f"""            CROSS JOIN LATERAL (
                SELECT min(works_reached_mark(e.as_of, e.pgh_created_at))
                           FILTER (WHERE e.status IN ({_APPROVED})) AS approved,
                       min(works_reached_mark(e.as_of, e.pgh_created_at))
                           FILTER (WHERE e.status IN ({_RELEASED})) AS released
                FROM works_workevent e WHERE e.pgh_obj_id = w.id
            ) AS h"""  # noqa: S608 - the migration's own text
REFRESH = _replaced(
    _function(_REFRESH_START, _WORK_START),
    (_OLD_HISTORY, _HISTORY),
    (
        "FROM touched JOIN works_work w ON w.id = touched.id",
        "FROM touched CROSS JOIN LATERAL (\n"
        "                SELECT * FROM works_work w WHERE w.id = touched.id LIMIT 1\n"
        "            ) w",
    ),
    (
        f"SELECT {_COLUMNS} FROM works_workreached r\n"  # noqa: S608 - ours
        "            JOIN touched ON touched.id = r.work_id",
        "SELECT r.* FROM touched CROSS JOIN LATERAL (\n"  # noqa: S608 - ours
        f"                SELECT {_COLUMNS} FROM works_workreached r\n"
        "                WHERE r.work_id = touched.id LIMIT 1\n"
        "            ) r",
    ),
    (
        "WHERE r.work_id IN (SELECT work_id FROM changed WHERE sign = -1)\n"
        "              AND r.work_id NOT IN (SELECT work_id FROM fresh)",
        "WHERE r.work_id = ANY(ARRAY(SELECT work_id FROM changed WHERE sign = -1))\n"
        "              AND r.work_id <> ALL(ARRAY(SELECT work_id FROM fresh))",
    ),
)
WORK = _replaced(
    _function(_WORK_START, _HISTORY_START),
    (
        "WHERE NOT EXISTS (SELECT FROM works_workreached r WHERE r.work_id = n.id)",
        "WHERE NOT EXISTS (\n"
        "                SELECT FROM works_workreached r\n"
        "                WHERE r.work_id = n.id OFFSET 0\n"
        "            )",
    ),
)
# Sequential scans priced out, as in the summary's triggers (works.0031): a
# table whose statistics say empty while a first import fills it would be
# scanned once per touched work. 0027 set the work trigger's function to
# run without JIT; CREATE OR REPLACE keeps no setting, so it is set again.
_SETTINGS = """
ALTER FUNCTION works_reached_refresh(bigint[]) SET enable_seqscan = off;
ALTER FUNCTION works_reached_work_changed() SET jit = off SET enable_seqscan = off;
"""
PREVIOUS = (
    _function(_REFRESH_START, _WORK_START)
    + _function(_WORK_START, _HISTORY_START)
    + "ALTER FUNCTION works_reached_work_changed() SET jit = off;\n"
)


class Migration(migrations.Migration):
    dependencies = [("works", "0034_event_copies_of_keys_unindexed")]

    operations = [migrations.RunSQL(REFRESH + WORK + _SETTINGS, PREVIOUS)]
