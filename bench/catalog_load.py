"""Catalog load (validate + upsert 2,475 municipalities and the rest) vs COPY."""

from __future__ import annotations

import csv
import io
import time

from django.db import connection, transaction

from ruta.catalog.datafiles import DATA_DIR, read_catalog
from ruta.catalog.loader import catalog_load

ROUNDS = 3


class _Rollback(Exception):
    pass


def _timed(action) -> float:
    """Return the best of ``ROUNDS`` timings of ``action``, each rolled back."""
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        try:
            with transaction.atomic():
                action()
                raise _Rollback
        except _Rollback:
            pass
        best = min(best, time.perf_counter() - start)
    return best


def _copy_municipalities() -> None:
    """Baseline: COPY the municipality file's rows into a temporary table."""
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_municipality (cvegeo text, cve_ent text, "
            "cve_mun text, name text, population text) ON COMMIT DROP"
        )
        with cursor.copy(
            "COPY bench_municipality FROM STDIN WITH (FORMAT csv)"
        ) as copy:
            copy.write(buffer.getvalue())


def run() -> tuple[str, float, float, float]:
    """Return (name, seconds, baseline seconds, ratio)."""
    seconds = _timed(lambda: catalog_load(read_catalog()))
    baseline = _timed(_copy_municipalities)
    return (
        "catalog load vs COPY of municipalities",
        seconds,
        baseline,
        seconds / baseline,
    )
