"""Publications added: each one's work looked up by its key, as ``works.0036`` meant.

The trigger keeping a work's published figures (``works.0036``) joins the
publications a statement adds to their works, to find those added with
other figures than their works keep. The planner chose that join from the
works' statistics: on a table that held no work when last analysed (an
instance before its first import), it read the works in key order from the
first one and merged, so each chunk of a first import read every work
written before it: 0.43 s of a 100,000-row import, and growing with the
square of the file. Each work is now looked up by its key, whatever the
statistics say (the LIMIT keeps the lookup per publication): 0.18 s.
"""

from importlib import import_module

from django.db import migrations

_0036 = import_module("ruta.works.migrations.0036_work_phases")
TABLE = "works_workpublication"
ADDED_APART = """(
            SELECT DISTINCT n.work_id FROM new_rows n
            CROSS JOIN LATERAL (
                SELECT w.published_approved, w.published_modified,
                    w.published_paid
                FROM works_work w WHERE w.id = n.work_id LIMIT 1
            ) w
            WHERE (n.approved, n.modified, n.paid) IS DISTINCT FROM
                (w.published_approved, w.published_modified, w.published_paid)
        )"""


class Migration(migrations.Migration):
    dependencies = [("works", "0039_publication_keys_checked_by_statement")]

    operations = [
        migrations.RunSQL(
            _0036.input_function(TABLE, ADDED_APART, create="CREATE OR REPLACE"),
            _0036.input_function(TABLE, create="CREATE OR REPLACE"),
        )
    ]
