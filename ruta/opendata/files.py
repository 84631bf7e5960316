"""The bytes of every published file: tables in five formats, the data package.

Tables are written by ``ruta.common.files.downloads`` (formula-like text made
inert, booleans as "sí"/"no", ISO dates), headed by the column names the
Table Schema declares, so the CSV, the schema and the documentation agree.
The plain CSV is the canonical form: its SHA-256 decides whether a dataset
changed. The data package zip gets fixed entry times, so the same content
always gives the same bytes and hash.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from ruta.common.fast.formats_apart import (
    FormatsApart,
    FormatsOrder,
    formats_write,
    rows_kept,
)
from ruta.common.files import downloads as tables
from ruta.opendata.datasets import Dataset
from ruta.opendata.models import FileFormat
from ruta.opendata.packages import license_url
from ruta.opendata.parquet import parquet_write

Row = Mapping[str, Any]
PACKAGE_NAME = "ruta-del-dinero"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
COPY_BYTES = 1024 * 1024
# Rows from which a table's workbook and JSON are written by a second
# process while this one reads on: below, starting it costs more than it
# spares.
FORMATS_APART_ROWS = 20_000
TABLE_FORMATS = (
    FileFormat.CSV,
    FileFormat.EXCEL_CSV,
    FileFormat.XLSX,
    FileFormat.JSON,
    FileFormat.PARQUET,
)


def sha256(content: bytes) -> str:
    """Return the hexadecimal SHA-256 of ``content``."""
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class WrittenTable:
    """A table's files written to a folder, with what its version records."""

    paths: dict[str, Path]
    digest: str  # of the canonical CSV, which decides whether data changed
    rows: int
    years: tuple[int, int] | None


def file_sha256(path: Path) -> str:
    """Return the hexadecimal SHA-256 of the file at ``path``, read in pieces."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for piece in iter(lambda: handle.read(COPY_BYTES), b""):
            digest.update(piece)
    return digest.hexdigest()


@dataclass(frozen=True)
class ReadTable:
    """A table read once: its canonical CSV written, its rows kept for the rest.

    Whether the data changed is known from the CSV's digest before any other
    format is written; the other formats are then written from the kept rows
    (a local file, read back in pieces), not from the database again.
    """

    csv: Path
    rows_file: Path
    digest: str
    rows: int
    years: tuple[int, int] | None


def table_read(dataset: Dataset, folder: Path) -> ReadTable:
    """Read ``dataset``'s rows once into its canonical CSV and a file of rows.

    Memory holds one piece of rows at a time, whatever the table's size.
    """
    csv_path = folder / f"{dataset.slug}.csv"
    rows_path = folder / f"{dataset.slug}.rows"
    years = _YearSpan(dataset.year_field)
    with csv_path.open("w", encoding="utf-8") as csv_file, rows_path.open("wb") as kept:
        for index, chunk in enumerate(
            tables.csv_chunks(
                dataset.columns, rows_kept(_counted(_rows(dataset), years), kept)
            )
        ):
            csv_file.write(chunk.removeprefix(tables.BOM) if index == 0 else chunk)
    return ReadTable(
        csv=csv_path,
        rows_file=rows_path,
        digest=file_sha256(csv_path),
        rows=years.count,
        years=years.span(),
    )


class _YearSpan:
    """Counts rows and the first and last year they name, as they go by."""

    def __init__(self, field: str | None) -> None:
        self.field = field
        self.count = 0
        self.first: int | None = None
        self.last: int | None = None

    def add(self, row: Row) -> None:
        self.count += 1
        year = row.get(self.field) if self.field else None
        if year:
            self.first = year if self.first is None else min(self.first, year)
            self.last = year if self.last is None else max(self.last, year)

    def span(self) -> tuple[int, int] | None:
        if self.first is None or self.last is None:
            return None
        return (self.first, self.last)


def _counted(rows: Iterable[Row], years: _YearSpan) -> Iterator[Row]:
    """Yield ``rows``, counting them and their years as they go by."""
    for row in rows:
        years.add(row)
        yield row


def _rows(dataset: Dataset) -> Iterable[Row]:
    if dataset.rows is None:
        raise ValueError(f"{dataset.slug} is not a table")
    return dataset.rows()


def table_files_write(dataset: Dataset, folder: Path) -> WrittenTable:
    """Write ``dataset``'s rows in every table format into ``folder``."""
    return table_formats_write(dataset, table_read(dataset, folder))


def table_formats_write(dataset: Dataset, read: ReadTable) -> WrittenTable:
    """Write the formats beside the canonical CSV from the rows ``read`` kept."""
    return table_formats_start(dataset, read).finish()


@dataclass
class FormatsUnderWay:
    """A table's formats, the workbook and JSON perhaps still being written."""

    paths: dict[str, Path]
    read: ReadTable
    apart: FormatsApart | None

    def finish(self) -> WrittenTable:
        """Return the table's files once all are written."""
        if self.apart is not None:
            self.apart.wait()
        self.read.rows_file.unlink()
        read = self.read
        return WrittenTable(
            paths=self.paths, digest=read.digest, rows=read.rows, years=read.years
        )

    def stop(self) -> None:
        """Stop writing (the publish failed); nothing once finished."""
        if self.apart is not None:
            self.apart.stop()


def table_formats_start(dataset: Dataset, read: ReadTable) -> FormatsUnderWay:
    """Write the formats beside the canonical CSV from the rows ``read`` kept.

    The CSV for Excel is the canonical CSV after a byte-order mark; the
    workbook and the JSON are written a row at a time (``formats_write``),
    so memory stays flat whatever the number of rows, and all four hold the
    same rows. A large table's workbook and JSON are written by a second
    process (``FormatsApart``), which the caller lets run while it reads the
    next tables, then ``finish``es.
    """
    folder = read.csv.parent
    paths: dict[str, Path] = {
        fmt: folder / f"{dataset.slug}.{fmt}" for fmt in TABLE_FORMATS
    }
    with paths[FileFormat.EXCEL_CSV].open("wb") as excel, read.csv.open("rb") as plain:
        excel.write(tables.BOM.encode())
        shutil.copyfileobj(plain, excel, COPY_BYTES)
    parquet_write(dataset, read.rows_file, paths[FileFormat.PARQUET])
    order = FormatsOrder(
        rows_file=str(read.rows_file),
        workbook=str(paths[FileFormat.XLSX]),
        json=str(paths[FileFormat.JSON]),
        name=dataset.slug,
        columns=[(key, str(title)) for key, title in dataset.columns.items()],
        money_columns=sorted(dataset.money_fields),
    )
    if read.rows >= FORMATS_APART_ROWS:
        return FormatsUnderWay(paths, read, FormatsApart(order))
    formats_write(order)
    return FormatsUnderWay(paths, read, None)


def resource_descriptor(
    dataset: Dataset, path: str, *, size: int, digest: str
) -> dict[str, Any]:
    """Return the tabular data resource of ``dataset`` whose CSV is at ``path``."""
    return {
        "name": dataset.slug,
        "path": path,
        "profile": "tabular-data-resource",
        "title": dataset.title,
        "description": dataset.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{digest}",
        "schema": dataset.table_schema(),
    }


def package_descriptor(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the data package descriptor (``datapackage.json``) of ``resources``."""
    license_id = settings.RUTA_DATA_LICENSE
    return {
        "name": PACKAGE_NAME,
        "title": f"{settings.RUTA_SITE_NAME}: datos abiertos",
        "description": (
            "Obras públicas, su financiamiento y avance, programas operativos "
            "anuales, indicadores, apoyos a organizaciones, contrataciones y "
            "los documentos de los que vienen las cifras."
        ),
        "profile": "tabular-data-package",
        "licenses": [{"name": license_id, "path": license_url(license_id)}],
        "keywords": ["transparencia", "gasto público", "obra pública", "México"],
        "resources": resources,
    }


def package_zip_write(members: Sequence[tuple[Dataset, Any]], path: Path) -> None:
    """Write the data package zip to ``path``: ``datapackage.json`` and ``data/*.csv``.

    ``members`` pair each table with its latest CSV's ``PublishedFile``,
    whose recorded size and digest describe it; each CSV is copied into the
    archive in pieces, never read whole.
    """
    resources = [
        resource_descriptor(
            dataset, f"data/{dataset.slug}.csv", size=csv.size, digest=csv.sha256
        )
        for dataset, csv in members
    ]
    descriptor = json.dumps(package_descriptor(resources), ensure_ascii=False, indent=1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "datapackage.json", descriptor.encode())
        for dataset, csv in members:
            entry = _entry(f"data/{dataset.slug}.csv")
            large = csv.size >= zipfile.ZIP64_LIMIT
            with (
                csv.file.open("rb") as source,
                archive.open(entry, "w", force_zip64=large) as target,
            ):
                shutil.copyfileobj(source, target, COPY_BYTES)


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def _add(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    archive.writestr(_entry(name), content)
