"""Aspects attended before their day was kept get it from their history.

The day is the first one, in the instance's time zone, on which a recorded
version of the aspect reached the attended progress. An aspect whose history
never shows it (loaded already attended) keeps no day, and the calendar and
the evaluations page go on saying it was attended without a recorded day.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.db.models import OuterRef, Subquery

# Frozen here: ``rules.ASPECT_ATTENDED_PROGRESS`` when this was written.
ATTENDED_PROGRESS = 100
BATCH = 500


def attended_on_from_history(apps, schema_editor):
    alias = schema_editor.connection.alias
    aspect_model = apps.get_model("indicators", "ImprovementAspect")
    event_model = apps.get_model("indicators", "ImprovementAspectEvent")
    zone = ZoneInfo(settings.TIME_ZONE)
    first_attended = (
        event_model.objects.using(alias)
        .filter(pgh_obj_id=OuterRef("pk"), progress__gte=ATTENDED_PROGRESS)
        .order_by("pgh_created_at", "pgh_id")
        .values("pgh_created_at")[:1]
    )
    undated = aspect_model.objects.using(alias).filter(
        progress__gte=ATTENDED_PROGRESS, attended_on__isnull=True
    )
    last = 0
    while True:
        batch = list(
            undated.filter(pk__gt=last)
            .annotate(first_attended=Subquery(first_attended))
            .order_by("pk")
            .only("pk")[:BATCH]
        )
        if not batch:
            return
        last = batch[-1].pk
        dated = [aspect for aspect in batch if aspect.first_attended is not None]
        for aspect in dated:
            aspect.attended_on = aspect.first_attended.astimezone(zone).date()
        aspect_model.objects.using(alias).bulk_update(dated, ["attended_on"])


class Migration(migrations.Migration):
    dependencies = [("indicators", "0012_aspect_attended_on")]

    operations = [
        migrations.RunPython(attended_on_from_history, migrations.RunPython.noop)
    ]
