"""Liveness and readiness for load balancers and monitors (docs/deploy.md).

``/health/live/`` answers as long as the process serves requests and
touches nothing else: a node that fails it is restarted. ``/health/ready/``
runs the checks ``ruta.common.ops.health`` declares and answers 200 when all
pass, 503 when any fails, within two seconds: a node that fails it is taken
out of the upstream until it passes again. Both are JSON, never kept by a
cache. Anyone learns up or down; only a signed-in administrator learns which
component failed and why (an address, a port or a bucket's name is nobody
else's business).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from asgiref.sync import sync_to_async
from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck, HealthCheckResult
from health_check.views import HealthCheckView

from ruta.accounts.permissions import is_administrator
from ruta.common.ops.health import readiness_checks

# The checks' threads, shared by the requests of the process: a component
# that hangs holds at most these, and a probe that finds them all held
# times out (and answers 503) instead of starting more.
_EXECUTOR = ThreadPoolExecutor(max_workers=8, thread_name_prefix="ruta-health")


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """Answer that the process serves requests."""
    return JsonResponse({"status": "up"})


class ReadyView(HealthCheckView):
    """Run the readiness checks; 200 when all pass, 503 otherwise."""

    http_method_names = ["get", "head"]

    def get_checks(self) -> Any:  # the library's generator of checks
        return readiness_checks()

    def get_executor(self) -> AbstractContextManager[Any]:
        return nullcontext(_EXECUTOR)

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        results: list[HealthCheckResult] = await asyncio.gather(
            *(check.get_result(_EXECUTOR) for check in self.get_checks())
        )
        up = not any(result.error for result in results)
        body: dict[str, Any] = {"status": "up" if up else "down"}
        user = await request.auser()
        if user.is_authenticated and await sync_to_async(is_administrator)(user):
            body["checks"] = {_name(result.check): _state(result) for result in results}
        response = JsonResponse(body, status=200 if up else 503)
        add_never_cache_headers(response)
        return response


def _name(check: HealthCheck) -> str:
    labels = check.labels
    alias = labels.get("alias")
    return f"{labels['check']}:{alias}" if alias else labels["check"]


def _state(result: HealthCheckResult) -> dict[str, Any]:
    return {
        "up": result.error is None,
        "error": str(result.error) if result.error else "",
        "seconds": round(result.time_taken, 3),
    }


ready = ReadyView.as_view()
