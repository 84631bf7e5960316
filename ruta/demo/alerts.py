"""The demo's followers: one by e-mail and one by WhatsApp, of the first work reported.

So that a new user who answers that work's problem report on the staff desk
sees both alerts go out: ``ruta worker`` sends them, and with no SMTP server
or WhatsApp token configured the e-mail backend and the console adapter
print them. The contacts are invented (an ``example.org`` address and a
number of the fictional 555 series); both subscriptions go through the
alerts app's own services, the e-mail one confirmed with its own link, and
both are marked as demonstration data (``is_demo``).
"""

from __future__ import annotations

from django.db import transaction

from ruta.accounts.actors import DEMO
from ruta.alerts.models import ChannelKind, Subscription, TargetKind
from ruta.alerts.selectors import target_resolve
from ruta.alerts.services import subscription_confirm, subscription_request
from ruta.alerts.tokens import confirm_token
from ruta.works.models import Work

DEMO_FOLLOWER_EMAIL = "seguidor@example.org"
DEMO_FOLLOWER_PHONE = "5215550100000"


@transaction.atomic
def alerts_demo_load() -> int:
    """Subscribe the demo followers if they are not yet; return how many were."""
    if Subscription.objects.filter(email=DEMO_FOLLOWER_EMAIL).exists():
        return 0
    work = Work.objects.demo().published().order_by("public_id").first()
    if work is None:
        return 0
    target = target_resolve(TargetKind.WORK, work.public_id)
    by_email = subscription_request(
        target=target,
        channel=ChannelKind.EMAIL,
        email=DEMO_FOLLOWER_EMAIL,
        is_demo=True,
        actor=DEMO,
    )
    subscription_confirm(
        token=confirm_token(by_email.pk, by_email.confirm_nonce), actor=DEMO
    )
    subscription_request(
        target=target,
        channel=ChannelKind.WHATSAPP,
        phone=DEMO_FOLLOWER_PHONE,
        is_demo=True,
        actor=DEMO,
    )
    return 2
