"""Ceilings on what one client may do in a while: the one rate counter.

The API's requests a minute, sign-ups to alerts an hour (each sends an
e-mail to an address someone typed), problem reports an hour: each is a
count per client in fixed windows aligned to the clock, kept in Django's
cache, so every worker shares it when the cache is shared (Redis,
``RUTA_CACHE_URL``). The client's address is hashed in the key; the cache
never holds it.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

# A counter outlives its window by this much, so a late increment of the
# window's last second still finds it.
_GRACE_SECONDS = 5


@dataclass(frozen=True)
class RateCount:
    """A client's count in the current window, against its ceiling."""

    count: int
    limit: int
    reset: int  # seconds until the window ends

    @property
    def exceeded(self) -> bool:
        """Return whether the count went past the ceiling."""
        return self.count > self.limit

    @property
    def remaining(self) -> int:
        """Return how many more the client may make in this window."""
        return max(self.limit - self.count, 0)


def _window(scope: str, client: str, seconds: int) -> tuple[str, int]:
    """Return the cache key of ``client``'s current window and its seconds left."""
    now = time.time()
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    key = f"ruta:rate:{scope}:{digest}:{int(now // seconds)}"
    return key, seconds - int(now % seconds)


def rate_hit(scope: str, client: str, *, limit: int, seconds: int) -> RateCount:
    """Count one event of ``client`` in ``scope``'s current window; return the count.

    The count includes this event: ``exceeded`` says it went past ``limit``.
    """
    key, reset = _window(scope, client, seconds)
    if cache.add(key, 1, seconds + _GRACE_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, seconds + _GRACE_SECONDS)
            count = 1
    return RateCount(count, limit, reset)


def rate_seen(scope: str, client: str, *, limit: int, seconds: int) -> RateCount:
    """Return ``client``'s count in ``scope``'s current window, counting nothing.

    For a ceiling checked before the work and counted only when it was done
    (a refused report does not count).
    """
    key, reset = _window(scope, client, seconds)
    return RateCount(cache.get(key, 0), limit, reset)
