"""Published rows are found by document through their unique index.

``published_row_unique_place`` (document, table, row) starts with the
document, so it serves every lookup by document (a document's page, a
cascade); the foreign key's own index only cost its upkeep on every row an
import writes. Only the index goes: the foreign key stays, unchecked again.
"""

import django.db.models.deletion
from django.db import migrations, models

_INDEX = "ingest_publishedrow_document_id_dd08a25c"


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0010_budget_statements"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="publishedrow",
                    name="document",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rows",
                        to="sources.sourcedocument",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{_INDEX}"',
                    f'CREATE INDEX "{_INDEX}" ON "ingest_publishedrow" ("document_id")',
                )
            ],
        )
    ]
