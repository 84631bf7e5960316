"""Every amount at one precision, numeric(18, 2) (``common.fields.MoneyField``).

Only the declared precision grows (from 14, 16 or 17 digits), the scale
staying at two places: PostgreSQL changes the type without rewriting the
table or its indexes.
"""

import ruta.common.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounting', '0001_budget_statements'),
    ]

    operations = [
        migrations.AlterField(
            model_name='statementline',
            name='accrued',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='devengado'),
        ),
        migrations.AlterField(
            model_name='statementline',
            name='adjustments',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='ampliaciones y reducciones'),
        ),
        migrations.AlterField(
            model_name='statementline',
            name='approved',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='aprobado o estimado'),
        ),
        migrations.AlterField(
            model_name='statementline',
            name='balance',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='subejercicio o diferencia'),
        ),
        migrations.AlterField(
            model_name='statementline',
            name='modified',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='modificado'),
        ),
        migrations.AlterField(
            model_name='statementline',
            name='paid',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='pagado o recaudado'),
        ),
        migrations.AlterField(
            model_name='statementlineevent',
            name='accrued',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='devengado'),
        ),
        migrations.AlterField(
            model_name='statementlineevent',
            name='adjustments',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='ampliaciones y reducciones'),
        ),
        migrations.AlterField(
            model_name='statementlineevent',
            name='approved',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='aprobado o estimado'),
        ),
        migrations.AlterField(
            model_name='statementlineevent',
            name='balance',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='subejercicio o diferencia'),
        ),
        migrations.AlterField(
            model_name='statementlineevent',
            name='modified',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='modificado'),
        ),
        migrations.AlterField(
            model_name='statementlineevent',
            name='paid',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='pagado o recaudado'),
        ),
    ]
