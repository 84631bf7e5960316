"""The platform's own background tasks, run by ``ruta worker``.

Every minute, the queue check: jobs whose worker died are retried or failed
by their task's rule, and the apps' sweeps run (``ruta.common.ops.queue``).
Once a day, the queue's retention: the jobs of every queue that finished
``QUEUE_KEPT_DAYS`` ago are removed with their events.
The mail sender (``ruta.common.mail``): whenever a message is queued, and
every minute for the retries that come due; once a day, the retention of
what was sent.
"""

from __future__ import annotations

from procrastinate import builtin_tasks
from procrastinate.contrib.django import app
from procrastinate.job_context import JobContext

from ruta.common.mail import (
    MAIL_QUEUE,
    MAIL_TASK,
    mail_outbox_send,
    mail_retention_enforce,
)
from ruta.common.ops.queue import queue_check, stalled_rule_register

CHECK_TASK, CHECK_QUEUE = "ruta.common.queue_check", "checks"
# Before anything else a worker has waiting: the check is what frees a
# dead worker's jobs.
CHECK_PRIORITY = 10


@app.periodic(cron="* * * * *", periodic_id="queue-check", priority=CHECK_PRIORITY)
@app.task(
    name=CHECK_TASK, queue=CHECK_QUEUE, priority=CHECK_PRIORITY, pass_context=False
)
def queue_check_task(timestamp: int) -> list[str]:
    """Retry or fail the jobs of dead workers; run the apps' sweeps."""
    return queue_check().lines()


# Finished jobs (succeeded, failed, cancelled, aborted) are kept this long.
# The periodic ones alone finish some 4,400 a day: kept forever, the queue's
# tables would grow without end. An import's own record is its ImportJob.
QUEUE_KEPT_DAYS = 30


@app.periodic(cron="50 3 * * *", periodic_id="queue-retention")
@app.task(name="ruta.common.queue_retention", queue=CHECK_QUEUE, pass_context=True)
async def queue_retention_task(context: JobContext, timestamp: int) -> None:
    """Remove the jobs of every queue that finished ``QUEUE_KEPT_DAYS`` ago."""
    await builtin_tasks.remove_old_jobs(
        context,
        max_hours=QUEUE_KEPT_DAYS * 24,
        remove_failed=True,
        remove_cancelled=True,
        remove_aborted=True,
    )


@app.task(name=MAIL_TASK, queue=MAIL_QUEUE)
def mail_send_task() -> list[str]:
    """Send the queued mail that is due; return the summary."""
    return mail_outbox_send().lines()


@app.periodic(cron="* * * * *", periodic_id="mail-send")
@app.task(name="ruta.common.mail_send_due", queue=MAIL_QUEUE, pass_context=False)
def mail_send_due_task(timestamp: int) -> list[str]:
    """Send the mail whose retry came due (the sender queued on demand may sleep)."""
    return mail_outbox_send().lines()


@app.periodic(cron="15 8 * * *", periodic_id="mail-retention")
@app.task(name="ruta.common.mail_retention", queue=MAIL_QUEUE, pass_context=False)
def mail_retention_task(timestamp: int) -> list[str]:
    """Blank the content and addresses of mail sent or given up long enough ago."""
    return [f"{mail_retention_enforce()} messages' content erased"]


# A sender that died mid-run is run again: each message is claimed, and one
# already sent is never sent again (ruta.common.mail).
stalled_rule_register(MAIL_TASK, retry=True)
stalled_rule_register("ruta.common.mail_send_due", retry=True)
