"""The scrape address for Prometheus, answered only to configured networks.

``/metrics/`` writes what ``ruta.common.ops.metrics`` declares, every process of
the machine summed. It answers the networks in ``RUTA_METRICS_ALLOWED``
(loopback alone unless set) and 404 to anyone else, as if it did not exist.
The client is the one ``ruta.common.ops.client`` names: behind a trusted proxy,
the address it reports; a request that carries ``X-Forwarded-For`` from a
proxy not trusted is refused, since the proxy's own (loopback) address
would otherwise let everyone behind it in. Never kept by a cache.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ruta.common.ops.client import _is_trusted, client_address
from ruta.common.ops.scrape import metrics_exposition

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _allowed(networks: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(network, strict=False) for network in networks)


def may_scrape(request: HttpRequest) -> bool:
    """Return whether the request comes from a network allowed to scrape."""
    peer = request.META.get("REMOTE_ADDR", "")
    if "HTTP_X_FORWARDED_FOR" in request.META and not _is_trusted(peer):
        return False
    try:
        address = ipaddress.ip_address(client_address(request) or "")
    except ValueError:
        return False
    networks = _allowed(tuple(settings.RUTA_METRICS_ALLOWED))
    return any(address in network for network in networks)


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Answer the metrics in Prometheus's text format, or 404 to others."""
    if not may_scrape(request):
        raise Http404("no such page")
    body, content_type = metrics_exposition()
    return HttpResponse(body, content_type=content_type)
