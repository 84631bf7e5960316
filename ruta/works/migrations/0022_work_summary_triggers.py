"""Keep the works' summary rows (``works.models.summary``) as works change.

Statement-level triggers with transition tables on ``works_work`` and
``works_funding``: each statement adds its new rows' sums to their groups
and subtracts its old rows' sums, in one grouped upsert ordered by key (so
two writers lock shared groups in the same order), then drops the groups
left with no work. A work that changes group (status, year, publication…)
moves its funding sums with it. A funding statement compares each touched
work's money per source before and after it, so a source counts a work
once however many funds it has. TRUNCATE empties the sums.

The functions run as whoever writes (the application's role may write the
summary tables as it may write works: the sums are no more to be trusted
than the rows they add up, and ``summary_drift`` checks them).
"""

from django.db import migrations

GROUP = (
    "fiscal_year_id, program_id, subprogram_id, executing_agency_id, "
    "municipality_id, state_id, status, is_demo"
)
GROUP_OF = (
    "{t}.fiscal_year_id, {t}.program_id, {t}.subprogram_id, "
    "{t}.executing_agency_id, {t}.municipality_id, {t}.state_id, {t}.status, "
    "{t}.is_demo, {t}.published_at IS NOT NULL"
)

CREATE = f"""
CREATE FUNCTION works_summary_work_changed() RETURNS trigger AS $fn$
DECLARE
    empty text := '(SELECT * FROM works_work WHERE false)';
    added text := CASE WHEN TG_OP = 'DELETE' THEN empty ELSE 'new_rows' END;
    taken text := CASE WHEN TG_OP = 'INSERT' THEN empty ELSE 'old_rows' END;
BEGIN
    EXECUTE format($sql$
        WITH changed AS (
            SELECT 1 AS sign, * FROM %1$s AS added
            UNION ALL SELECT -1, * FROM %2$s AS taken
        ), delta AS (
            SELECT {GROUP_OF.format(t="c")} AS published,
                   sum(c.sign) AS works,
                   sum(c.sign * c.total_investment) AS investment,
                   sum(c.sign * c.beneficiaries) AS beneficiaries
            FROM changed c
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        )
        INSERT INTO works_worksummary ({GROUP}, published,
                                       works, investment, beneficiaries)
        SELECT * FROM delta
        WHERE works <> 0 OR investment <> 0 OR beneficiaries <> 0
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        ON CONFLICT ON CONSTRAINT work_summary_group DO UPDATE SET
            works = works_worksummary.works + EXCLUDED.works,
            investment = works_worksummary.investment + EXCLUDED.investment,
            beneficiaries = works_worksummary.beneficiaries
                + EXCLUDED.beneficiaries
    $sql$, added, taken);
    DELETE FROM works_worksummary WHERE works = 0;
    IF TG_OP = 'UPDATE' THEN
        -- Works that changed group carry their funding sums along.
        WITH moved AS (
            SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
            WHERE ({GROUP_OF.format(t="n")})
                IS DISTINCT FROM ({GROUP_OF.format(t="o")})
        ), changed AS (
            SELECT 1 AS sign, n.* FROM new_rows n JOIN moved USING (id)
            UNION ALL SELECT -1, o.* FROM old_rows o JOIN moved USING (id)
        ), money AS (
            SELECT f.work_id, f.source, sum(f.amount) AS amount,
                   bool_or(f.amount > 0) AS positive
            FROM works_funding f JOIN moved ON moved.id = f.work_id
            GROUP BY 1, 2
        ), delta AS (
            SELECT {GROUP_OF.format(t="c")} AS published, m.source,
                   sum(c.sign * m.positive::int) AS works,
                   sum(c.sign * m.amount) AS amount
            FROM changed c JOIN money m ON m.work_id = c.id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        )
        INSERT INTO works_fundingsummary ({GROUP}, published, source,
                                          works, amount)
        SELECT * FROM delta WHERE works <> 0 OR amount <> 0
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT ON CONSTRAINT funding_summary_group DO UPDATE SET
            works = works_fundingsummary.works + EXCLUDED.works,
            amount = works_fundingsummary.amount + EXCLUDED.amount;
        DELETE FROM works_fundingsummary WHERE works = 0 AND amount = 0;
    END IF;
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;

CREATE FUNCTION works_summary_funding_changed() RETURNS trigger AS $fn$
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
            FROM works_funding f JOIN touched USING (work_id)
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
            SELECT {GROUP_OF.format(t="w")} AS published, p.source,
                   sum(p.works) AS works, sum(p.amount) AS amount
            FROM pairs p JOIN works_work w ON w.id = p.work_id
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

CREATE FUNCTION works_summary_emptied() RETURNS trigger AS $fn$
BEGIN
    IF TG_TABLE_NAME = 'works_work' THEN
        DELETE FROM works_worksummary;
    END IF;
    DELETE FROM works_fundingsummary;
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;
"""


def _triggers(table: str, function: str) -> str:
    return f"""
CREATE TRIGGER {table}_summary_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_summary_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_summary_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_summary_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION works_summary_emptied();
"""


DROP = """
DROP FUNCTION works_summary_work_changed() CASCADE;
DROP FUNCTION works_summary_funding_changed() CASCADE;
DROP FUNCTION works_summary_emptied() CASCADE;
"""


class Migration(migrations.Migration):
    dependencies = [("works", "0021_work_summary")]

    operations = [
        migrations.RunSQL(
            CREATE
            + _triggers("works_work", "works_summary_work_changed")
            + _triggers("works_funding", "works_summary_funding_changed"),
            DROP,
        )
    ]
