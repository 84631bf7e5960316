"""The alerts' background tasks, run by ``ruta worker``.

Every minute: read new audit events into alerts and deliveries, then send
what is due within each channel's rate (failures wait with backoff). Every
day: works that became late, and the retention periods. Every Monday: the
weekly digests. A run that overlaps another, or is repeated, sends nothing
twice: each delivery is unique per subscription and event and locked while
it is sent.
"""

from __future__ import annotations

from django.utils import timezone
from procrastinate.contrib.django import app

from ruta.accounts.actors import command_actor
from ruta.alerts.services import (
    deliveries_send,
    digests_send,
    events_detect,
    late_works_detect,
    retention_enforce,
)

ALERTS_QUEUE = "alerts"


@app.periodic(cron="* * * * *", periodic_id="alerts-send")
@app.task(name="ruta.alerts.send", queue=ALERTS_QUEUE, pass_context=False)
def alerts_send_task(timestamp: int) -> list[str]:
    """Detect new events and send the due deliveries; return the summary."""
    actor = command_actor("alerts send")
    made = events_detect(actor=actor)
    outcome = deliveries_send(now=timezone.now(), actor=actor)
    return [f"{made} events", *outcome.lines()]


@app.periodic(cron="15 7 * * *", periodic_id="alerts-late")
@app.task(name="ruta.alerts.late", queue=ALERTS_QUEUE, pass_context=False)
def alerts_late_task(timestamp: int) -> list[str]:
    """Alert the followers of works that became late (daily: it moves by days)."""
    made = late_works_detect(
        today=timezone.localdate(), actor=command_actor("alerts late")
    )
    return [f"{made} late works"]


@app.periodic(cron="0 14 * * 1", periodic_id="alerts-digest")
@app.task(name="ruta.alerts.digest", queue=ALERTS_QUEUE, pass_context=False)
def alerts_digest_task(timestamp: int) -> list[str]:
    """Send the weekly digests (Mondays, 08:00 in central Mexico)."""
    sent = digests_send(now=timezone.now(), actor=command_actor("alerts digest"))
    return [f"{sent} digests sent"]


@app.periodic(cron="30 9 * * *", periodic_id="alerts-retention")
@app.task(name="ruta.alerts.retention", queue=ALERTS_QUEUE, pass_context=False)
def alerts_retention_task(timestamp: int) -> list[str]:
    """Apply the retention periods of subscribers' data."""
    outcome = retention_enforce(
        now=timezone.now(), actor=command_actor("alerts retention")
    )
    return outcome.lines()
