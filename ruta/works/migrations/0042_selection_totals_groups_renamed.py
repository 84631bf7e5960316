"""The kept sums of selections name the money groups by their keys; the
group of works authorised but not released is now ``pending_release``
(``ruta.common.text.glossary.MoneyGroup``), so sums kept under its old key go.
They are sums of the data, made again by the next reader."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("works", "0041_subprogram_tracked")]

    operations = [
        migrations.RunSQL(
            "DELETE FROM works_selectiontotals", reverse_sql=migrations.RunSQL.noop
        )
    ]
