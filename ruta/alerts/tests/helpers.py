"""Small builders the alerts' tests share."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ruta.alerts.models import ChannelKind, Subscription, TargetKind
from ruta.alerts.selectors import target_resolve
from ruta.alerts.services import (
    SUBSCRIBER,
    subscription_confirm,
    subscription_request,
)
from ruta.alerts.tokens import confirm_token
from ruta.works.models import Work

ACTOR = SUBSCRIBER


def follow_by_email(work: Work, email: str, *, digest: bool = False) -> Subscription:
    """Return a confirmed e-mail subscription to ``work``."""
    target = target_resolve(TargetKind.WORK, work.public_id)
    pending = subscription_request(
        target=target,
        channel=ChannelKind.EMAIL,
        email=email,
        digest=digest,
        actor=ACTOR,
    )
    token = confirm_token(pending.pk, pending.confirm_nonce)
    return subscription_confirm(token=token, actor=ACTOR)


def link_path(text: str, fragment: str) -> str:
    """Return the path of the first absolute link in ``text`` with ``fragment``."""
    found = re.search(r"https?://[^\s<>]*" + re.escape(fragment) + r"[^\s<>]*", text)
    assert found, f"no link with {fragment!r} in {text!r}"
    return urlsplit(found[0]).path
