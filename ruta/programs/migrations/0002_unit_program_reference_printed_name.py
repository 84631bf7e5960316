from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def names_from_references(apps, schema_editor):
    """Start each link with the reference's name: what the form showed so far."""
    link = apps.get_model("programs", "UnitProgramReference")
    reference = apps.get_model("programs", "PlanReference")
    alias = schema_editor.connection.alias
    name = reference.objects.filter(pk=OuterRef("reference_id")).values("name")[:1]
    link.objects.using(alias).update(printed_name=Subquery(name))


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0001_programs_goals_quarter_progress"),
    ]

    operations = [
        migrations.AddField(
            model_name="unitprogramreference",
            name="printed_name",
            field=models.CharField(
                blank=True, max_length=400, verbose_name="nombre impreso"
            ),
        ),
        migrations.RunPython(names_from_references, migrations.RunPython.noop),
    ]
