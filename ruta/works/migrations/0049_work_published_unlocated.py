# Built concurrently: a table of a million works keeps taking writes while
# the index of the works without coordinates is made.

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("works", "0048_work_published_located"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="work",
            index=models.Index(
                condition=models.Q(("published_at__isnull", False))
                & (
                    models.Q(("latitude__isnull", True))
                    | models.Q(("longitude__isnull", True))
                ),
                fields=["fiscal_year", "municipality", "status"],
                name="work_published_unlocated",
            ),
        ),
    ]
