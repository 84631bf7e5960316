"""Mark the usage counts the demo wrote as demonstration data.

``ruta load-demo`` wrote them before a count carried the mark
(``ruta/demo/voice.py``): only into an empty table, a row of every day of
the 14 before the day it ran, in the same run that filed the demo's data
requests (marked by migration ``datarequests.0003``). So when a database
has those requests, nothing counted before that window and every day of
it counted, the window's counts are the demo's; otherwise the demo found
the site's own counts and wrote none, and nothing is marked.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

DEMO_DAYS = 14


def demo_counts_mark(apps, schema_editor):
    alias = schema_editor.connection.alias
    requests = apps.get_model("datarequests", "DataRequest").objects.using(alias)
    filed = (
        requests.filter(is_demo=True)
        .order_by("created")
        .values_list("created", flat=True)
        .first()
    )
    if filed is None:
        return
    loaded = timezone.localtime(filed).date()
    first = loaded - timedelta(days=DEMO_DAYS)
    counts = apps.get_model("usage", "DailyCount").objects.using(alias)
    window = counts.filter(day__gte=first, day__lt=loaded)
    days = window.values("day").distinct().count()
    if days == DEMO_DAYS and not counts.filter(day__lt=first).exists():
        window.update(is_demo=True)


class Migration(migrations.Migration):

    dependencies = [
        ("usage", "0002_dailycount_is_demo"),
        ("datarequests", "0003_demo_requests_marked"),
    ]

    operations = [
        migrations.RunPython(demo_counts_mark, migrations.RunPython.noop),
    ]
