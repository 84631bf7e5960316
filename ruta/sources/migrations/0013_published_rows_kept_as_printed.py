"""Published rows' values kept as the JSON text they were written as.

``json`` instead of ``jsonb`` (``PrintedJSONField``): each row keeps its
cells in the order its document printed them, and an import no longer
builds the binary form of every row (half of the COPY of a federal file's
rows). The column is rewritten once.
"""

from django.db import migrations

import ruta.sources.models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0012_document_tables_kept"),
    ]

    operations = [
        migrations.AlterField(
            model_name="publishedrow",
            name="values",
            field=ruta.sources.models.PrintedJSONField(
                default=dict, verbose_name="valores"
            ),
        ),
    ]
