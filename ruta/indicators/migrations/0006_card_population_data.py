"""Cards computed over one kind of program say which, as data on the card."""

from django.db import migrations

# The computation that counted the works of the direct program by its code
# now counts the works of every program delivered directly.
RENAMED = {"direct-works-count": ("realized-works-count", "direct")}
POPULATIONS = {"released-per-approved": "concerted"}


def _cards(apps, schema_editor):
    """Return the cards through the migrating connection (the schema owner's)."""
    model = apps.get_model("indicators", "IndicatorCard")
    return model.objects.using(schema_editor.connection.alias)


def forwards(apps, schema_editor):
    cards = _cards(apps, schema_editor)
    for old, (new, population) in RENAMED.items():
        cards.filter(computation=old).update(
            computation=new, population=population
        )
    for computation, population in POPULATIONS.items():
        cards.filter(computation=computation, population="").update(
            population=population
        )


def backwards(apps, schema_editor):
    cards = _cards(apps, schema_editor)
    for old, (new, population) in RENAMED.items():
        cards.filter(computation=new, population=population).update(
            computation=old
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_card_population")]

    operations = [migrations.RunPython(forwards, backwards)]
