"""A work's funding is checked once per transaction, for every work it touched.

Replaces the two per-row deferred constraint triggers (one call and one query
per work and per funding row) with:

- ``works_funding_pending``: the works a transaction touched, noted by the
  statement-level triggers of ``works.models.triggers``;
- ``works_funding_due``: one row per transaction with notes, whose deferred
  constraint trigger checks them all in one query at COMMIT (or at ``SET
  CONSTRAINTS ALL IMMEDIATE``), raising as before (SQLSTATE 23514) with the
  first work whose funding does not add up, then clears the notes;
- both tables marked owner-only (``ruta.common.db.roles`` revokes every right
  on them from the application's role) and written only by the two functions
  here, which run with the owner's rights.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

OWNER_ONLY = "ruta:owner-only (notes of the funding check)"

_CREATE = f"""
CREATE TABLE works_funding_pending (
    txid bigint NOT NULL,
    work_id bigint NOT NULL
);
CREATE INDEX works_funding_pending_txid ON works_funding_pending (txid);
CREATE TABLE works_funding_due (txid bigint PRIMARY KEY);
COMMENT ON TABLE works_funding_pending IS '{OWNER_ONLY}';
COMMENT ON TABLE works_funding_due IS '{OWNER_ONLY}';

CREATE FUNCTION works_funding_due_note(works bigint[]) RETURNS void AS $$
BEGIN
    IF cardinality(works) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO works_funding_pending (txid, work_id)
        SELECT txid_current(), work_id FROM unnest(works) AS work_id;
    INSERT INTO works_funding_due (txid) VALUES (txid_current())
        ON CONFLICT (txid) DO NOTHING;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public;

CREATE FUNCTION works_funding_due_check() RETURNS trigger AS $$
DECLARE
    target bigint;
    expected numeric;
    funded numeric;
BEGIN
    SELECT w.id, w.total_investment, COALESCE(SUM(f.amount), 0)
        INTO target, expected, funded
    FROM (SELECT DISTINCT work_id FROM works_funding_pending
          WHERE txid = NEW.txid) AS due
    JOIN works_work w ON w.id = due.work_id
    LEFT JOIN works_funding f ON f.work_id = w.id
    GROUP BY w.id, w.total_investment
    HAVING COALESCE(SUM(f.amount), 0) <> w.total_investment
    ORDER BY w.id
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION
            'funding of work % adds up to % but its total investment is %',
            target, funded, expected
            USING ERRCODE = '23514';
    END IF;
    DELETE FROM works_funding_pending WHERE txid = NEW.txid;
    DELETE FROM works_funding_due WHERE txid = NEW.txid;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public;

CREATE CONSTRAINT TRIGGER works_funding_due_check
    AFTER INSERT ON works_funding_due
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION works_funding_due_check();
"""

_DROP = """
DROP TRIGGER works_funding_due_check ON works_funding_due;
DROP FUNCTION works_funding_due_check();
DROP FUNCTION works_funding_due_note(bigint[]);
DROP TABLE works_funding_due;
DROP TABLE works_funding_pending;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0014_federal_works_count_their_year"),
    ]

    operations = [
        migrations.RunSQL(_CREATE, _DROP),
        pgtrigger.migrations.RemoveTrigger(
            model_name="funding",
            name="funding_adds_up",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="work",
            name="work_funding_adds_up",
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="funding",
            trigger=pgtrigger.compiler.Trigger(
                name="funding_due_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM works_funding_due_note(ARRAY(SELECT work_id FROM new_values));\nRETURN NULL;",
                    hash="79eff2f55b505a0286a8b43197e95051ae7eb9d6",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_funding_due_insert_8585a",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="works_funding",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="funding",
            trigger=pgtrigger.compiler.Trigger(
                name="funding_due_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM works_funding_due_note(ARRAY(SELECT work_id FROM new_values UNION SELECT work_id FROM old_values));\nRETURN NULL;",
                    hash="a165b907e943df63da6155c378b8da5b7cd3bcb5",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_funding_due_update_975bd",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="works_funding",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="funding",
            trigger=pgtrigger.compiler.Trigger(
                name="funding_due_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM works_funding_due_note(ARRAY(SELECT work_id FROM old_values));\nRETURN NULL;",
                    hash="96732bc36ee4cd86b734cd9b534f0b1c674aee1a",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_funding_due_delete_c1a85",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="works_funding",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="work",
            trigger=pgtrigger.compiler.Trigger(
                name="work_funding_due_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM works_funding_due_note(ARRAY(SELECT id FROM new_values));\nRETURN NULL;",
                    hash="b0fcfa42b985d9179b6a14ac1d84c0c7e917bb43",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_work_funding_due_insert_44743",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="works_work",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="work",
            trigger=pgtrigger.compiler.Trigger(
                name="work_funding_due_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM works_funding_due_note(ARRAY(SELECT n.id FROM new_values n JOIN old_values o ON o.id = n.id WHERE n.total_investment IS DISTINCT FROM o.total_investment));\nRETURN NULL;",
                    hash="60aa6d728ab620975586afa91489477a2096a950",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_work_funding_due_update_0743d",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="works_work",
                    when="AFTER",
                ),
            ),
        ),
    ]
