# Built concurrently: a table of a million works keeps taking writes while
# its index is made.

import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("works", "0031_funding_summary_by_index"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="work",
            index=models.Index(
                django.db.models.functions.text.Upper("public_id"),
                name="work_folio_any_case",
            ),
        ),
    ]
