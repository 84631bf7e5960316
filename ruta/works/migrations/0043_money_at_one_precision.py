"""Every amount at one precision, numeric(18, 2) (``common.fields.MoneyField``).

Only the declared precision grows (from 14, 16 or 17 digits), the scale
staying at two places: PostgreSQL changes the type without rewriting the
table or its indexes. The trigger that checks a work's funding adds up
names the total investment among its columns, which PostgreSQL will not
retype under it: it is dropped first and created again, as migration 0037
wrote it, last.
"""

import ruta.common.fields
from django.db import migrations


FUNDING_TRIGGER = """
CREATE CONSTRAINT TRIGGER work_funding_adds_up
    AFTER INSERT OR UPDATE OF funding_lines, total_investment ON works_work
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NOT works_funding_lines_ok(NEW.funding_lines, NEW.total_investment))
    EXECUTE FUNCTION works_funding_adds_up();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('works', '0042_selection_totals_groups_renamed'),
    ]

    operations = [
        migrations.RunSQL(
            "DROP TRIGGER work_funding_adds_up ON works_work;",
            reverse_sql=FUNDING_TRIGGER,
        ),
        migrations.AlterField(
            model_name='aid',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='aidevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='budgetmodification',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='ampliación (+) o reducción (−)'),
        ),
        migrations.AlterField(
            model_name='budgetmodificationevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='ampliación (+) o reducción (−)'),
        ),
        migrations.AlterField(
            model_name='contract',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='contractevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='contractingaward',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True),
        ),
        migrations.AlterField(
            model_name='contractingawardevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True),
        ),
        migrations.AlterField(
            model_name='contractingcontract',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='contractingcontractevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='contractingpayment',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='contractingpaymentevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='contractingprocess',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='contractingprocessevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, null=True, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='emergencyaction',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='inversión estatal'),
        ),
        migrations.AlterField(
            model_name='emergencyactionevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='inversión estatal'),
        ),
        migrations.AlterField(
            model_name='fundingevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='fundingsummary',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18),
        ),
        migrations.AlterField(
            model_name='payment',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='paymentevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto'),
        ),
        migrations.AlterField(
            model_name='progress',
            name='amount_paid',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto pagado acumulado'),
        ),
        migrations.AlterField(
            model_name='progressevent',
            name='amount_paid',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='monto pagado acumulado'),
        ),
        migrations.AlterField(
            model_name='statedbudget',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='presupuesto autorizado (pesos)'),
        ),
        migrations.AlterField(
            model_name='statedbudgetevent',
            name='amount',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='presupuesto autorizado (pesos)'),
        ),
        migrations.AlterField(
            model_name='work',
            name='total_investment',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='inversión total'),
        ),
        migrations.AlterField(
            model_name='workevent',
            name='total_investment',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18, verbose_name='inversión total'),
        ),
        migrations.AlterField(
            model_name='workpublication',
            name='approved',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='aprobado'),
        ),
        migrations.AlterField(
            model_name='workpublication',
            name='modified',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='modificado'),
        ),
        migrations.AlterField(
            model_name='workpublication',
            name='paid',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='ejercido'),
        ),
        migrations.AlterField(
            model_name='workpublication',
            name='total_investment',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='monto total de inversión'),
        ),
        migrations.AlterField(
            model_name='workpublicationevent',
            name='approved',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='aprobado'),
        ),
        migrations.AlterField(
            model_name='workpublicationevent',
            name='modified',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='modificado'),
        ),
        migrations.AlterField(
            model_name='workpublicationevent',
            name='paid',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='ejercido'),
        ),
        migrations.AlterField(
            model_name='workpublicationevent',
            name='total_investment',
            field=ruta.common.fields.MoneyField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='monto total de inversión'),
        ),
        migrations.AlterField(
            model_name='worksummary',
            name='approved',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.AlterField(
            model_name='worksummary',
            name='investment',
            field=ruta.common.fields.MoneyField(decimal_places=2, max_digits=18),
        ),
        migrations.AlterField(
            model_name='worksummary',
            name='modified',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.AlterField(
            model_name='worksummary',
            name='overspent',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.AlterField(
            model_name='worksummary',
            name='paid',
            field=ruta.common.fields.MoneyField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.RunSQL(
            FUNDING_TRIGGER,
            reverse_sql="DROP TRIGGER work_funding_adds_up ON works_work;",
        ),
    ]
