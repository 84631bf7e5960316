"""The works' and their publications' history keeps their keys without an index.

A work's events are read by work (``pgh_obj``) and by context, never by the
work's year, program, agency or place; a publication's by publication, never
by its work or file. Each of those ten indexes (eight on the works': a text
key has two) only cost every write of a work or a publication an entry
more, and a works import writes an event per work and per publication
(``ruta.common.audit.history.track_keys_unindexed``).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_agency_kind_osc"),
        ("sources", "0012_document_tables_kept"),
        ("works", "0033_staff_lists_by_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="workevent",
            name="executing_agency",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="catalog.agency",
                verbose_name="ejecutora",
            ),
        ),
        migrations.AlterField(
            model_name="workevent",
            name="fiscal_year",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="catalog.fiscalyear",
                verbose_name="ejercicio fiscal",
            ),
        ),
        migrations.AlterField(
            model_name="workevent",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                help_text="Vacío en obras de un estado entero, de varios o nacionales.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="catalog.municipality",
                verbose_name="municipio",
            ),
        ),
        migrations.AlterField(
            model_name="workevent",
            name="program",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="works.worksprogram",
                verbose_name="programa",
            ),
        ),
        migrations.AlterField(
            model_name="workevent",
            name="state",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                help_text="La entidad de una obra sin municipio; vacía si son varias.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="catalog.state",
                verbose_name="entidad federativa",
            ),
        ),
        migrations.AlterField(
            model_name="workevent",
            name="subprogram",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="works.subprogram",
                verbose_name="subprograma",
            ),
        ),
        migrations.AlterField(
            model_name="workpublicationevent",
            name="document",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="sources.sourcedocument",
                verbose_name="archivo",
            ),
        ),
        migrations.AlterField(
            model_name="workpublicationevent",
            name="work",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="works.work",
            ),
        ),
    ]
