"""The calendar's background task: the daily reminders, run by ``ruta worker``.

Deferred once a day at ``RUTA_GRANTS_DAILY_HOUR`` (UTC), the hour the
grants' deadlines job runs, for the platform's local date of that tick.
Running it again for the same day sends nothing twice (``Reminder`` is
unique per report and day). It then queues the open-data regeneration: the
timeliness dataset changes with the date (a report falls overdue) without
any table changing.
"""

from __future__ import annotations

from procrastinate.contrib.django import app

from ruta.accounts.actors import command_actor
from ruta.grants.tasks import daily_cron, tick_date
from ruta.opendata.tasks import publish_defer
from ruta.timeliness.services import reminders_send

REMINDERS_TASK, REMINDERS_QUEUE = "ruta.timeliness.reminders", "calendar"


@app.periodic(cron=daily_cron(), periodic_id="calendar-reminders")
@app.task(name=REMINDERS_TASK, queue=REMINDERS_QUEUE, pass_context=False)
def calendar_reminders_task(timestamp: int) -> list[str]:
    """Send the reminders of the day of ``timestamp``; return its summary."""
    outcome = reminders_send(
        today=tick_date(timestamp), actor=command_actor("calendar reminders")
    )
    publish_defer()
    return outcome.lines()
