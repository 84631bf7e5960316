# Built concurrently: a table of a million works keeps taking writes while
# the index of its demonstration works (none on a real instance) is made.

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("works", "0051_aid_recipient_rfc"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="work",
            index=models.Index(
                condition=models.Q(("is_demo", True)),
                fields=["id"],
                name="work_demo",
            ),
        ),
    ]
