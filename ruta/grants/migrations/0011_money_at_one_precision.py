"""Every amount at one precision, numeric(18, 2) (``common.fields.MoneyField``).

Only the declared precision grows (from 14 digits), the scale staying at two
places: PostgreSQL changes the type without rewriting the table or its
indexes.
"""

import ruta.common.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('grants', '0010_cycles_statuses'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agreement',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto convenido'),
        ),
        migrations.AlterField(
            model_name='agreementevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto convenido'),
        ),
        migrations.AlterField(
            model_name='allocationentry',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto asignado'),
        ),
        migrations.AlterField(
            model_name='allocationentryevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto asignado'),
        ),
        migrations.AlterField(
            model_name='budgetline',
            name='own_in_kind',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18, verbose_name='aportación no monetaria'),
        ),
        migrations.AlterField(
            model_name='budgetline',
            name='own_money',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18, verbose_name='aportación monetaria'),
        ),
        migrations.AlterField(
            model_name='budgetline',
            name='support',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='apoyo solicitado'),
        ),
        migrations.AlterField(
            model_name='budgetlineevent',
            name='own_in_kind',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18, verbose_name='aportación no monetaria'),
        ),
        migrations.AlterField(
            model_name='budgetlineevent',
            name='own_money',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18, verbose_name='aportación monetaria'),
        ),
        migrations.AlterField(
            model_name='budgetlineevent',
            name='support',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='apoyo solicitado'),
        ),
        migrations.AlterField(
            model_name='call',
            name='max_per_project',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto máximo por proyecto'),
        ),
        migrations.AlterField(
            model_name='callbudget',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='callbudgetevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='callevent',
            name='max_per_project',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto máximo por proyecto'),
        ),
        migrations.AlterField(
            model_name='cfdi',
            name='total',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='importe'),
        ),
        migrations.AlterField(
            model_name='cfdievent',
            name='total',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='importe'),
        ),
        migrations.AlterField(
            model_name='disbursement',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='disbursementevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='refund',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='refundevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='report',
            name='spent',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='ejercido'),
        ),
        migrations.AlterField(
            model_name='reportevent',
            name='spent',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='ejercido'),
        ),
    ]
