"""The works' background task: the sums of a selection too large for a page.

The explorer sums a selection the summary rows cannot answer (words, a
funding source, an amount range, a contractor, delay) within the page when
it holds a few thousand works; a larger one would keep its reader waiting
seconds (``works.selectors.explore.selection_totals``). The page queues it
here instead, once per selection (a queueing lock), and ``ruta worker``
sums it as of one data version and keeps the figures in ``SelectionTotals``,
where the page, or its script asking again, finds them.

Anonymous readers choose the selections, so what they may queue is bounded:
at most ``QUEUED_MOST`` selections wait at a time; past that a page says
the totals cannot be summed now, and nothing is queued for it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection, transaction
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued

from ruta.common.queue import stalled_rule_register
from ruta.common.versioning import data_version
from ruta.works.models import SelectionTotals
from ruta.works.selectors.explore import (
    figures_json,
    selection_key,
    work_figures,
)
from ruta.works.selectors.works import (
    WorkFilters,
    filters_from_json,
    filters_json,
    work_list,
)

TOTALS_TASK, TOTALS_QUEUE = "ruta.works.selection_totals", "works"
# Selections waiting to be summed at most, whoever asked for them.
QUEUED_MOST = 50
logger = logging.getLogger(__name__)


@app.task(name=TOTALS_TASK, queue=TOTALS_QUEUE, pass_context=False)
def selection_totals_task(*, filters: dict[str, Any]) -> str:
    """Sum the selection ``filters`` (``filters_json``) as of the current data."""
    kept = selection_totals_sum(filters_from_json(filters))
    return f"{kept.figures['figures']['works']} works at version {kept.version}"


# Summing again is harmless: a job whose worker died runs again.
stalled_rule_register(TOTALS_TASK, retry=True)


def selection_totals_defer(filters: WorkFilters) -> bool:
    """Queue the sums of ``filters``'s selection; return whether they will come.

    False when ``QUEUED_MOST`` selections already wait: nothing is queued.
    One already waiting for the same selection is not queued twice.
    """
    lock = f"works-totals-{selection_key(filters)}"
    waiting = ProcrastinateJob.objects.filter(
        task_name=TOTALS_TASK, status="todo"
    ).exclude(queueing_lock=lock)
    if waiting.count() >= QUEUED_MOST:
        return False
    try:
        # A savepoint: the lock's unique violation must not abort the
        # caller's transaction.
        with transaction.atomic():
            selection_totals_task.configure(queueing_lock=lock).defer(
                filters=filters_json(filters)
            )
    except AlreadyEnqueued:
        logger.debug("the totals of this selection are already queued")
    return True


def selection_totals_sum(filters: WorkFilters) -> SelectionTotals:
    """Sum ``filters``'s selection and keep it under the data version it read.

    In one snapshot (repeatable read): the version and the sums are of the
    same data. The rows of other versions go, as no page asks for them.
    """
    selection = selection_key(filters)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:  # inside another transaction, its own isolation holds
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        version = data_version().token
        kept = SelectionTotals.objects.filter(
            selection=selection, version=version
        ).first()
        if kept is not None:
            return kept
        figures = figures_json(*work_figures(work_list(filters=filters)))
        SelectionTotals.objects.bulk_create(
            [SelectionTotals(selection=selection, version=version, figures=figures)],
            ignore_conflicts=True,
        )
        SelectionTotals.objects.exclude(version=version).delete()
    return SelectionTotals.objects.get(selection=selection, version=version)
