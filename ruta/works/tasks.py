"""The works' background task: the sums of a selection too large for a page.

The explorer sums a selection the summary rows cannot answer (words, a
funding source, an amount range, a contractor, delay) within the page when
it holds a few thousand works; a larger one would keep its reader waiting
seconds (``works.selectors.explore.selection_totals``). The page queues it
here instead, and ``ruta worker`` sums it as of one data version and keeps
the figures in ``SelectionTotals``, where the page, or its script asking
again, finds them.

Anonymous readers choose the selections, so what they may queue is bounded
and waits behind everything else: a selection is queued once while it waits
or is being summed; at most ``QUEUED_MOST`` wait at a time, and one client
queues at most ``CLIENT_QUEUES_MOST`` in ``CLIENT_WINDOW_SECONDS`` (past
either, the page says the totals cannot be summed now); the task runs after
any other job (``TOTALS_PRIORITY``) and one at a time (``TOTALS_LOCK``), so
the worker's other slot keeps the mail and the imports moving. A finished
job, which names the words searched, is removed within the hour.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection, transaction
from procrastinate import builtin_tasks
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.job_context import JobContext

from ruta.accounts.actors import command_actor
from ruta.common.db.versioning import data_version
from ruta.common.ops.queue import stalled_rule_register
from ruta.common.ops.requestlog import job_defer
from ruta.common.web.ratelimit import rate_hit, rate_seen
from ruta.works.models import SelectionTotals
from ruta.works.selectors.explore import (
    WorkTotals,
    figures_json,
    selection_key,
    totals_from_figures,
    work_figures,
)
from ruta.works.selectors.works import (
    WorkFilters,
    filters_from_json,
    filters_json,
    work_list,
)
from ruta.works.services.aids import aid_recipients_expire

TOTALS_TASK, TOTALS_QUEUE = "ruta.works.selection_totals", "works"
# Below every other job (procrastinate takes the highest first; the rest are
# 0), and one at a time whatever the worker's slots.
TOTALS_PRIORITY = -10
TOTALS_LOCK = "works-totals"
# Selections waiting to be summed at most, whoever asked for them; and what
# one client may queue in a window.
QUEUED_MOST = 50
CLIENT_QUEUES_MOST = 20
CLIENT_WINDOW_SECONDS = 10 * 60
_CLIENT_SCOPE = "works-totals"
# A finished job names the words searched: gone after this many hours.
FINISHED_KEPT_HOURS = 1
logger = logging.getLogger(__name__)


@app.task(
    name=TOTALS_TASK,
    queue=TOTALS_QUEUE,
    priority=TOTALS_PRIORITY,
    lock=TOTALS_LOCK,
    pass_context=False,
)
def selection_totals_task(*, filters: dict[str, Any]) -> str:
    """Sum the selection ``filters`` (``filters_json``) as of the current data."""
    totals = selection_totals_sum(filters_from_json(filters))
    return f"{totals.works} works"


# Summing again is harmless: a job whose worker died runs again.
stalled_rule_register(TOTALS_TASK, retry=True)


@app.periodic(cron="*/15 * * * *", periodic_id="works-totals-forget")
@app.task(
    name="ruta.works.selection_totals_forget", queue=TOTALS_QUEUE, pass_context=True
)
async def selection_totals_forget_task(context: JobContext, timestamp: int) -> None:
    """Remove the finished totals jobs older than ``FINISHED_KEPT_HOURS``."""
    await builtin_tasks.remove_old_jobs(
        context, max_hours=FINISHED_KEPT_HOURS, queue=TOTALS_QUEUE, remove_failed=True
    )


def selection_totals_defer(filters: WorkFilters, *, client: str) -> bool:
    """Queue the sums of ``filters``'s selection; return whether they will come.

    Nothing is queued when the selection already waits or is being summed
    (True), nor when ``QUEUED_MOST`` selections wait or ``client`` queued
    ``CLIENT_QUEUES_MOST`` in the window (False).
    """
    lock = f"works-totals-{selection_key(filters)}"
    jobs = ProcrastinateJob.objects.filter(task_name=TOTALS_TASK)
    if jobs.filter(queueing_lock=lock, status__in=("todo", "doing")).exists():
        return True
    if jobs.filter(status="todo").count() >= QUEUED_MOST:
        return False
    window = {"limit": CLIENT_QUEUES_MOST, "seconds": CLIENT_WINDOW_SECONDS}
    if rate_seen(_CLIENT_SCOPE, client, **window).remaining == 0:
        return False
    try:
        # A savepoint: the lock's unique violation must not abort the
        # caller's transaction.
        with transaction.atomic():
            job_defer(
                selection_totals_task.configure(queueing_lock=lock),
                filters=filters_json(filters),
            )
    except AlreadyEnqueued:
        logger.debug("another reader queued this selection's totals just now")
        return True
    rate_hit(_CLIENT_SCOPE, client, **window)
    return True


def selection_totals_sum(filters: WorkFilters) -> WorkTotals:
    """Sum ``filters``'s selection and keep it under the data version it read.

    Called outside a transaction (as the worker does), the version and the
    sums are read in one snapshot (repeatable read), so they are of the same
    data; inside one, as of that transaction. The sums of older versions go:
    no page asks for them. The task runs one at a time, so no other sum
    deletes or writes these rows meanwhile.
    """
    selection = selection_key(filters)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        version = data_version().token
        kept = (
            SelectionTotals.objects.filter(selection=selection, version=version)
            .values_list("figures", flat=True)
            .first()
        )
        if kept is not None:
            return totals_from_figures(kept)
        figures = figures_json(*work_figures(work_list(filters=filters)))
        SelectionTotals.objects.exclude(version=version).delete()
        SelectionTotals.objects.create(
            selection=selection, version=version, figures=figures
        )
    return totals_from_figures(figures)


# The names of whoever asked for a social aid, past their retention: erased
# daily (``ruta.works.services.aids.aid_recipients_expire``).
AID_NAMES_TASK, AID_NAMES_QUEUE = "ruta.works.aid_recipients_expire", "works"


@app.periodic(cron="50 4 * * *", periodic_id="works-aid-recipients-expire")
@app.task(name=AID_NAMES_TASK, queue=AID_NAMES_QUEUE, pass_context=False)
def aid_recipients_expire_task(timestamp: int) -> int:
    """Erase the expired names of whoever asked for aid; return how many."""
    return aid_recipients_expire(actor=command_actor("aids expire-recipients"))
