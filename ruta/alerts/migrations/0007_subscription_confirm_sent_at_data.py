"""Date the links of subscriptions waiting for confirmation.

A pending subscription's link was sent when it was requested, so its
``confirm_sent_at`` is its ``created``; an address's next request then finds
its current link and reuses it or replaces it (``services._confirmation_ask``).
"""

from django.db import migrations
from django.db.models import F


def pending_links_dated(apps, schema_editor):
    subscriptions = apps.get_model("alerts", "Subscription").objects.using(
        schema_editor.connection.alias
    )
    subscriptions.filter(state="pending", confirm_sent_at__isnull=True).exclude(
        confirm_nonce=""
    ).update(confirm_sent_at=F("created"))


class Migration(migrations.Migration):

    dependencies = [
        ("alerts", "0006_subscription_confirm_sent_at"),
    ]

    operations = [
        migrations.RunPython(pending_links_dated, migrations.RunPython.noop),
    ]
