"""Adopt the document tables the ``ingest`` app created, without touching them.

The models moved to ``sources`` (the layer below every domain app); their
tables keep their names, so this migration only changes Django's state.
"""

import django.db.models.deletion
import django.utils.timezone
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalog', '0001_initial'),
        ('ingest', '0002_finding_severity_info'),
        ('pghistory', '0007_auto_20250421_0444'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SourceDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sha256', models.CharField(max_length=64, unique=True, verbose_name='SHA-256')),
                        ('kind', models.CharField(choices=[('cecop-annual-report', 'Informe Anual de Resultados (CECOP)'), ('poa-tmm-f004', 'Avance del POA, formato TMM-F004')], max_length=40, verbose_name='tipo')),
                        ('name', models.CharField(max_length=255, verbose_name='nombre del archivo')),
                        ('imported_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='importado el')),
                        ('summary', models.JSONField(blank=True, default=dict, verbose_name='resumen')),
                        ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='catalog.agency', verbose_name='dependencia o entidad')),
                        ('fiscal_year', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='catalog.fiscalyear', verbose_name='ejercicio fiscal')),
                        ('imported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='importado por')),
                    ],
                    options={
                        'db_table': 'ingest_sourcedocument',
                        'verbose_name': 'documento fuente',
                        'verbose_name_plural': 'documentos fuente',
                        'ordering': ['-imported_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PublishedRow',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('table_id', models.CharField(max_length=60, verbose_name='tabla')),
                        ('title', models.CharField(blank=True, max_length=300, verbose_name='título de la tabla')),
                        ('program', models.CharField(blank=True, max_length=20, verbose_name='programa')),
                        ('dimension', models.CharField(blank=True, max_length=20, verbose_name='dimensión')),
                        ('row_number', models.PositiveIntegerField(verbose_name='renglón')),
                        ('line', models.PositiveIntegerField(verbose_name='línea')),
                        ('label', models.CharField(blank=True, max_length=500, verbose_name='etiqueta')),
                        ('values', models.JSONField(default=dict, verbose_name='valores')),
                        ('is_total', models.BooleanField(default=False, verbose_name='renglón de total')),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rows', to='sources.sourcedocument')),
                    ],
                    options={
                        'db_table': 'ingest_publishedrow',
                        'verbose_name': 'renglón publicado',
                        'verbose_name_plural': 'renglones publicados',
                        'ordering': ['document', 'table_id', 'row_number'],
                    },
                ),
                migrations.CreateModel(
                    name='DocumentFinding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=60, verbose_name='código')),
                        ('message', models.TextField(verbose_name='mensaje')),
                        ('where', models.TextField(verbose_name='dónde')),
                        ('values', models.JSONField(blank=True, default=dict, verbose_name='valores')),
                        ('severity', models.CharField(choices=[('info', 'Nota'), ('warning', 'Advertencia'), ('error', 'Error')], default='warning', max_length=10, verbose_name='gravedad')),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='sources.sourcedocument')),
                    ],
                    options={
                        'db_table': 'ingest_documentfinding',
                        'verbose_name': 'hallazgo',
                        'verbose_name_plural': 'hallazgos',
                        'ordering': ['document', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='SourceDocumentEvent',
                    fields=[
                        ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                        ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                        ('pgh_label', models.TextField(help_text='The event label.')),
                        ('id', models.BigIntegerField()),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                        ('kind', models.CharField(choices=[('cecop-annual-report', 'Informe Anual de Resultados (CECOP)'), ('poa-tmm-f004', 'Avance del POA, formato TMM-F004')], max_length=40, verbose_name='tipo')),
                        ('name', models.CharField(max_length=255, verbose_name='nombre del archivo')),
                        ('imported_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='importado el')),
                        ('summary', models.JSONField(blank=True, default=dict, verbose_name='resumen')),
                        ('agency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='catalog.agency', verbose_name='dependencia o entidad')),
                        ('fiscal_year', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='catalog.fiscalyear', verbose_name='ejercicio fiscal')),
                        ('imported_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='importado por')),
                        ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                        ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='sources.sourcedocument')),
                    ],
                    options={
                        'abstract': False,
                        'db_table': 'ingest_sourcedocumentevent',
                    },
                ),
                migrations.AddConstraint(
                    model_name='sourcedocument',
                    constraint=models.CheckConstraint(condition=models.Q(('sha256__regex', '^[0-9a-f]{64}$')), name='source_document_sha256_hex'),
                ),
                pgtrigger.migrations.AddTrigger(
                    model_name='sourcedocument',
                    trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "ingest_sourcedocumentevent" ("agency_id", "fiscal_year_id", "id", "imported_at", "imported_by_id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "sha256", "summary") VALUES (NEW."agency_id", NEW."fiscal_year_id", NEW."id", NEW."imported_at", NEW."imported_by_id", NEW."kind", NEW."name", _pgh_attach_context(), clock_timestamp(), \'insert\', NEW."id", NEW."sha256", NEW."summary"); RETURN NULL;', hash='7431172231a2584d3ed4395e88696dc378fa90f8', operation='INSERT', pgid='pgtrigger_insert_insert_25d24', table='ingest_sourcedocument', when='AFTER')),
                ),
                pgtrigger.migrations.AddTrigger(
                    model_name='sourcedocument',
                    trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "ingest_sourcedocumentevent" ("agency_id", "fiscal_year_id", "id", "imported_at", "imported_by_id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "sha256", "summary") VALUES (NEW."agency_id", NEW."fiscal_year_id", NEW."id", NEW."imported_at", NEW."imported_by_id", NEW."kind", NEW."name", _pgh_attach_context(), clock_timestamp(), \'update\', NEW."id", NEW."sha256", NEW."summary"); RETURN NULL;', hash='6a14e1f6d5e283b5a2b1e0c5027a94f7fcbcce0c', operation='UPDATE', pgid='pgtrigger_update_update_fb5d3', table='ingest_sourcedocument', when='AFTER')),
                ),
                migrations.AddConstraint(
                    model_name='publishedrow',
                    constraint=models.UniqueConstraint(fields=('document', 'table_id', 'row_number'), name='published_row_unique_place'),
                ),
                pgtrigger.migrations.AddTrigger(
                    model_name='sourcedocumentevent',
                    trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='b8d79de32817712d3ea50ab0a9e6a14634811e3d', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_e1d79', table='ingest_sourcedocumentevent', when='BEFORE')),
                ),
            ],
            database_operations=[],
        ),
    ]
