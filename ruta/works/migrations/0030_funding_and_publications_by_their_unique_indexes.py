"""Funding rows and publications are found by work through their unique indexes.

``funding_unique_source`` (work, source, fund) and
``work_publication_once_per_file`` (work, document) start with the work, so
they serve every lookup by work (a work's page, a cascade); the foreign
key's own index only cost its upkeep on every write (an import of 100,000
works writes 200,000 funding rows and 100,000 publications). Only the
indexes go: the foreign keys stay as they are, unchecked again.
"""

import django.db.models.deletion
from django.db import migrations, models

_INDEXES = {
    "works_funding": "works_funding_work_id_93649aee",
    "works_workpublication": "works_workpublication_work_id_e5ac3b32",
}


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0029_work_published_amount"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="funding",
                    name="work",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="funding",
                        to="works.work",
                    ),
                ),
                migrations.AlterField(
                    model_name="workpublication",
                    name="work",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="publications",
                        to="works.work",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    f'CREATE INDEX "{index}" ON "{table}" ("work_id")',
                )
                for table, index in _INDEXES.items()
            ],
        )
    ]
