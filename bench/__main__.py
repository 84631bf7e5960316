"""``make bench``: the platform's benchmarks, as ratios to a same-run baseline.

Each benchmark times a platform operation and a baseline doing the least
possible equivalent work on the same machine in the same run (raw PostgreSQL
COPY of the same rows, a static file served by the same server), and reports
the ratio. Absolute seconds vary between machines; the ratio is what to watch.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import django


@contextmanager
def throwaway_database() -> Iterator[None]:
    """Run the block in a new, migrated test database, dropped afterwards."""
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()


def concurrency_only() -> None:
    """``python -m bench concurrency``: requests/s on the configured database.

    Runs only the concurrency measurement, against the database the settings
    name (e.g. one loaded with ``ruta load-demo``), for a quick before/after
    figure without the imports and the throwaway database.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from bench import concurrency
    from ruta.works.models import Work

    work = Work.objects.published().order_by("-id").first()
    if work is None:
        raise SystemExit("no published work: load the demo first")
    results = concurrency.run(
        [
            ("API work detail", f"/api/v1/works/{work.public_id}"),
            ("work page", work.get_absolute_url()),
        ]
    )
    _throughput_report(results)


def downloads_only() -> None:
    """``python -m bench downloads``: a work page while six clients download.

    Against the database the settings name (the demo's, after ``ruta
    load-demo``), behind the shipped nginx (``bench/downloads.py``).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from bench import downloads
    from ruta.works.models import Work

    works = Work.objects.published().order_by("id")
    paths = [work.get_absolute_url() for work in works[:400]]
    result = downloads.run(paths, downloads.download_paths())
    sys.stdout.write(_downloads_line(result, works.count()))


def downloads_at_scale() -> None:
    """``python -m bench downloads-at-scale``: the same, at ``RUTA_BENCH_WORKS``.

    In a throwaway database: the demo and 100,000 more works (by default),
    the open data published, then ``bench/downloads.py``.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import scale

    result, works = scale.downloads_run()
    sys.stdout.write(_downloads_line(result, works))


def _downloads_line(result, works: int) -> str:
    from bench import downloads, targets

    answers = ", ".join(
        f"{count:,} × {status}"
        for status, count in sorted(result.tally.answers.items())
    )
    return (
        f"A work page of {works:,} published, one every {downloads.PACE} s for "
        f"{downloads.SECONDS} s through deploy/nginx: alone p50 "
        f"{result.idle_p50 * 1000:.0f} ms, p95 {result.idle_p95 * 1000:.0f} ms; "
        f"while {len(downloads.CLIENTS)} addresses loop on every download p50 "
        f"{result.loaded_p50 * 1000:.0f} ms, p95 {result.loaded_p95 * 1000:.0f} ms: "
        f"p95 ratio {result.ratio:.2f} (target {targets.PAGE_UNDER_DOWNLOADS}). "
        f"Download answers: {answers}; "
        f"{result.tally.received / 1e6 / downloads.SECONDS:,.0f} MB/s received\n"
    )


def first_reader_only() -> None:
    """``python -m bench first-reader``: the first request after a change.

    Prints the figures and writes them to ``bench/results/``.
    """
    from pathlib import Path

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import first_reader

    result = first_reader.run()
    text = first_reader.report(result)
    sys.stdout.write(text)
    folder = Path(__file__).parent / "results"
    folder.mkdir(exist_ok=True)
    (folder / f"first-reader-{result.works // 1000}k.md").write_text(text)


def works_import_only() -> None:
    """``python -m bench works-import``: the works import's figures alone.

    In a throwaway database, as ``make bench`` measures them.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import works_import

    with throwaway_database():
        results = works_import.run()
    sys.stdout.write(works_import.report(results))


def formats_only() -> None:
    """``python -m bench formats``: the works dataset's Parquet beside its CSV.

    In a throwaway database with the demo and ``RUTA_BENCH_WORKS`` more works.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import formats

    sys.stdout.write(formats.report(formats.run()))


def search_only() -> None:
    """``python -m bench search``: the site search's reads at ``RUTA_BENCH_WORKS``.

    In a throwaway database: the demo and 100,000 more works (by default);
    each read's warm p50 and p95 beside the minimal view's.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import scale

    reads, works = scale.search_run()
    sys.stdout.write(f"Site search at {works:,} published works, warm:\n")
    for read in reads:
        met = "met" if read.target.met(read.p95 * 1000) else "NOT met"
        sys.stdout.write(
            f"  {read.name}: p50 {read.p50 * 1000:.1f} ms, "
            f"p95 {read.p95 * 1000:.1f} ms ({met}: {read.target}), "
            f"minimal view {read.baseline * 1000:.1f} ms\n"
        )


def map_only() -> None:
    """``python -m bench map``: the works map and its GeoJSON at
    ``RUTA_BENCH_WORKS`` (the demo and 100,000 more works by default), warm;
    and the plan of a year's points (from the map's index, not every work).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import scale

    reads, works, plan = scale.map_run()
    sys.stdout.write(f"Works map at {works:,} published works, warm:\n")
    for read in reads:
        met = "met" if read.target.met(read.p95 * 1000) else "NOT met"
        sys.stdout.write(
            f"  {read.name}: p50 {read.p50 * 1000:.1f} ms, "
            f"p95 {read.p95 * 1000:.1f} ms ({met}: {read.target}), "
            f"minimal view {read.baseline * 1000:.1f} ms\n"
        )
    sys.stdout.write(f"A year's points, planned:\n{plan}\n")


def readmodels_only() -> None:
    """``python -m bench readmodels``: each read model beside its selector."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import readmodels

    sys.stdout.write(readmodels.report(*readmodels.run()))


def scans_only() -> bool:
    """``python -m bench scans``: no public read scans a table growing with the works.

    At ``RUTA_BENCH_WORKS`` works (200,000 unless set); return whether none
    did and every read was read and explained.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("RUTA_BENCH_WORKS", "200000")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import scale, scans

    result = scans.run(scale.works_wanted())
    sys.stdout.write(scans.report(result))
    return not result.failing and not result.unexplained


def main() -> None:
    if sys.argv[1:] == ["scans"]:
        sys.exit(0 if scans_only() else 1)
    if sys.argv[1:] == ["readmodels"]:
        readmodels_only()
        return
    if sys.argv[1:] == ["formats"]:
        formats_only()
        return
    if sys.argv[1:] == ["search"]:
        search_only()
        return
    if sys.argv[1:] == ["map"]:
        map_only()
        return
    if sys.argv[1:] == ["works-import"]:
        works_import_only()
        return
    if sys.argv[1:] == ["first-reader"]:
        first_reader_only()
        return
    if sys.argv[1:] == ["concurrency"]:
        concurrency_only()
        return
    if sys.argv[1:] == ["downloads"]:
        downloads_only()
        return
    if sys.argv[1:] == ["downloads-at-scale"]:
        downloads_at_scale()
        return
    started = time.monotonic()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure(as_superuser=True)  # it makes a throwaway database
    django.setup()
    from bench import catalog_load, pages, scale, targets, works_import

    # The loads run in a throwaway migrated database, as the pages do: a
    # fresh checkout's own database may not be migrated yet.
    with throwaway_database():
        name, seconds, baseline, ratio = catalog_load.run()
        works = works_import.run()
    sys.stdout.write(
        f"{name}: {seconds * 1000:.0f} ms, baseline {baseline * 1000:.0f} ms, "
        f"ratio {ratio:.1f}×\n\n"
    )
    sys.stdout.write(works_import.report(works) + "\n")
    results = pages.run()
    sys.stdout.write(
        f"Pages, warm median of {pages.ROUNDS} requests, against the stylesheet "
        f"served by the same stack ({results[0].baseline * 1000:.2f} ms):\n"
    )
    for page in results:
        sys.stdout.write(
            f"  {page.name}: {page.seconds * 1000:.1f} ms, ratio {page.ratio:.0f}×, "
            f"{page.queries} queries, {page.kilobytes:.0f} KB\n"
        )
    result = scale.run()
    _scale_report(result)
    figures = _figures(works, result)
    figures.append(
        targets.Figure(
            "`make bench`, start to end",
            (time.monotonic() - started) / 60,
            targets.WHOLE_BENCH_MINUTES,
        )
    )
    sys.stdout.write("\nEach figure with a target (bench/targets.py):\n\n")
    sys.stdout.write(targets.table(figures))


def _figures(works, result) -> list:
    """Return every figure of the run that has a target, beside it."""
    from bench import targets

    figures = [
        targets.Figure(
            f"works import / plain insert, {item.name} {item.rows:,} rows",
            item.ratio,
            targets.IMPORT_OVER_INSERT,
        )
        for item in works
    ]
    figures += [
        targets.Figure(
            f"{read.name}, p95 at {result.works:,} works", read.p95 * 1000, read.target
        )
        for read in result.reads
    ]
    figures += [
        targets.Figure(
            f"{item.name}, requests/s over the minimal view's",
            item.ratio,
            targets.THROUGHPUT[item.name],
        )
        for item in result.throughput
    ]
    figures += [
        targets.Figure(
            f"{item.name} through deploy/nginx, over a static file",
            item.ratio,
            targets.PROXIED_PAGE,
        )
        for item in result.proxied
    ]
    return figures


def _scale_report(result) -> None:
    from bench.scale import ROUNDS

    sys.stdout.write(
        f"\nReads at {result.works:,} published works (imported in "
        f"{result.load_seconds:.0f} s; database {result.database_megabytes:,.0f} MB), "
        f"median and p95 of {ROUNDS} requests, against a minimal Django JSON "
        f"view on the same stack ({result.reads[0].baseline * 1000:.2f} ms):\n"
    )
    for read in result.reads:
        p50, p95 = read.p50 * 1000, read.p95 * 1000
        sys.stdout.write(
            f"  {read.name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"(target {read.target}), ratio {read.ratio:.1f}×\n"
        )
    _throughput_report(result.throughput)
    _proxy_report(result)
    from bench import formats

    sys.stdout.write("\n" + formats.report(result.formats))


def _throughput_report(throughput) -> None:
    from bench.concurrency import CONNECTIONS, ROUNDS, SECONDS, WORKERS
    from bench.targets import THROUGHPUT

    first = throughput[0]
    sys.stdout.write(
        f"\nUnder {CONNECTIONS} concurrent connections, {ROUNDS} rounds of "
        f"{SECONDS} s per address, `ruta serve` with {WORKERS} workers: minimal "
        f"Django JSON view {first.baseline:,.0f} requests/s (median of the rounds; "
        f"the client took {first.baseline_client_share:.0%} of a core)\n"
    )
    for item in throughput:
        low, high = min(item.ratios), max(item.ratios)
        sys.stdout.write(
            f"  {item.name}: {item.per_second:,.0f} requests/s, "
            f"{item.ratio:.1%} of the minimal view (target {THROUGHPUT[item.name]}; "
            f"rounds {low:.1%}–{high:.1%}; "
            f"{item.errors} errors; client {item.client_share:.0%} of a core; "
            f"largest worker {item.worker_megabytes:,.0f} MB)\n"
        )


def _proxy_report(result) -> None:
    from bench.targets import PROXIED_PAGE

    if result.proxy_missing:
        sys.stdout.write(f"\nThrough nginx: not measured ({result.proxy_missing})\n")
        return
    first = result.proxied[0]
    sys.stdout.write(
        f"\nThrough deploy/nginx (its cache as shipped, per-address limits off), "
        f"{first.client}, 64 in flight: the work page's bytes as a static file "
        f"{first.baseline:,.0f} requests/s\n"
    )
    for item in result.proxied:
        sys.stdout.write(
            f"  {item.name}: {item.per_second:,.0f} requests/s, "
            f"{item.ratio:.0%} of the static file (target {PROXIED_PAGE}; "
            f"{item.failures} failures)\n"
        )


if __name__ == "__main__":
    main()
