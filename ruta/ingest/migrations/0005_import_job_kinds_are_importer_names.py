"""Background jobs record the importer's one name (``ruta.ingest.importers``).

Jobs of the CECOP report were recorded as ``cecop`` while the command and
the registry call the kind ``cecop-report``; the other kinds already match.
"""

from django.db import migrations

RENAMED = {"cecop": "cecop-report"}


def forwards(apps, schema_editor):
    ImportJob = apps.get_model("ingest", "ImportJob")
    for old, new in RENAMED.items():
        ImportJob.objects.using(schema_editor.connection.alias).filter(kind=old).update(kind=new)


def backwards(apps, schema_editor):
    ImportJob = apps.get_model("ingest", "ImportJob")
    for old, new in RENAMED.items():
        ImportJob.objects.using(schema_editor.connection.alias).filter(kind=new).update(kind=old)


class Migration(migrations.Migration):
    dependencies = [("ingest", "0004_import_jobs")]

    operations = [migrations.RunPython(forwards, backwards)]
