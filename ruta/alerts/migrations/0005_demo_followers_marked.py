"""Mark the follows the demo made up as demonstration data.

``ruta load-demo`` made them before a subscription carried the mark
(``ruta/demo/alerts.py``, ``ruta/demo/voice.py``), with these invented
contacts: ``example.org`` addresses and a number of the fictional 555
series, which no real follower has. An erased follow lost its contact and
stays unmarked.
"""

from django.db import migrations
from django.db.models import Q

DEMO_EMAILS = ("seguidor@example.org", "sigue-todo@example.org")
DEMO_PHONES = ("5215550100000",)


def demo_followers_mark(apps, schema_editor):
    subscriptions = apps.get_model("alerts", "Subscription").objects.using(
        schema_editor.connection.alias
    )
    subscriptions.filter(Q(email__in=DEMO_EMAILS) | Q(phone__in=DEMO_PHONES)).update(
        is_demo=True
    )


class Migration(migrations.Migration):

    dependencies = [
        ("alerts", "0004_subscription_is_demo"),
    ]

    operations = [
        migrations.RunPython(demo_followers_mark, migrations.RunPython.noop),
    ]
