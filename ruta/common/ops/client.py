"""The address of the person behind a request, trusting only configured proxies.

Behind nginx every request comes from the proxy's address; the client's is
in ``X-Forwarded-For``, which anyone can also send. The header is read only
when the request comes from a proxy listed in ``RUTA_TRUSTED_PROXIES``, and
from the right: each hop a trusted proxy added is skipped, and the first
address no trusted proxy vouches for is the client. Login throttling and the
audit history both use this one function.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    networks = _trusted(tuple(settings.RUTA_TRUSTED_PROXIES))
    return any(ip in network for network in networks)


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str | None:
    """Return the client's address: the peer, or what trusted proxies report."""
    peer = request.META.get("REMOTE_ADDR") or None
    if peer is None or not _is_trusted(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _valid(hop):
            return peer  # a malformed chain: trust nothing beyond the proxy
        if not _is_trusted(hop):
            return hop
    return hops[0] if hops else peer
