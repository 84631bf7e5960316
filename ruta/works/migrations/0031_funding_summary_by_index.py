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
GROUP = _BEFORE.GROUP
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

# The group columns as the ``groups`` CTE names them.
_GROUPED = GROUP_OF.format(t="g").replace("g.published_at IS NOT NULL", "g.published")

FUNDING = f"""
CREATE OR REPLACE FUNCTION works_summary_funding_changed() RETURNS trigger
SET jit = off SET enable_seqscan = off AS $fn$
DECLARE
    empty text := '(SELECT * FROM works_funding WHERE false)';
    added text := CASE WHEN TG_OP = 'DELETE' THEN empty ELSE 'new_rows' END;
    taken text := CASE WHEN TG_OP = 'INSERT' THEN empty ELSE 'old_rows' END;
BEGIN
    EXECUTE format($sql$
        WITH touched AS (
            SELECT work_id FROM %1$s AS added
            UNION SELECT work_id FROM %2$s AS taken
        ), now_rows AS (
            SELECT f.id, f.work_id, f.source, f.amount
            FROM touched t {_ROWS_OF.format(work="t.work_id")}
        ), groups AS (
            SELECT w.id, {GROUP_OF.format(t="w")} AS published
            FROM touched t {_WORK_OF.format(work="t.work_id")}
        ), after AS (
            SELECT work_id, source, sum(amount) AS amount,
                   bool_or(amount > 0) AS positive
            FROM now_rows GROUP BY 1, 2
        ), before AS (
            SELECT work_id, source, sum(amount) AS amount,
                   bool_or(amount > 0) AS positive
            FROM (
                SELECT work_id, source, amount FROM now_rows r
                WHERE NOT EXISTS (SELECT FROM %1$s AS added WHERE added.id = r.id)
                UNION ALL SELECT work_id, source, amount FROM %2$s AS taken
            ) AS earlier
            GROUP BY 1, 2
        ), pairs AS (
            SELECT work_id, source,
                   coalesce(a.amount, 0) - coalesce(b.amount, 0) AS amount,
                   coalesce(a.positive, false)::int
                       - coalesce(b.positive, false)::int AS works
            FROM after a FULL JOIN before b USING (work_id, source)
        ), delta AS (
            SELECT {_GROUPED}, p.source,
                   sum(p.works) AS works, sum(p.amount) AS amount
            FROM pairs p JOIN groups g ON g.id = p.work_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        )
        INSERT INTO works_fundingsummary ({GROUP}, published, source,
                                          works, amount)
        SELECT * FROM delta WHERE works <> 0 OR amount <> 0
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT ON CONSTRAINT funding_summary_group DO UPDATE SET
            works = works_fundingsummary.works + EXCLUDED.works,
            amount = works_fundingsummary.amount + EXCLUDED.amount
    $sql$, added, taken);
    DELETE FROM works_fundingsummary WHERE works = 0 AND amount = 0;
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;
"""  # noqa: S608 - the migration's own text


def _work_function(source: str) -> str:
    """Return 0022's work trigger with its moved works' rows read by index."""
    joined = "FROM works_funding f JOIN moved ON moved.id = f.work_id"
    if joined not in source:
        raise RuntimeError("the work trigger's funding join is not where it was")
    by_index = "FROM moved m" + _ROWS_OF.format(work="m.id")
    start = source.index("CREATE FUNCTION works_summary_work_changed()")
    end = source.index("CREATE FUNCTION works_summary_funding_changed()")
    function = source[start:end].replace(joined, by_index)
    return function.replace(
        "CREATE FUNCTION works_summary_work_changed() RETURNS trigger AS",
        "CREATE OR REPLACE FUNCTION works_summary_work_changed() RETURNS trigger\n"
        "SET jit = off SET enable_seqscan = off AS",
    )


WORK = _work_function(_BEFORE.CREATE)
# Back to 0022's functions, with 0027's setting.
PREVIOUS = (
    _BEFORE.CREATE[: _BEFORE.CREATE.index("CREATE FUNCTION works_summary_emptied()")]
    .replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
    .replace("RETURNS trigger AS", "RETURNS trigger SET jit = off AS")
)


class Migration(migrations.Migration):
    dependencies = [("works", "0030_funding_and_publications_by_their_unique_indexes")]

    operations = [migrations.RunSQL(FUNDING + WORK, PREVIOUS)]
