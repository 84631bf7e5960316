"""Keep when each work first reached approval and release (``WorkReached``).

A work's marks come from its row and its status history: the earliest
event (or the current row) holding one of the statuses, dated by its
``as_of`` or else by when it was recorded. Any statement on ``works_work``
that changes what they read (status, dates, year, program, place), and any
statement on ``works_workevent``, recomputes the marks of the works it
touched (``works_reached_refresh``): their rows afresh against the kept
ones, the difference added to ``works_reachedsummary`` in one grouped upsert
ordered by key (two writers lock shared groups in the same order), the kept
rows replaced. Recomputing rather than adjusting makes the two tables' order
of firing irrelevant: the history trigger's events and the work's new row
are both read as they stand. TRUNCATE of the works empties both tables; of
the history, recomputes every work.

A mark is an instant that answers "reached on or before the last day of a
quarter" in any time zone exactly as the date it stands for would
(``works_reached_mark``): a date from a file becomes its quarter's last
day at 00:00 UTC; a time recorded within a day of a quarter's turn (UTC)
is kept to its quarter hour, every other one becomes its quarter's last day
at 00:00 UTC. The end of a quarter's last day, anywhere, falls between
10:00 UTC that day and 12:00 UTC the next, on a quarter hour (every zone's
offset today is a whole number of quarter hours), so a mark is before it
exactly when its date is on or before that last day.

The functions run as whoever writes, as the works' summary does
(``works.0022``): the application may write these tables as it writes works.
"""

from django.db import migrations

APPROVED = (
    "'approved', 'released', 'contracted', 'in_execution', 'completed', 'handed_over'"
)
RELEASED = "'released', 'contracted', 'in_execution', 'completed', 'handed_over'"
COLUMNS = (
    "work_id, fiscal_year_id, program_id, municipality_id, status, approved, released"
)
GROUP = "fiscal_year_id, program_id, municipality_id, status, approved, released"
ROW = ", ".join(f"{{t}}.{column.strip()}" for column in GROUP.split(","))

CREATE = f"""
CREATE FUNCTION works_reached_mark(as_of date, recorded timestamptz)
RETURNS timestamptz AS $fn$
    SELECT CASE
        WHEN as_of IS NOT NULL THEN
            (date_trunc('quarter', as_of::timestamp) + interval '3 months - 1 day')
                AT TIME ZONE 'UTC'
        WHEN to_char(recorded AT TIME ZONE 'UTC', 'MM-DD') IN (
            '03-31', '04-01', '06-30', '07-01', '09-30', '10-01', '12-31', '01-01'
        ) THEN
            date_bin('15 minutes', recorded, timestamptz '2000-01-01 00:00+00')
        ELSE
            (date_trunc('quarter', recorded AT TIME ZONE 'UTC')
                + interval '3 months - 1 day') AT TIME ZONE 'UTC'
    END
$fn$ LANGUAGE sql STABLE;

CREATE FUNCTION works_reached_refresh(ids bigint[]) RETURNS void AS $fn$
-- ``ids``: distinct works (as the planner then counts them).
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    EXECUTE $sql$
        WITH touched AS (
            SELECT id FROM unnest($1) AS id
        ), fresh AS (
            SELECT w.id AS work_id, w.fiscal_year_id, w.program_id,
                   w.municipality_id, w.status,
                   least(CASE WHEN w.status IN ({APPROVED})
                         THEN works_reached_mark(w.as_of, w.created) END,
                         h.approved) AS approved,
                   least(CASE WHEN w.status IN ({RELEASED})
                         THEN works_reached_mark(w.as_of, w.created) END,
                         h.released) AS released
            FROM touched JOIN works_work w ON w.id = touched.id
            LEFT JOIN (
                SELECT e.pgh_obj_id,
                       min(works_reached_mark(e.as_of, e.pgh_created_at))
                           FILTER (WHERE e.status IN ({APPROVED})) AS approved,
                       min(works_reached_mark(e.as_of, e.pgh_created_at))
                           FILTER (WHERE e.status IN ({RELEASED})) AS released
                FROM touched JOIN works_workevent e ON e.pgh_obj_id = touched.id
                GROUP BY 1
            ) AS h ON h.pgh_obj_id = w.id
        ), kept AS (
            SELECT {COLUMNS} FROM works_workreached r
            JOIN touched ON touched.id = r.work_id
        ), changed AS (
            SELECT 1 AS sign, f.* FROM fresh f LEFT JOIN kept k USING (work_id)
            WHERE ({ROW.format(t="f")}) IS DISTINCT FROM ({ROW.format(t="k")})
            UNION ALL
            SELECT -1, k.* FROM kept k LEFT JOIN fresh f USING (work_id)
            WHERE ({ROW.format(t="k")}) IS DISTINCT FROM ({ROW.format(t="f")})
        ), delta AS (
            SELECT {GROUP}, sum(sign) AS works
            FROM changed GROUP BY 1, 2, 3, 4, 5, 6
        ), summed AS (
            INSERT INTO works_reachedsummary ({GROUP}, works)
            SELECT * FROM delta WHERE works <> 0
            ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT ON CONSTRAINT reached_summary_group DO UPDATE SET
                works = works_reachedsummary.works + EXCLUDED.works
        ), gone AS (
            DELETE FROM works_workreached r
            WHERE r.work_id IN (SELECT work_id FROM changed WHERE sign = -1)
              AND r.work_id NOT IN (SELECT work_id FROM fresh)
        )
        INSERT INTO works_workreached ({COLUMNS})
        SELECT * FROM fresh
        WHERE work_id IN (SELECT work_id FROM changed WHERE sign = 1)
        ORDER BY work_id
        ON CONFLICT (work_id) DO UPDATE SET
            fiscal_year_id = EXCLUDED.fiscal_year_id,
            program_id = EXCLUDED.program_id,
            municipality_id = EXCLUDED.municipality_id,
            status = EXCLUDED.status,
            approved = EXCLUDED.approved,
            released = EXCLUDED.released
    $sql$ USING ids;
    DELETE FROM works_reachedsummary WHERE works = 0;
END;
$fn$ LANGUAGE plpgsql;

CREATE FUNCTION works_reached_work_changed() RETURNS trigger AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- New works the history's trigger has not already counted (it fires
        -- first, and reads the same rows); all of them when it is off.
        PERFORM works_reached_refresh(ARRAY(
            SELECT n.id FROM new_rows n
            WHERE NOT EXISTS (SELECT FROM works_workreached r WHERE r.work_id = n.id)
        ));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM works_reached_refresh(ARRAY(SELECT id FROM old_rows));
    ELSE
        -- Only what a mark or a group reads: a saved title costs nothing.
        PERFORM works_reached_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
            WHERE (n.fiscal_year_id, n.program_id, n.municipality_id, n.status,
                   n.as_of, n.created)
                IS DISTINCT FROM (o.fiscal_year_id, o.program_id,
                                  o.municipality_id, o.status, o.as_of, o.created)
        ));
    END IF;
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;

CREATE FUNCTION works_reached_history_changed() RETURNS trigger AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- An event of another status moves no mark.
        PERFORM works_reached_refresh(ARRAY(
            SELECT DISTINCT pgh_obj_id FROM new_rows WHERE status IN ({APPROVED})
        ));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM works_reached_refresh(ARRAY(SELECT DISTINCT pgh_obj_id FROM old_rows));
    ELSE
        PERFORM works_reached_refresh(ARRAY(
            SELECT pgh_obj_id FROM new_rows UNION SELECT pgh_obj_id FROM old_rows
        ));
    END IF;
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;

CREATE FUNCTION works_reached_emptied() RETURNS trigger AS $fn$
BEGIN
    IF TG_TABLE_NAME = 'works_work' THEN
        DELETE FROM works_workreached;
        DELETE FROM works_reachedsummary;
    ELSE
        PERFORM works_reached_refresh(ARRAY(SELECT id FROM works_work));
    END IF;
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;
"""


def _triggers(table: str, function: str) -> str:
    return f"""
CREATE TRIGGER {table}_reached_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_reached_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_reached_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_reached_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION works_reached_emptied();
"""


DROP = """
DROP FUNCTION works_reached_work_changed() CASCADE;
DROP FUNCTION works_reached_history_changed() CASCADE;
DROP FUNCTION works_reached_emptied() CASCADE;
DROP FUNCTION works_reached_refresh(bigint[]);
DROP FUNCTION works_reached_mark(date, timestamptz);
"""


class Migration(migrations.Migration):
    dependencies = [("works", "0024_work_reached")]

    operations = [
        migrations.RunSQL(
            CREATE
            + _triggers("works_work", "works_reached_work_changed")
            + _triggers("works_workevent", "works_reached_history_changed"),
            DROP,
        )
    ]
