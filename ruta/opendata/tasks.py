"""The open-data background task: regenerate the files, run by ``ruta worker``.

The sums readers ask for most need no preparing: the database keeps them as
works change (``ruta.works.models.summary``).

It is deferred whenever data is published (``ruta.common.published``) with
a queueing lock, so a burst of publishes (an import approving hundreds of
works) queues one regeneration, not hundreds: while one waits, further
requests are dropped, and the one waiting reads everything written before
it starts. The same name locks it while it runs: one regeneration at a
time, and the one waiting starts when it ends. Two at once would each read
and write every file (some five minutes at a million works), slower
together than one after the other, and the first one's files are old by the
time the second's are.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from ruta.accounts.actors import command_actor
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


def publish_defer(**_signal: Any) -> None:
    """Queue a regeneration unless one is already waiting."""
    try:
        # A savepoint: the lock's unique violation must not abort the caller's
        # transaction when the notice comes inside one.
        with transaction.atomic():
            publish_task.configure(queueing_lock=PUBLISH_LOCK).defer()
    except AlreadyEnqueued:
        logger.debug("an open-data regeneration is already queued")
