"""A ceiling on sign-up requests per client address, counted in the cache.

Each request sends an e-mail to an address someone typed, so a flood from
one address would turn the platform into a mail cannon; the ceiling
(``RUTA_ALERTS_SIGNUPS_PER_HOUR``) is per clock hour and shared by every
worker when the cache is (Redis).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

WINDOW_SECONDS = 3600


def signup_allowed(address: str | None) -> bool:
    """Count a sign-up from ``address``; return False past the hourly ceiling."""
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"alerts:signups:{address or 'unknown'}:{hour}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= settings.RUTA_ALERTS_SIGNUPS_PER_HOUR
