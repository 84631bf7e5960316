"""The grants' background task: the daily deadlines job, run by ``ruta worker``.

Procrastinate defers it once a day at ``RUTA_GRANTS_DAILY_HOUR`` (UTC) and
the worker runs ``daily_run`` for the platform's local date of that tick.
Running it again for the same day (a retry, a second worker, the command
beside it) changes nothing more and sends nothing twice: ``daily_run`` only
moves what is still due and each notice is unique per application and key.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from procrastinate.contrib.django import app

from ruta.accounts.actors import command_actor
from ruta.grants.services.daily import daily_run

DAILY_TASK, DAILY_QUEUE = "ruta.grants.daily", "grants"


def daily_cron() -> str:
    """Return the cron line of the daily job: every day at the set hour."""
    return f"0 {settings.RUTA_GRANTS_DAILY_HOUR} * * *"


def tick_date(timestamp: int) -> date:
    """Return the platform's local date of the periodic tick ``timestamp``."""
    moment = datetime.fromtimestamp(timestamp, tz=UTC)
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


@app.periodic(cron=daily_cron(), periodic_id="grants-daily")
@app.task(name=DAILY_TASK, queue=DAILY_QUEUE, pass_context=False)
def grants_daily_task(timestamp: int) -> list[str]:
    """Run the deadlines job for the day of ``timestamp``; return its summary."""
    outcome = daily_run(today=tick_date(timestamp), actor=command_actor("grants daily"))
    return outcome.lines()
