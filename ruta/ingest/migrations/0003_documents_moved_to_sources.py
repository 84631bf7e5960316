"""Hand the document models to ``sources``: Django's state only, no table changes.

``sources.0001`` adopted the tables under their names; every foreign key now
points at ``sources``; here ``ingest`` forgets them.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('ingest', '0002_finding_severity_info'),
        ('sources', '0001_adopt_document_tables'),
        ('works', '0003_source_document_in_sources'),
        ('indicators', '0003_source_document_in_sources'),
        ('programs', '0003_source_document_in_sources'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='SourceDocumentEvent'),
                migrations.DeleteModel(name='DocumentFinding'),
                migrations.DeleteModel(name='PublishedRow'),
                migrations.DeleteModel(name='SourceDocument'),
            ],
            database_operations=[],
        ),
    ]
