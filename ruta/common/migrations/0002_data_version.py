"""The data version row, bumped at commit by every transaction that changes data.

The statement triggers on each public-data table are added after migrate
(``ruta.common.db.versioning.version_triggers_install``).
"""

from django.db import migrations

from ruta.common.db.versioning import DROP_SQL, FUNCTIONS_SQL


class Migration(migrations.Migration):
    dependencies = [("common", "0001_audit_context_append_only")]

    operations = [migrations.RunSQL(FUNCTIONS_SQL, DROP_SQL)]
