"""Each public-data table's version: that of the last transaction changing it.

The statement trigger notes the tables a transaction changes; the commit
trigger stamps them (``ruta.common.db.versioning.TABLE_VERSIONS_SQL``).
"""

from django.db import migrations

from ruta.common.db.versioning import TABLE_VERSIONS_DROP_SQL, TABLE_VERSIONS_SQL


class Migration(migrations.Migration):
    dependencies = [("common", "0004_audit_index")]

    operations = [migrations.RunSQL(TABLE_VERSIONS_SQL, TABLE_VERSIONS_DROP_SQL)]
