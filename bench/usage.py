"""What counting usage costs a request (``python -m bench.usage``).

Three figures, on a throwaway database: a public page through the whole
Django stack with the usage middleware and without it (the difference is
what a reader pays); the in-process tally of one hit (a dictionary update
under a lock); and one flush, the UPSERT of a day's tally, amortised over
the ``RUTA_USAGE_FLUSH_HITS`` hits it carries.
"""

from __future__ import annotations

import os
import statistics
import time

import django

ROUNDS = 200
FLUSH_ROWS = 40  # sections, datasets and API parts a busy interval touches


def _page_median(client, url: str) -> float:
    client.get(url)
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    from bench.__main__ import throwaway_database
    from ruta.usage import counter

    with throwaway_database():
        call_command("load_catalog", verbosity=0)
        url = "/es-mx/datos/"
        with override_settings(RUTA_USAGE_FLUSH_HITS=200, RUTA_USAGE_FLUSH_SECONDS=10):
            without = [name for name in settings.MIDDLEWARE if "UsageCount" not in name]
            # Alternated, so warming up and the machine's other load fall on both.
            counted_runs, bare_runs = [], []
            for _ in range(3):
                counted_runs.append(_page_median(Client(), url))
                with override_settings(MIDDLEWARE=without):
                    bare_runs.append(_page_median(Client(), url))
            counted, bare = min(counted_runs), min(bare_runs)
            counter.usage_flush()
            start = time.perf_counter()
            for _ in range(10_000):
                counter.usage_count("page", "obras")
            tally = (time.perf_counter() - start) / 10_000
            counter.pending_discard()
            flushes = []
            for _ in range(20):
                for index in range(FLUSH_ROWS):
                    counter.usage_count("page", f"seccion-{index}")
                start = time.perf_counter()
                counter.usage_flush()
                flushes.append(time.perf_counter() - start)
        flush = statistics.median(flushes)
    print(f"page with counting     {counted * 1000:8.2f} ms")  # noqa: T201
    print(f"page without counting  {bare * 1000:8.2f} ms")  # noqa: T201
    print(f"ratio                  {counted / bare:8.3f}")  # noqa: T201
    print(f"one hit's tally        {tally * 1e6:8.2f} µs")  # noqa: T201
    print(f"one flush ({FLUSH_ROWS} rows)   {flush * 1000:8.2f} ms")  # noqa: T201
    print(f"flush per hit (/200)   {flush / 200 * 1e6:8.2f} µs")  # noqa: T201


if __name__ == "__main__":
    main()
