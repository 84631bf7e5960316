"""A work's funding kept on its row, as a list of lines, instead of in a table.

A works import wrote each work and then, in a statement of their own, its
funding rows; each row was audited, noted for the "adds up" check and
looked up again, one work at a time, to keep the funding summary (2.4-2.7 s
and 0.8 s of checks at commit for 100,000 works, beside 5.4-6.7 s for the
works themselves). The lines now go with the work, in one statement, and:

- ``works_funding`` is a view of every work's lines, so readers keep
  ``Funding``; a write on it (the capture desk, the admin, the demo) goes
  through INSTEAD OF triggers that write the work's row. A line keeps its
  number in its work (``k``), and its id is the work's and that number, so
  the work page's ``f<id>`` keys stay while the line does;
- a CHECK on the row holds what each line must be (a known source, no
  negative amount), by a JSON path over the lines;
- what a CHECK cannot see is checked at COMMIT, as the sum was: one line
  per source and fund, whole cents, and lines adding up to the work's
  total. A deferred constraint trigger is queued only for a row written
  with lines that are not right (its WHEN clause, a loop over the few
  lines), and raises if they still are not; the noted works and their
  owner-only tables (``works.0015``) go;
- the funding summary is kept by the works' summary trigger from the rows a
  statement changed, as the works' own sums are;
- the audit is the work's: ``works_workevent`` copies the lines with every
  change. ``works_fundingevent`` keeps the table's events.
"""

from importlib import import_module

import pgtrigger.compiler
import pgtrigger.migrations
import ruta.common.text.money

from django.db import migrations, models

_0022 = import_module("ruta.works.migrations.0022_work_summary_triggers")
_0036 = import_module("ruta.works.migrations.0036_work_phases")
GROUP, GROUP_OF = _0022.GROUP, _0022.GROUP_OF

SOURCES = ("state", "municipality", "community", "federal", "other")

# A line's number within its work (``k``), kept while the line is: the
# view's id is the work's times ``LINES_PER_WORK`` plus it. Numbers are
# handed out upwards and reused only once a work has used them all.
LINES_PER_WORK = 1024

# Each work's rows as its lines, numbered by their old id.
FILL = """
ALTER TABLE works_work ALTER COLUMN funding_lines SET DEFAULT '[]'::jsonb;
UPDATE works_work w SET funding_lines = f.lines
FROM (
    SELECT work_id, jsonb_agg(jsonb_build_object(
        'k', k, 'source', source, 'fund', fund, 'amount', amount) ORDER BY k
    ) AS lines
    FROM (
        SELECT *, row_number() OVER (PARTITION BY work_id ORDER BY id) - 1 AS k
        FROM works_funding
    ) numbered
    GROUP BY work_id
) f
WHERE w.id = f.work_id;
"""

# What each line must be, in one pass of a JSON path (no SQL per line):
# a known source, a fund's text, an amount from 0 to under a trillion, a
# number in its work. (Whole cents are the loop's below: PostgreSQL 15
# prints ``(@.a * 100).floor()`` without its parentheses, and a dump of the
# schema would not load again.)
_LINE_WRONG = " || ".join(
    (
        # A member a line lacks is no value at all, which no comparison finds.
        "!exists(@.k) || !exists(@.fund) || !exists(@.amount)",
        "!(" + " || ".join(f'@.source == "{s}"' for s in SOURCES) + ")",
        '@.fund.type() != "string"',
        '@.amount.type() != "number"',
        "@.amount < 0",
        "@.amount >= 1000000000000",
        '@.k.type() != "number"',
        "@.k < 0",
        f"@.k >= {LINES_PER_WORK}",
        "@.k.floor() != @.k",
    )
)
VALID = f"""
ALTER TABLE works_work ADD CONSTRAINT work_funding_lines_valid CHECK (
    jsonb_typeof(funding_lines) = 'array'
    AND jsonb_path_match(funding_lines, '!exists($[*] ? ({_LINE_WRONG}))')
);
"""

# What a CHECK cannot see, one work's lines together: one line per source
# and fund, per number, whole cents, a fund of at most 100 characters, and
# a sum equal to the work's total. A loop over a few lines: cheaper than
# any query.
LINES_OK = """
CREATE FUNCTION works_funding_lines_ok(lines jsonb, total numeric)
RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
    funded numeric := 0;
    amount numeric;
    line jsonb;
    other jsonb;
BEGIN
    FOR i IN 0 .. jsonb_array_length(lines) - 1 LOOP
        line := lines -> i;
        amount := (line ->> 'amount')::numeric;
        funded := funded + amount;
        IF length(line ->> 'fund') > 100 OR amount <> round(amount, 2) THEN
            RETURN false;
        END IF;
        FOR j IN 0 .. i - 1 LOOP
            other := lines -> j;
            IF line -> 'k' = other -> 'k' OR (line -> 'source' = other -> 'source'
                    AND line -> 'fund' = other -> 'fund') THEN
                RETURN false;
            END IF;
        END LOOP;
    END LOOP;
    RETURN funded = total;
END;
$fn$;
"""

# Run at COMMIT for a row written with lines that were not right, it raises
# (SQLSTATE 23505 for a repeated line, 23514 otherwise, as the table's
# constraints did) if the work's row, as the transaction leaves it, still
# is not.
ADDS_UP = """
CREATE FUNCTION works_funding_adds_up() RETURNS trigger AS $fn$
DECLARE
    work works_work%ROWTYPE;
    funded numeric;
BEGIN
    SELECT * INTO work FROM works_work w WHERE w.id = NEW.id;
    IF NOT FOUND OR works_funding_lines_ok(work.funding_lines, work.total_investment) THEN
        RETURN NULL;
    END IF;
    IF EXISTS (
        SELECT FROM jsonb_array_elements(work.funding_lines) l
        GROUP BY l -> 'source', l -> 'fund' HAVING count(*) > 1
    ) OR EXISTS (
        SELECT FROM jsonb_array_elements(work.funding_lines) l
        GROUP BY l -> 'k' HAVING count(*) > 1
    ) THEN
        RAISE EXCEPTION
            'duplicate key value violates unique constraint "funding_unique_source"'
            USING ERRCODE = '23505', CONSTRAINT = 'funding_unique_source',
            DETAIL = format('Work %s has two funding lines of one source and fund.',
                work.id);
    END IF;
    IF EXISTS (
        SELECT FROM jsonb_array_elements(work.funding_lines) l
        WHERE length(l ->> 'fund') > 100
    ) THEN
        RAISE EXCEPTION 'a fund of work % is longer than 100 characters', work.id
            USING ERRCODE = '23514';
    END IF;
    IF EXISTS (
        SELECT FROM jsonb_array_elements(work.funding_lines) l
        WHERE (l ->> 'amount')::numeric <> round((l ->> 'amount')::numeric, 2)
    ) THEN
        RAISE EXCEPTION 'an amount of work % is not in whole cents', work.id
            USING ERRCODE = '23514';
    END IF;
    SELECT coalesce(sum((l ->> 'amount')::numeric), 0) INTO funded
    FROM jsonb_array_elements(work.funding_lines) l;
    RAISE EXCEPTION
        'funding of work % adds up to % but its total investment is %',
        work.id, funded, work.total_investment
        USING ERRCODE = '23514';
END;
$fn$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER work_funding_adds_up
    AFTER INSERT OR UPDATE OF funding_lines, total_investment ON works_work
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NOT works_funding_lines_ok(NEW.funding_lines, NEW.total_investment))
    EXECUTE FUNCTION works_funding_adds_up();
"""

NO_NOTES = """
DROP TRIGGER works_funding_due_check ON works_funding_due;
DROP FUNCTION works_funding_due_check();
DROP FUNCTION works_funding_due_note(bigint[]);
DROP TABLE works_funding_due;
DROP TABLE works_funding_pending;
DROP TABLE works_funding;
DROP FUNCTION works_summary_funding_changed();
"""

# The lines as the table's rows were, and writes on them through the work.
VIEW = f"""
CREATE VIEW works_funding AS
SELECT w.id * {LINES_PER_WORK} + (l->>'k')::int AS id, w.id AS work_id,
    (l->>'source')::varchar(20) AS source, (l->>'fund')::varchar(100) AS fund,
    (l->>'amount')::numeric(14, 2) AS amount
FROM works_work w CROSS JOIN LATERAL jsonb_array_elements(w.funding_lines) AS l;

CREATE FUNCTION works_funding_written() RETURNS trigger AS $fn$
DECLARE
    line jsonb;
    used int[];
    k int;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.id IS DISTINCT FROM OLD.id
            OR NEW.work_id IS DISTINCT FROM OLD.work_id) THEN
        RAISE EXCEPTION 'a funding line keeps its key and its work'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        UPDATE works_work SET funding_lines = coalesce((
            SELECT jsonb_agg(l ORDER BY n) FROM
                jsonb_array_elements(funding_lines) WITH ORDINALITY AS e(l, n)
            WHERE (l->>'k')::int <> OLD.id - OLD.work_id * {LINES_PER_WORK}), '[]')
        WHERE id = OLD.work_id;
        RETURN OLD;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.id IS NOT NULL THEN
            RAISE EXCEPTION 'a funding line is numbered by its work'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT array_agg((l->>'k')::int) INTO used
        FROM works_work w, jsonb_array_elements(w.funding_lines) l
        WHERE w.id = NEW.work_id;
        k := coalesce((SELECT max(u) + 1 FROM unnest(used) u), 0);
        IF k >= {LINES_PER_WORK} THEN
            k := (SELECT min(n) FROM generate_series(0, {LINES_PER_WORK} - 1) n
                  WHERE n <> ALL(used));
        END IF;
        IF k IS NULL THEN
            RAISE EXCEPTION 'work % has {LINES_PER_WORK} funding lines', NEW.work_id
                USING ERRCODE = '23514';
        END IF;
        NEW.id := NEW.work_id * {LINES_PER_WORK} + k;
    ELSE
        k := OLD.id - OLD.work_id * {LINES_PER_WORK};
    END IF;
    NEW.fund := coalesce(NEW.fund, '');
    line := jsonb_build_object('k', k, 'source', NEW.source, 'fund', NEW.fund,
        'amount', NEW.amount);
    IF TG_OP = 'UPDATE' THEN
        UPDATE works_work SET funding_lines = (
            SELECT jsonb_agg(CASE WHEN (l->>'k')::int = k THEN line ELSE l END
                ORDER BY n)
            FROM jsonb_array_elements(funding_lines) WITH ORDINALITY AS e(l, n))
        WHERE id = NEW.work_id;
        RETURN NEW;
    END IF;
    IF EXISTS (
        SELECT FROM works_work w, jsonb_array_elements(w.funding_lines) l
        WHERE w.id = NEW.work_id
          AND l->>'source' = NEW.source AND l->>'fund' = NEW.fund
    ) THEN
        RAISE EXCEPTION
            'duplicate key value violates unique constraint "funding_unique_source"'
            USING ERRCODE = '23505', CONSTRAINT = 'funding_unique_source',
            DETAIL = format('Key (work_id, source, fund)=(%s, %s, %s) already exists.',
                NEW.work_id, NEW.source, NEW.fund);
    END IF;
    UPDATE works_work SET funding_lines = funding_lines || jsonb_build_array(line)
    WHERE id = NEW.work_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION
            'insert or update on table "works_funding" violates foreign key constraint'
            USING ERRCODE = '23503',
            DETAIL = format('Key (work_id)=(%s) is not present in table "works_work".',
                NEW.work_id);
    END IF;
    RETURN NEW;
END;
$fn$ LANGUAGE plpgsql;

CREATE TRIGGER works_funding_written
    INSTEAD OF INSERT OR UPDATE OR DELETE ON works_funding
    FOR EACH ROW EXECUTE FUNCTION works_funding_written();
"""

# The works' summary trigger as 0036 left it, its funding sums kept from the
# changed rows' lines: each work's money per source, added for its new row
# and subtracted for its old one (a source counts a work once however many
# funds it has).
_FUNDING_SUMS = f"""    EXECUTE format($sql$
        WITH changed AS (
            SELECT 1 AS sign, * FROM %1$s AS added
            UNION ALL SELECT -1, * FROM %2$s AS taken
        ), delta AS (
            SELECT {GROUP_OF.format(t="c")} AS published, m.source,
                   sum(c.sign * m.positive::int) AS works,
                   sum(c.sign * m.amount) AS amount
            FROM changed c CROSS JOIN LATERAL (
                SELECT l->>'source' AS source, sum((l->>'amount')::numeric) AS amount,
                       bool_or((l->>'amount')::numeric > 0) AS positive
                FROM jsonb_array_elements(c.funding_lines) AS l
                GROUP BY 1
            ) m
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
"""


def _summary_function() -> str:
    text = _0036.WORK
    start = text.index(
        "    IF TG_OP = 'UPDATE' THEN\n        -- Works that changed group"
    )
    end = text.index("    END IF;\n    RETURN NULL;", start) + len("    END IF;\n")
    return text[:start] + _FUNDING_SUMS + text[end:]


# The funding sums again, from the lines: derived, never typed.
REFILL = f"""
DELETE FROM works_fundingsummary;
INSERT INTO works_fundingsummary ({GROUP}, published, source, works, amount)
SELECT {GROUP_OF.format(t="w")}, m.source, count(*) FILTER (WHERE m.positive),
       sum(m.amount)
FROM works_work w CROSS JOIN LATERAL (
    SELECT l->>'source' AS source, sum((l->>'amount')::numeric) AS amount,
           bool_or((l->>'amount')::numeric > 0) AS positive
    FROM jsonb_array_elements(w.funding_lines) AS l GROUP BY 1
) m
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
"""

SCHEMA = VALID + LINES_OK + ADDS_UP + NO_NOTES + VIEW + _summary_function() + REFILL


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0036_work_phases"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="funding", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="funding", name="update_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="funding", name="delete_delete"),
        pgtrigger.migrations.RemoveTrigger(
            model_name="funding", name="funding_due_insert"
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="funding", name="funding_due_update"
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="funding", name="funding_due_delete"
        ),
        migrations.AlterModelOptions(
            name="funding",
            options={
                "managed": False,
                "ordering": ["work", "source", "fund"],
                "verbose_name": "fuente de financiamiento",
                "verbose_name_plural": "estructura financiera",
            },
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="work",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="work",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="work",
            name="delete_delete",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="work",
            name="work_funding_due_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="work",
            name="work_funding_due_update",
        ),
        migrations.AddField(
            model_name="work",
            name="funding_lines",
            field=models.JSONField(
                decoder=ruta.common.text.money.ExactJSONDecoder,
                encoder=ruta.common.text.money.ExactJSONEncoder,
                default=list,
                editable=False,
                verbose_name="estructura financiera",
            ),
        ),
        migrations.AddField(
            model_name="workevent",
            name="funding_lines",
            field=models.JSONField(
                decoder=ruta.common.text.money.ExactJSONDecoder,
                encoder=ruta.common.text.money.ExactJSONEncoder,
                editable=False,
                null=True,
                verbose_name="estructura financiera",
            ),
        ),
        migrations.RunSQL(FILL),
        pgtrigger.migrations.AddTrigger(
            model_name="work",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "works_workevent" ("as_of", "beneficiaries", "created", "description", "end_date", "executing_agency_id", "fiscal_year_id", "funding_lines", "id", "is_demo", "latitude", "locality", "longitude", "municipality_id", "origin", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "public_id", "published_at", "start_date", "state_id", "status", "subprogram_id", "title", "total_investment", "updated") SELECT new_values."as_of", new_values."beneficiaries", new_values."created", new_values."description", new_values."end_date", new_values."executing_agency_id", new_values."fiscal_year_id", new_values."funding_lines", new_values."id", new_values."is_demo", new_values."latitude", new_values."locality", new_values."longitude", new_values."municipality_id", new_values."origin", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."program_id", new_values."public_id", new_values."published_at", new_values."start_date", new_values."state_id", new_values."status", new_values."subprogram_id", new_values."title", new_values."total_investment", new_values."updated" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="36d2c5b560555d56e3951a2eab890d11f997ac38",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_550b6",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="works_work",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="work",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "works_workevent" ("as_of", "beneficiaries", "created", "description", "end_date", "executing_agency_id", "fiscal_year_id", "funding_lines", "id", "is_demo", "latitude", "locality", "longitude", "municipality_id", "origin", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "public_id", "published_at", "start_date", "state_id", "status", "subprogram_id", "title", "total_investment", "updated") SELECT new_values."as_of", new_values."beneficiaries", new_values."created", new_values."description", new_values."end_date", new_values."executing_agency_id", new_values."fiscal_year_id", new_values."funding_lines", new_values."id", new_values."is_demo", new_values."latitude", new_values."locality", new_values."longitude", new_values."municipality_id", new_values."origin", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."program_id", new_values."public_id", new_values."published_at", new_values."start_date", new_values."state_id", new_values."status", new_values."subprogram_id", new_values."title", new_values."total_investment", new_values."updated" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values."as_of" IS DISTINCT FROM (new_values."as_of") OR old_values."beneficiaries" IS DISTINCT FROM (new_values."beneficiaries") OR old_values."created" IS DISTINCT FROM (new_values."created") OR old_values."description" IS DISTINCT FROM (new_values."description") OR old_values."end_date" IS DISTINCT FROM (new_values."end_date") OR old_values."executing_agency_id" IS DISTINCT FROM (new_values."executing_agency_id") OR old_values."fiscal_year_id" IS DISTINCT FROM (new_values."fiscal_year_id") OR old_values."funding_lines" IS DISTINCT FROM (new_values."funding_lines") OR old_values."id" IS DISTINCT FROM (new_values."id") OR old_values."is_demo" IS DISTINCT FROM (new_values."is_demo") OR old_values."latitude" IS DISTINCT FROM (new_values."latitude") OR old_values."locality" IS DISTINCT FROM (new_values."locality") OR old_values."longitude" IS DISTINCT FROM (new_values."longitude") OR old_values."municipality_id" IS DISTINCT FROM (new_values."municipality_id") OR old_values."origin" IS DISTINCT FROM (new_values."origin") OR old_values."program_id" IS DISTINCT FROM (new_values."program_id") OR old_values."public_id" IS DISTINCT FROM (new_values."public_id") OR old_values."published_at" IS DISTINCT FROM (new_values."published_at") OR old_values."start_date" IS DISTINCT FROM (new_values."start_date") OR old_values."state_id" IS DISTINCT FROM (new_values."state_id") OR old_values."status" IS DISTINCT FROM (new_values."status") OR old_values."subprogram_id" IS DISTINCT FROM (new_values."subprogram_id") OR old_values."title" IS DISTINCT FROM (new_values."title") OR old_values."total_investment" IS DISTINCT FROM (new_values."total_investment") OR old_values."updated" IS DISTINCT FROM (new_values."updated")) ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="29c36cb76bbe5d5b09a77410a2c9046cfdd92152",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_69054",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="works_work",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="work",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "works_workevent" ("as_of", "beneficiaries", "created", "description", "end_date", "executing_agency_id", "fiscal_year_id", "funding_lines", "id", "is_demo", "latitude", "locality", "longitude", "municipality_id", "origin", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "public_id", "published_at", "start_date", "state_id", "status", "subprogram_id", "title", "total_investment", "updated") SELECT old_values."as_of", old_values."beneficiaries", old_values."created", old_values."description", old_values."end_date", old_values."executing_agency_id", old_values."fiscal_year_id", old_values."funding_lines", old_values."id", old_values."is_demo", old_values."latitude", old_values."locality", old_values."longitude", old_values."municipality_id", old_values."origin", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."program_id", old_values."public_id", old_values."published_at", old_values."start_date", old_values."state_id", old_values."status", old_values."subprogram_id", old_values."title", old_values."total_investment", old_values."updated" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;',
                    hash="d8996c6bd30180f97a7654a04566a2902d3aac41",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_5f90f",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="works_work",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunSQL(SCHEMA),
    ]
