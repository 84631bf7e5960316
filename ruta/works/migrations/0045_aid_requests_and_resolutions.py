
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0006_catalogue_tracked'),
        ('works', '0044_release_kept_by_place'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='aid',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='aid',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='aid',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='aid',
            name='age_group',
            field=models.CharField(blank=True, choices=[('0-17', '0 a 17 años'), ('18-29', '18 a 29 años'), ('30-59', '30 a 59 años'), ('60+', '60 años o más')], help_text='Vacío cuando la recibe una institución o un municipio.', max_length=5, verbose_name='grupo de edad de quien la recibe'),
        ),
        migrations.AddField(
            model_name='aid',
            name='captured_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='capturó'),
        ),
        migrations.AddField(
            model_name='aid',
            name='decided_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='resuelta'),
        ),
        migrations.AddField(
            model_name='aid',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='resolvió'),
        ),
        migrations.AddField(
            model_name='aid',
            name='decision_note',
            field=models.TextField(blank=True, max_length=2000, verbose_name='motivo de la resolución'),
        ),
        migrations.AddField(
            model_name='aid',
            name='recipient_erased_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='nombre borrado'),
        ),
        migrations.AddField(
            model_name='aid',
            name='recipient_name',
            field=models.CharField(blank=True, help_text='Dato personal: nunca se publica y se borra al terminar su plazo de conservación.', max_length=200, verbose_name='nombre de quien la solicita'),
        ),
        migrations.AddField(
            model_name='aid',
            name='requested_on',
            field=models.DateField(blank=True, null=True, verbose_name='solicitada'),
        ),
        migrations.AddField(
            model_name='aid',
            name='status',
            field=models.CharField(choices=[('requested', 'Solicitada, por resolver'), ('granted', 'Otorgada'), ('denied', 'No procedente')], default='requested', max_length=10, verbose_name='estado'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='age_group',
            field=models.CharField(blank=True, choices=[('0-17', '0 a 17 años'), ('18-29', '18 a 29 años'), ('30-59', '30 a 59 años'), ('60+', '60 años o más')], help_text='Vacío cuando la recibe una institución o un municipio.', max_length=5, verbose_name='grupo de edad de quien la recibe'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='captured_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='capturó'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='decided_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='resuelta'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='decided_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='resolvió'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='decision_note',
            field=models.TextField(blank=True, max_length=2000, verbose_name='motivo de la resolución'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='recipient_erased_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='nombre borrado'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='recipient_name',
            field=models.CharField(blank=True, help_text='Dato personal: nunca se publica y se borra al terminar su plazo de conservación.', max_length=200, verbose_name='nombre de quien la solicita'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='requested_on',
            field=models.DateField(blank=True, null=True, verbose_name='solicitada'),
        ),
        migrations.AddField(
            model_name='aidevent',
            name='status',
            field=models.CharField(choices=[('requested', 'Solicitada, por resolver'), ('granted', 'Otorgada'), ('denied', 'No procedente')], default='requested', max_length=10, verbose_name='estado'),
        ),
        # The aids recorded before requests were captured on the site were
        # granted (read from published documents or the demo).
        migrations.RunSQL(
            "UPDATE works_aid SET status = 'granted';"
            " UPDATE works_aidevent SET status = 'granted';",
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name='aid',
            index=models.Index(condition=models.Q(('status', 'requested')), fields=['status', 'agency'], name='aid_pending'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='aid',
            trigger=pgtrigger.compiler.Trigger(name='aid_kept', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."status" IN (\'granted\', \'denied\'))', func="RAISE EXCEPTION 'pgtrigger: Cannot delete rows from % table', TG_TABLE_NAME;", hash='5185c3d65376ab588dfe5e83137f4f8e693f76d2', operation='DELETE', pgid='pgtrigger_aid_kept_ae891', table='works_aid', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='aid',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "works_aidevent" ("age_group", "agency_id", "amount", "beneficiaries", "captured_by_id", "concept", "created", "decided_at", "decided_by_id", "decision_note", "description", "fiscal_year_id", "granted_on", "id", "is_demo", "municipality_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recipient_erased_at", "recipient_name", "recipient_sex", "requested_on", "status") SELECT new_values."age_group", new_values."agency_id", new_values."amount", new_values."beneficiaries", new_values."captured_by_id", new_values."concept", new_values."created", new_values."decided_at", new_values."decided_by_id", new_values."decision_note", new_values."description", new_values."fiscal_year_id", new_values."granted_on", new_values."id", new_values."is_demo", new_values."municipality_id", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."public_id", new_values."recipient_erased_at", new_values."recipient_name", new_values."recipient_sex", new_values."requested_on", new_values."status" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;', hash='9cd448058cb24f1ff6f2795820661a36c3851897', level='STATEMENT', operation='INSERT', pgid='pgtrigger_insert_insert_b4217', referencing='REFERENCING NEW TABLE AS new_values ', table='works_aid', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='aid',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "works_aidevent" ("age_group", "agency_id", "amount", "beneficiaries", "captured_by_id", "concept", "created", "decided_at", "decided_by_id", "decision_note", "description", "fiscal_year_id", "granted_on", "id", "is_demo", "municipality_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recipient_erased_at", "recipient_name", "recipient_sex", "requested_on", "status") SELECT new_values."age_group", new_values."agency_id", new_values."amount", new_values."beneficiaries", new_values."captured_by_id", new_values."concept", new_values."created", new_values."decided_at", new_values."decided_by_id", new_values."decision_note", new_values."description", new_values."fiscal_year_id", new_values."granted_on", new_values."id", new_values."is_demo", new_values."municipality_id", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."public_id", new_values."recipient_erased_at", new_values."recipient_name", new_values."recipient_sex", new_values."requested_on", new_values."status" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values.* IS DISTINCT FROM new_values.*) ) AS new_values, _pgh_attached_context; RETURN NULL;', hash='02d5f0ddb2608e8cff9d9986f4cdac40002e2c96', level='STATEMENT', operation='UPDATE', pgid='pgtrigger_update_update_9309a', referencing='REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ', table='works_aid', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='aid',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "works_aidevent" ("age_group", "agency_id", "amount", "beneficiaries", "captured_by_id", "concept", "created", "decided_at", "decided_by_id", "decision_note", "description", "fiscal_year_id", "granted_on", "id", "is_demo", "municipality_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recipient_erased_at", "recipient_name", "recipient_sex", "requested_on", "status") SELECT old_values."age_group", old_values."agency_id", old_values."amount", old_values."beneficiaries", old_values."captured_by_id", old_values."concept", old_values."created", old_values."decided_at", old_values."decided_by_id", old_values."decision_note", old_values."description", old_values."fiscal_year_id", old_values."granted_on", old_values."id", old_values."is_demo", old_values."municipality_id", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."public_id", old_values."recipient_erased_at", old_values."recipient_name", old_values."recipient_sex", old_values."requested_on", old_values."status" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;', hash='15279ff5ce2edbc23b0c9d0176e113a154a1be01', level='STATEMENT', operation='DELETE', pgid='pgtrigger_delete_delete_71655', referencing='REFERENCING OLD TABLE AS old_values ', table='works_aid', when='AFTER')),
        ),
        migrations.AddConstraint(
            model_name='aid',
            constraint=models.CheckConstraint(condition=models.Q(('age_group__in', ['', '0-17', '18-29', '30-59', '60+'])), name='aid_age_group_known'),
        ),
        migrations.AddConstraint(
            model_name='aid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['requested', 'granted', 'denied'])), name='aid_status_known'),
        ),
        migrations.AddConstraint(
            model_name='aid',
            constraint=models.CheckConstraint(condition=models.Q(('decided_by__isnull', True), ('captured_by__isnull', True), models.Q(('decided_by', models.F('captured_by')), _negated=True), _connector='OR'), name='aid_decided_by_another'),
        ),
    ]
