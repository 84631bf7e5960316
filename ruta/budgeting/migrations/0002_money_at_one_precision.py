"""Every amount at one precision, numeric(18, 2) (``common.fields.MoneyField``).

Only the declared precision grows (from 14, 16 or 17 digits), the scale
staying at two places: PostgreSQL changes the type without rewriting the
table or its indexes.
"""

import ruta.common.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('budgeting', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='period',
            name='ballot_budget',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='presupuesto por boleta'),
        ),
        migrations.AlterField(
            model_name='period',
            name='total_budget',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='presupuesto total'),
        ),
        migrations.AlterField(
            model_name='periodevent',
            name='ballot_budget',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='presupuesto por boleta'),
        ),
        migrations.AlterField(
            model_name='periodevent',
            name='total_budget',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='presupuesto total'),
        ),
        migrations.AlterField(
            model_name='proposal',
            name='assessed_cost',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='costo evaluado'),
        ),
        migrations.AlterField(
            model_name='proposal',
            name='estimated_cost',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='costo estimado'),
        ),
        migrations.AlterField(
            model_name='proposalevent',
            name='assessed_cost',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='costo evaluado'),
        ),
        migrations.AlterField(
            model_name='proposalevent',
            name='estimated_cost',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='costo estimado'),
        ),
    ]
