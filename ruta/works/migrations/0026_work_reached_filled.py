"""Fill each work's marks and their sums from the works already stored.

From then on the triggers of ``0025`` keep them.
"""

from django.db import migrations

FILL = "SELECT works_reached_refresh(ARRAY(SELECT id FROM works_work ORDER BY id));"
EMPTY = "DELETE FROM works_reachedsummary; DELETE FROM works_workreached;"


class Migration(migrations.Migration):
    dependencies = [("works", "0025_work_reached_triggers")]

    operations = [migrations.RunSQL(FILL, EMPTY)]
