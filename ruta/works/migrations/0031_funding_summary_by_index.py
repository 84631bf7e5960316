"""The funding summary trigger reads only the works and rows a statement touched.

Joined to the works and funding tables, the trigger's query was planned from
the transition table's size against the tables' whole: for a statement of
20,000 funding rows the planner hashed every work and every funding row, so
each chunk of an import read both tables whole (180 ms of a 310 ms trigger
at 100,000 works, growing with the table). The touched works and their rows
are now looked up through the works' primary key and ``funding_unique_source``
(work first), one work at a time, which costs what the statement wrote.
The sums are the same (``summary_drift`` holds them to a fresh GROUP BY).

The work trigger's move of a work's funding sums (an update that changes a
work's group) reads the moved works' rows the same way.
"""

from importlib import import_module

from django.db import migrations

_BEFORE = import_module("ruta.works.migrations.0022_work_summary_triggers")
GROUP_OF = _BEFORE.GROUP_OF

# A touched work's rows and its group, looked up by index: a LATERAL
# subquery with OFFSET or LIMIT is not flattened into a join the planner
# would hash. The functions run with sequential scans priced out: the
# tables' statistics may be those of an empty table that the statement's own
# transaction filled (a first import), and a scan per touched work of a
# table grown to 20,000 rows took 10 s for one chunk.
_ROWS_OF = """
    CROSS JOIN LATERAL (
        SELECT f.id, f.work_id, f.source, f.amount
        FROM works_funding f WHERE f.work_id = {work} OFFSET 0
    ) f"""
_WORK_OF = """
    CROSS JOIN LATERAL (
        SELECT * FROM works_work w WHERE w.id = {work} LIMIT 1
    ) w"""

_FUNDING_START = "CREATE FUNCTION works_summary_funding_changed()"
_WORK_START = "CREATE FUNCTION works_summary_work_changed()"
_EMPTIED_START = "CREATE FUNCTION works_summary_emptied()"


def _function(start: str, end: str) -> str:
    """Return 0022's function from ``start`` to ``end``, created or replaced."""
    text = _BEFORE.CREATE
    function = text[text.index(start) : text.index(end)]
    return function.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _replaced(text: str, *changes: tuple[str, str]) -> str:
    """Return ``text`` with each (old, new) replaced; each old must be there."""
    for old, new in changes:
        if old not in text:
            raise RuntimeError(f"0022's trigger text changed: {old!r} is not in it")
        text = text.replace(old, new)
    return text


# Sequential scans priced out, beside 0027's setting.
_SETTINGS = (
    "RETURNS trigger AS",
    "RETURNS trigger SET jit = off SET enable_seqscan = off AS",
)
_GROUPS = f"""), groups AS (
            SELECT w.id, {GROUP_OF.format(t="w")} AS published
            FROM touched t {_WORK_OF.format(work="t.work_id")}
        ), after AS ("""  # noqa: S608 - the migration's own text
_GROUPED = GROUP_OF.format(t="g").replace("g.published_at IS NOT NULL", "g.published")

FUNDING = _replaced(
    _function(_FUNDING_START, _EMPTIED_START),
    _SETTINGS,
    (
        "FROM works_funding f JOIN touched USING (work_id)",
        "FROM touched t" + _ROWS_OF.format(work="t.work_id"),
    ),
    ("), after AS (", _GROUPS),
    (f"{GROUP_OF.format(t='w')} AS published, p.source", f"{_GROUPED}, p.source"),
    (
        "FROM pairs p JOIN works_work w ON w.id = p.work_id",
        "FROM pairs p JOIN groups g ON g.id = p.work_id",
    ),
)
WORK = _replaced(
    _function(_WORK_START, _FUNDING_START),
    _SETTINGS,
    (
        "FROM works_funding f JOIN moved ON moved.id = f.work_id",
        "FROM moved m" + _ROWS_OF.format(work="m.id"),
    ),
)
# Back to 0022's functions, with 0027's setting.
PREVIOUS = "".join(
    _replaced(function, ("RETURNS trigger AS", "RETURNS trigger SET jit = off AS"))
    for function in (
        _function(_WORK_START, _FUNDING_START),
        _function(_FUNDING_START, _EMPTIED_START),
    )
)


class Migration(migrations.Migration):
    dependencies = [("works", "0030_funding_and_publications_by_their_unique_indexes")]

    operations = [migrations.RunSQL(FUNDING + WORK, PREVIOUS)]
