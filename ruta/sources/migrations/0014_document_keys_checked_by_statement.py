"""A published row's and a finding's document, checked once per statement.

An import writes a published row for every row of its file and a finding
for many, all naming one document: checked row by row, 100,000 rows' keys
took most of a second (``ruta.common.statementkeys``).
"""

import django.db.models.deletion
from django.db import migrations

import ruta.common.statementkeys
from ruta.common.statementkeys import statement_key_create, statement_key_drop

_KEYS = (
    ("ingest_publishedrow", "document_id", "ingest_sourcedocument"),
    ("ingest_documentfinding", "document_id", "ingest_sourcedocument"),
)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0006_keys_checked_by_statement"),
        ("sources", "0013_published_rows_kept_as_printed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="documentfinding",
            name="document",
            field=ruta.common.statementkeys.StatementCheckedForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="sources.sourcedocument",
            ),
        ),
        migrations.AlterField(
            model_name="publishedrow",
            name="document",
            field=ruta.common.statementkeys.StatementCheckedForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="rows",
                to="sources.sourcedocument",
            ),
        ),
        *(
            migrations.RunSQL(statement_key_create(*key), statement_key_drop(*key))
            for key in _KEYS
        ),
    ]
