"""The functions of the foreign keys checked once per statement.

``ruta.common.statementkeys``: each key's own migration installs its
triggers.
"""

from django.db import migrations

from ruta.common.statementkeys import FUNCTIONS_DROP_SQL, FUNCTIONS_SQL


class Migration(migrations.Migration):
    dependencies = [("common", "0005_table_versions")]

    operations = [migrations.RunSQL(FUNCTIONS_SQL, FUNCTIONS_DROP_SQL)]
