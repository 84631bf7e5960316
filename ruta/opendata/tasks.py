"""The open-data background task: regenerate the files, run by ``ruta worker``.

The sums readers ask for most need no preparing: the database keeps them as
works change (``ruta.works.models.summary``).

It is deferred whenever data is published (``ruta.common.db.published``) with
a queueing lock, so a burst of publishes (an import approving hundreds of
works) queues one regeneration, not hundreds: while one waits, further
requests are dropped, and the one waiting reads everything written before
it starts. The same name locks it while it runs: one regeneration at a
time, and the one waiting starts when it ends. Two at once would each read
and write every file (some five minutes at a million works), slower
together than one after the other, and the first one's files are old by the
time the second's are.

A run whose worker died is run again (``stalled_rule_register``): publishing
twice is harmless (a version is recorded only for changed data, under a
lock per dataset), and its temporary folders are removed when the next run
starts (``scratch``). Every ten minutes a check queues a publish when the
files are behind the data (``freshness``), so a publish that failed, or one
never queued, is made up for without anyone running it by hand.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued

from ruta.accounts.actors import command_actor
from ruta.common.ops.queue import stalled_rule_register
from ruta.common.ops.requestlog import job_defer
from ruta.opendata.freshness import files_behind
from ruta.opendata.services import publish_datasets

PUBLISH_TASK, PUBLISH_QUEUE, PUBLISH_LOCK = (
    "ruta.opendata.publish",
    "opendata",
    "opendata-publish",
)
logger = logging.getLogger(__name__)


@app.task(name=PUBLISH_TASK, queue=PUBLISH_QUEUE, lock=PUBLISH_LOCK)
def publish_task() -> list[str]:
    """Regenerate every dataset's files; return the summary of what changed."""
    return publish_datasets(actor=command_actor("opendata publish")).lines()


CHECK_TASK = "ruta.opendata.publish_check"
WAITING_OR_RUNNING = ("todo", "doing")


@app.periodic(cron="*/10 * * * *", periodic_id="opendata-publish-check")
@app.task(name=CHECK_TASK, queue=PUBLISH_QUEUE, pass_context=False)
def publish_check_task(timestamp: int) -> list[str]:
    """Queue a publish if the files are behind the data; say whether it did."""
    queued = publish_check()
    return ["files behind the data: publish queued" if queued else "files current"]


def publish_check() -> bool:
    """Queue a publish when the files are behind and none waits or runs.

    Return whether one was queued. A run under way (or one whose worker
    died, which the queue check runs again) notes its own versions when it
    finishes.
    """
    jobs = ProcrastinateJob.objects.filter(
        task_name=PUBLISH_TASK, status__in=WAITING_OR_RUNNING
    )
    if jobs.exists() or not files_behind():
        return False
    publish_defer()
    return True


def publish_defer(**_signal: Any) -> None:
    """Queue a regeneration unless one is already waiting."""
    try:
        # A savepoint: the lock's unique violation must not abort the caller's
        # transaction when the notice comes inside one.
        with transaction.atomic():
            job_defer(publish_task.configure(queueing_lock=PUBLISH_LOCK))
    except AlreadyEnqueued:
        logger.debug("an open-data regeneration is already queued")


# A publish whose worker died runs again: twice is harmless (see above).
stalled_rule_register(PUBLISH_TASK, retry=True)
