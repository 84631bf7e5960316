"""Each read model beside the plain selector it stands for, in one run.

A view or the API calls a read model (``ruta/works/readmodels/``) instead of
the plain selector only where this shows the need: both are called warm on
the same work of a throwaway database holding the demo and
``RUTA_BENCH_WORKS`` more works (``bench.scale``), alternately, and the
report gives each one's median, its queries and the ratio of the read model
to the selector.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from bench.scale import _demo_and_works, works_wanted
from ruta.works.models import Work
from ruta.works.readmodels import detail
from ruta.works.readmodels import provenance as read_provenance
from ruta.works.selectors import provenance, works

ROUNDS = 200


@dataclass(frozen=True)
class Pair:
    """A read model and its selector, timed on the same argument."""

    name: str
    selector_ms: float
    selector_queries: int
    model_ms: float
    model_queries: int

    @property
    def ratio(self) -> float:
        return self.model_ms / self.selector_ms


def _median_ms(read: Callable[[], Any]) -> float:
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        read()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def _queries(read: Callable[[], Any]) -> int:
    # The log keeps the last 9,000 queries: a full one would count none here.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries)


def _pair(name: str, selector: Callable[[], Any], model: Callable[[], Any]) -> Pair:
    selector()
    model()  # each warm: its process-wide SQL and kept rows in place
    return Pair(
        name,
        _median_ms(selector),
        _queries(selector),
        _median_ms(model),
        _queries(model),
    )


def _richest_demo_work() -> str:
    """Return the folio of the published work with the most contracts and progress."""
    return (
        Work.objects.published()
        .annotate(
            rows=Count("contracts", distinct=True) + Count("progress", distinct=True)
        )
        .order_by("-rows", "public_id")
        .values_list("public_id", flat=True)
        .first()
    )


def run() -> tuple[list[Pair], int]:
    """Load the works, then time each read model beside its selector."""
    with _demo_and_works(works_wanted()) as (_seconds, published):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        rich = _richest_demo_work()
        imported = (
            Work.objects.published()
            .order_by("-id")
            .values_list("public_id", flat=True)[0]
        )
        chosen = (
            ("a demo work with contracts and progress", rich),
            ("an imported work", imported),
        )
        pairs = [
            _pair(
                f"work detail, {label}",
                lambda folio=folio: works.work_detail(public_id=folio),
                lambda folio=folio: detail.work_detail(public_id=folio),
            )
            for label, folio in chosen
        ]
        for label, folio in chosen:
            read = works.work_detail(public_id=folio)
            pairs.append(
                _pair(
                    f"work's audit events, {label}",
                    lambda read=read: provenance.work_events(read),
                    lambda read=read: read_provenance.work_events(read),
                )
            )
        return pairs, published


def report(pairs: list[Pair], published: int) -> str:
    lines = [
        f"Read models beside their selectors at {published:,} published works, "
        f"median of {ROUNDS} warm calls:\n"
    ]
    for pair in pairs:
        lines.append(
            f"  {pair.name}: selector {pair.selector_ms:.2f} ms "
            f"({pair.selector_queries} queries), read model {pair.model_ms:.2f} ms "
            f"({pair.model_queries} queries): {pair.ratio:.2f}× the selector's\n"
        )
    return "".join(lines)
