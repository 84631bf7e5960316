"""One JSON line per request and per job, tied to the audit history by an id.

Every request gets an id: nginx's (``X-Request-ID``, sent by a trusted
proxy, ``deploy/nginx/ruta_proxy.conf``) or a new one. It is answered in the
``X-Request-ID`` header, shown on the error pages so a person can quote it,
written into every audit event of the request (``AuditContextMiddleware``)
and carried into the jobs the request queues (``job_defer``), whose lines
and audit events carry it too. Each line says who acted by the account's id,
never a name or a mail address; the client's address is personal data and
stays out unless ``RUTA_LOG_ADDRESSES=truncated``, which keeps its network
only (an IPv4 /24, an IPv6 /48; docs/deploy.md).
"""

from __future__ import annotations

import inspect
import ipaddress
import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from ruta.common.ops import metrics
from ruta.common.ops.client import _is_trusted, client_address

HEADER = "X-Request-ID"
# The job argument a queued job carries its request's id in; the worker takes
# it off before the task runs (``job_request_id``).
JOB_ARGUMENT = "_request_id"
_CURRENT: ContextVar[str] = ContextVar("ruta_request_id", default="")
# nginx's $request_id is 32 hex digits; anything else is made anew.
_INCOMING = re.compile(r"^[0-9a-f]{32}$")

requests_logger = logging.getLogger("ruta.requests")
jobs_logger = logging.getLogger("ruta.jobs")


def current_request_id() -> str:
    """Return the id of the request or job being served ("" outside both)."""
    return _CURRENT.get()


@contextmanager
def request_id_held(request_id: str) -> Iterator[str]:
    """Make ``request_id`` the current one for the block."""
    token = _CURRENT.set(request_id)
    try:
        yield request_id
    finally:
        _CURRENT.reset(token)


def _request_id_of(request: HttpRequest) -> str:
    sent = request.META.get("HTTP_X_REQUEST_ID", "")
    peer = request.META.get("REMOTE_ADDR", "")
    if _INCOMING.match(sent) and _is_trusted(peer):
        return sent
    return uuid.uuid4().hex


def truncated_address(address: str | None) -> str | None:
    """Return the network of ``address``: its /24 (IPv4) or /48 (IPv6)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def _actor(request: HttpRequest) -> int | None:
    """Return the signed-in account's id, if the request already read it.

    A user the view never looked at is not loaded here: the line costs no query.
    """
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if user is None or wrapped is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Give the request its id, answer it in a header and log one line.

    Outermost, so the line times the whole answer and every layer inside sees
    the id.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _request_id_of(request)
        request.request_id = request_id  # type: ignore[attr-defined]  # read by the error pages
        started = time.perf_counter()
        with request_id_held(request_id):
            response = self.get_response(request)
            response[HEADER] = request_id
            fields: dict[str, Any] = {
                "event": "request",
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "view": getattr(request.resolver_match, "view_name", None),
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "actor": _actor(request),
            }
            if settings.RUTA_LOG_ADDRESSES == "truncated":
                fields["client"] = truncated_address(client_address(request))
            requests_logger.info("request", extra={"fields": fields})
        return response


def job_defer(deferrer: Any, **arguments: Any) -> int:
    """Queue a job with ``deferrer`` (a configured task), carrying the current id.

    Return the job's id.
    """
    from procrastinate.contrib.django import app

    task = app.tasks.get(deferrer.job.task_name)
    request_id = current_request_id()
    # ``job_logged`` wraps sync tasks only: an async one never gets the id.
    if request_id and task is not None and not inspect.iscoroutinefunction(task.func):
        arguments[JOB_ARGUMENT] = request_id
    return int(deferrer.defer(**arguments))


def job_arguments(arguments: dict[str, Any]) -> dict[str, Any]:
    """Return a job's arguments without the request id it carries."""
    return {name: value for name, value in arguments.items() if name != JOB_ARGUMENT}


def job_logged(call_next: Callable[[], Any], context: Any, worker: Any) -> Any:
    """Run a job under its request's id (or one of its own); log and count it.

    procrastinate's task middleware, for every sync task: the id is taken off
    the arguments before the task sees them, and every audit event the job
    writes carries it.
    """
    import pghistory

    job = context.job
    request_id = job.task_kwargs.pop(JOB_ARGUMENT, "") or uuid.uuid4().hex
    started = time.perf_counter()
    outcome = "failed"
    with (
        request_id_held(request_id),
        pghistory.context(request_id=request_id, job=job.id),
    ):
        try:
            result = call_next()
            outcome = "succeeded"
            return result
        finally:
            seconds = time.perf_counter() - started
            fields = {
                "event": "job",
                "request_id": request_id,
                "job": job.id,
                "task": job.task_name,
                "outcome": outcome,
                "ms": round(seconds * 1000, 1),
            }
            jobs_logger.info("job", extra={"fields": fields})
            metrics.jobs.labels(task=job.task_name, outcome=outcome).inc()
            metrics.job_seconds.labels(task=job.task_name).observe(seconds)


def queue_logging(app: Any) -> None:
    """Wrap every sync task the worker runs in ``job_logged`` (ON_APP_READY)."""
    middleware = list(app.worker_defaults.get("task_middleware", []))
    if job_logged not in middleware:
        app.worker_defaults["task_middleware"] = [*middleware, job_logged]


class JsonFormatter(logging.Formatter):
    """Write a record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id()
        if request_id:
            line["request_id"] = request_id
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
