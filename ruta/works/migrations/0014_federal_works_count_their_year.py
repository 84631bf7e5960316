"""Federal works count their year's budget, not their cost over every year.

An imported federal (OPA) work used to take its lifetime investment as its
total and be filed under the year of its ANIO, or of the file when ANIO reads
"TOTAL": sums by fiscal year added whole multi-year projects into one year.
Its current publication now sets, as a new import would:

- the fiscal year: ANIO when it is a year, else CICLO (when in the catalog);
- the total and the one funding row: the year's modified federal budget, the
  approved one when no modification is printed (none when negative).

Runs through the audit triggers under one context naming the migration.
"""

import pghistory
from django.db import migrations

# Each federal work's current publication: its year's budget and fiscal year.
_CURRENT = """
    SELECT DISTINCT ON (p.work_id)
        p.work_id,
        CASE WHEN p.modified >= 0 THEN p.modified
             WHEN p.approved >= 0 THEN p.approved ELSE 0 END AS amount,
        CASE WHEN p.modified >= 0 THEN 'modificado'
             WHEN p.approved >= 0 THEN 'aprobado' END AS label,
        COALESCE(
            (SELECT y.year FROM catalog_fiscalyear y
             WHERE r.values->>'ANIO' ~ '^[0-9]{4}$'
               AND y.year = (r.values->>'ANIO')::int),
            (SELECT y.year FROM catalog_fiscalyear y
             WHERE NOT coalesce(r.values->>'ANIO', '') ~ '^[0-9]{4}$'
               AND r.values->>'CICLO' ~ '^[0-9]{4}$'
               AND y.year = (r.values->>'CICLO')::int),
            w.fiscal_year_id) AS year
    FROM works_workpublication p
    JOIN works_work w ON w.id = p.work_id AND w.origin = 'federal-opa'
    LEFT JOIN ingest_publishedrow r
      ON r.document_id = p.document_id AND r.table_id = 'works'
     AND r.row_number = p.row_number
    ORDER BY p.work_id, p.as_of DESC, p.document_id DESC
"""

# No temporary table: the roles set up after migrate take that right away.
_WORKS = f"""
    UPDATE works_work w SET total_investment = f.amount, fiscal_year_id = f.year
    FROM ({_CURRENT}) f
    WHERE w.id = f.work_id
      AND (w.total_investment, w.fiscal_year_id) IS DISTINCT FROM (f.amount, f.year)
"""  # noqa: S608 - fixed SQL, no input

_FUNDING_CLEAR = """
    DELETE FROM works_funding
    WHERE work_id IN (
        SELECT p.work_id FROM works_workpublication p
        JOIN works_work w ON w.id = p.work_id AND w.origin = 'federal-opa'
    )
"""

_FUNDING = f"""
    INSERT INTO works_funding (work_id, source, fund, amount)
    SELECT work_id, 'federal',
        'Presupuesto de Egresos de la Federación ' || year || ', ' || label, amount
    FROM ({_CURRENT}) f WHERE amount > 0
"""  # noqa: S608 - fixed SQL, no input


def _recount(apps, schema_editor):
    with (
        pghistory.context(change="0014_federal_works_count_their_year"),
        schema_editor.connection.cursor() as cursor,
    ):
        for statement in (_WORKS, _FUNDING_CLEAR, _FUNDING):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0013_audit_per_statement"),
        ("sources", "0008_audit_per_statement"),
    ]

    operations = [migrations.RunPython(_recount, migrations.RunPython.noop)]
