"""A ceiling on sign-up requests per client address.

Each request sends an e-mail to an address someone typed, so a flood from
one address would turn the platform into a mail cannon; the ceiling
(``RUTA_ALERTS_SIGNUPS_PER_HOUR``) is per clock hour, counted by the
platform's one rate counter (``ruta.common.web.ratelimit``).
"""

from __future__ import annotations

from django.conf import settings

from ruta.common.web.ratelimit import rate_hit

WINDOW_SECONDS = 3600


def signup_allowed(address: str | None) -> bool:
    """Count a sign-up from ``address``; return False past the hourly ceiling."""
    count = rate_hit(
        "alerts-signups",
        address or "unknown",
        limit=settings.RUTA_ALERTS_SIGNUPS_PER_HOUR,
        seconds=WINDOW_SECONDS,
    )
    return not count.exceeded
