"""Fill the works' summary rows from the works already stored.

From then on the triggers of ``0022`` keep them.
"""

from django.db import migrations

GROUP = (
    "fiscal_year_id, program_id, subprogram_id, executing_agency_id, "
    "municipality_id, state_id, status, is_demo"
)

FILL = f"""
INSERT INTO works_worksummary ({GROUP}, published, works, investment, beneficiaries)
SELECT {GROUP}, published_at IS NOT NULL, count(*), sum(total_investment),
       sum(beneficiaries)
FROM works_work
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

INSERT INTO works_fundingsummary ({GROUP}, published, source, works, amount)
SELECT {", ".join(f"w.{c.strip()}" for c in GROUP.split(","))},
       w.published_at IS NOT NULL, m.source,
       sum(m.positive::int), sum(m.amount)
FROM (
    SELECT work_id, source, sum(amount) AS amount, bool_or(amount > 0) AS positive
    FROM works_funding GROUP BY 1, 2
) AS m
JOIN works_work w ON w.id = m.work_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(m.positive::int) <> 0 OR sum(m.amount) <> 0;
"""

EMPTY = "DELETE FROM works_fundingsummary; DELETE FROM works_worksummary;"


class Migration(migrations.Migration):
    dependencies = [("works", "0022_work_summary_triggers")]

    operations = [migrations.RunSQL(FILL, EMPTY)]
