# The works' summary rows count the works without coordinates, so the map
# reads how many a selection has from a few hundred rows, never from every
# work of a state whose works mostly have no place.

from importlib import import_module

from django.db import migrations, models

_0022 = import_module("ruta.works.migrations.0022_work_summary_triggers")
_0031 = import_module("ruta.works.migrations.0031_funding_summary_by_index")
_0037 = import_module("ruta.works.migrations.0037_funding_on_the_work")

UNLOCATED = "(c.latitude IS NULL OR c.longitude IS NULL)::int"

WORK = _0031._replaced(
    _0037._summary_function(),
    (
        " AS overspent_works\n            FROM changed c",
        " AS overspent_works,\n"
        f"                   sum(c.sign * {UNLOCATED}) AS unlocated\n"
        "            FROM changed c",
    ),
    (
        "paid, overspent, overspent_works)",
        "paid, overspent, overspent_works,\n"
        "                                       unlocated)",
    ),
    (
        "OR overspent_works <> 0\n",
        "OR overspent_works <> 0 OR unlocated <> 0\n",
    ),
    (
        "overspent_works = works_worksummary.overspent_works"
        " + EXCLUDED.overspent_works\n",
        "overspent_works = works_worksummary.overspent_works"
        " + EXCLUDED.overspent_works,\n"
        "            unlocated = works_worksummary.unlocated + EXCLUDED.unlocated\n",
    ),
)

# The count again, from the works, while their writers wait: a write
# between the count and the new trigger would be counted by neither.
FILL = f"""
LOCK TABLE works_work IN SHARE MODE;
UPDATE works_worksummary s SET unlocated = u.works
FROM (
    SELECT {_0022.GROUP}, published_at IS NOT NULL AS published, count(*) AS works
    FROM works_work
    WHERE latitude IS NULL OR longitude IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
) u
WHERE (s.fiscal_year_id, s.program_id, s.subprogram_id, s.executing_agency_id,
       s.status, s.is_demo, s.published)
      = (u.fiscal_year_id, u.program_id, u.subprogram_id, u.executing_agency_id,
         u.status, u.is_demo, u.published)
  AND s.municipality_id IS NOT DISTINCT FROM u.municipality_id
  AND s.state_id IS NOT DISTINCT FROM u.state_id;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0049_work_published_unlocated"),
    ]

    operations = [
        migrations.AddField(
            model_name="worksummary",
            name="unlocated",
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunSQL(WORK + FILL, _0037._summary_function()),
    ]
