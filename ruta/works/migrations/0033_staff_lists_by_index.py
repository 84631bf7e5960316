"""The staff's lists of works read by index at any number of works.

The works still without a committee were sorted whole for each request (2 s
and 440 MB of temporary files at a million works): the list's order is now
the works' own, year and folio, on every work, published or not, where the
public list's index held only the published ones. The capture desk's most
recently changed works get an index of their own.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0005_agency_kind_osc'),
        ('works', '0032_work_folio_any_case'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='work',
            name='work_published_order',
        ),
        migrations.AddIndex(
            model_name='work',
            index=models.Index(fields=['-fiscal_year', 'public_id'], name='work_year_order'),
        ),
        migrations.AddIndex(
            model_name='work',
            index=models.Index(fields=['-updated', 'public_id'], name='work_recently_changed'),
        ),
    ]
