"""A publication's document and work, checked once per statement.

An import writes a publication for every work of its file, all naming one
document: each key checked row by row took 0.3–0.7 s of 100,000 rows
(``ruta.common.statementkeys``).
"""

import django.db.models.deletion
from django.db import migrations

import ruta.common.statementkeys
from ruta.common.statementkeys import statement_key_create, statement_key_drop

_KEYS = (
    ("works_workpublication", "document_id", "ingest_sourcedocument"),
    ("works_workpublication", "work_id", "works_work"),
)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0006_keys_checked_by_statement"),
        ("sources", "0014_document_keys_checked_by_statement"),
        ("works", "0038_funding_lines_indexed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="workpublication",
            name="document",
            field=ruta.common.statementkeys.StatementCheckedForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="work_publications",
                to="sources.sourcedocument",
                verbose_name="archivo",
            ),
        ),
        migrations.AlterField(
            model_name="workpublication",
            name="work",
            field=ruta.common.statementkeys.StatementCheckedForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="publications",
                to="works.work",
            ),
        ),
        *(
            migrations.RunSQL(statement_key_create(*key), statement_key_drop(*key))
            for key in _KEYS
        ),
    ]
