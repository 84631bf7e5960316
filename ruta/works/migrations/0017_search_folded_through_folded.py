"""``Work.search_folded`` is now declared through ``ruta.common.text.search.folded``.

The column's SQL is the same (``translate(lower(…), …)``; PostgreSQL keeps
the expression parsed, so ``LOWER`` and ``lower`` are one function), and a
generated column cannot be altered in place: only the migration state
changes.
"""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0016_files_private_random_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="work",
                    name="search_folded",
                    field=models.GeneratedField(
                        db_persist=True,
                        expression=models.Func(
                            django.db.models.functions.text.Lower(
                                django.db.models.functions.text.Concat(
                                    "title",
                                    models.Value(" "),
                                    "locality",
                                    models.Value(" "),
                                    "description",
                                    output_field=models.TextField(),
                                )
                            ),
                            models.Value("áàäâéèëêíìïîóòöôúùüûñç"),
                            models.Value("aaaaeeeeiiiioooouuuunc"),
                            function="translate",
                            output_field=models.TextField(),
                        ),
                        output_field=models.TextField(),
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
