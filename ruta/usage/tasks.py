"""The usage counts' background tasks, run by ``ruta worker``.

Every ten minutes, nginx's usage log (``RUTA_USAGE_NGINX_LOG``, when set)
is read for the answers it gave from its cache; each night the open-data
files are regenerated so the dataset carries the day that ended.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from procrastinate.contrib.django import app

from ruta.accounts.actors import command_actor
from ruta.opendata.tasks import publish_defer
from ruta.usage.services import nginx_log_read

USAGE_QUEUE = "usage"


@app.periodic(cron="*/10 * * * *", periodic_id="usage-nginx-log")
@app.task(name="ruta.usage.nginx_log", queue=USAGE_QUEUE, pass_context=False)
def usage_nginx_log_task(timestamp: int) -> list[str]:
    """Read nginx's usage log if one is configured; return the summary."""
    if not settings.RUTA_USAGE_NGINX_LOG:
        return ["no RUTA_USAGE_NGINX_LOG: nothing to read"]
    outcome = nginx_log_read(
        path=Path(settings.RUTA_USAGE_NGINX_LOG),
        actor=command_actor("usage nginx-log"),
    )
    return outcome.summary()


@app.periodic(cron="20 7 * * *", periodic_id="usage-publish")
@app.task(name="ruta.usage.publish", queue=USAGE_QUEUE, pass_context=False)
def usage_publish_task(timestamp: int) -> list[str]:
    """Queue the open-data regeneration so yesterday's counts are published."""
    publish_defer()
    return ["open-data regeneration queued"]
