"""What the works dataset's Parquet costs beside its CSV: ``python -m bench formats``.

A publish reads a table once into its canonical CSV and a file of kept rows
(``table_read``: the database's rows, worded and written), then writes every
other format from the kept rows. The Parquet file is one of them
(``parquet_write``: typed columns, money as exact decimals, zstd). Both are
timed here on the works dataset of the demo and ``RUTA_BENCH_WORKS`` more
works (100,000 by default), imported as ``bench/scale.py`` imports them; the
ratio is the Parquet's seconds over the CSV's.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from ruta.opendata.datasets import WORKS
from ruta.opendata.files import table_read
from ruta.opendata.parquet import parquet_write


@dataclass(frozen=True)
class FormatsResult:
    """The works dataset's CSV and Parquet: rows, seconds and sizes."""

    rows: int
    csv_seconds: float
    parquet_seconds: float
    csv_megabytes: float
    parquet_megabytes: float

    @property
    def ratio(self) -> float:
        return self.parquet_seconds / self.csv_seconds


def measured() -> FormatsResult:
    """Time the works dataset's CSV, then its Parquet, in the current database."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = time.perf_counter()
        read = table_read(WORKS, folder)
        csv_seconds = time.perf_counter() - start
        parquet = folder / f"{WORKS.slug}.parquet"
        start = time.perf_counter()
        written = parquet_write(WORKS, read.rows_file, parquet)
        parquet_seconds = time.perf_counter() - start
        if written != read.rows:
            raise AssertionError(f"Parquet {written:,} rows, CSV {read.rows:,}")
        return FormatsResult(
            rows=read.rows,
            csv_seconds=csv_seconds,
            parquet_seconds=parquet_seconds,
            csv_megabytes=read.csv.stat().st_size / 1e6,
            parquet_megabytes=parquet.stat().st_size / 1e6,
        )


def run() -> FormatsResult:
    """Load the demo and the works, then time the works dataset's two formats."""
    from bench import scale  # scale.run measures the formats too

    with scale._demo_and_works(scale.works_wanted()):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return measured()


def report(result: FormatsResult) -> str:
    """Return the figures as the bench prints them."""
    return (
        f"Works dataset of {result.rows:,} rows: CSV (read from the database) "
        f"{result.csv_seconds:.1f} s, {result.csv_megabytes:,.0f} MB; Parquet "
        f"(from the kept rows) {result.parquet_seconds:.1f} s, "
        f"{result.parquet_megabytes:,.0f} MB: ratio {result.ratio:.2f}\n"
    )
