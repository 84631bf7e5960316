"""The bytes of every published file: tables in four formats, the data package.

Tables are written by ``ruta.common.downloads`` (formula-like text made
inert, booleans as "sí"/"no", ISO dates), headed by the column names the
Table Schema declares, so the CSV, the schema and the documentation agree.
The plain CSV is the canonical form: its SHA-256 decides whether a dataset
changed. The data package zip gets fixed entry times, so the same content
always gives the same bytes and hash.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import textwrap
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from openpyxl import Workbook

from ruta.common import downloads as tables
from ruta.opendata.datasets import Dataset
from ruta.opendata.models import FileFormat

Row = Mapping[str, Any]
PACKAGE_NAME = "ruta-del-dinero"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
COPY_BYTES = 1024 * 1024
TABLE_FORMATS = (
    FileFormat.CSV,
    FileFormat.EXCEL_CSV,
    FileFormat.XLSX,
    FileFormat.JSON,
)
LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    # Not an SPDX licence: the terms of Mexico's national open-data portal.
    "LibreUsoMX": "https://datos.gob.mx/libreusomx",
}


def sha256(content: bytes) -> str:
    """Return the hexadecimal SHA-256 of ``content``."""
    return hashlib.sha256(content).hexdigest()


def license_url(license_id: str | None = None) -> str:
    """Return the address of the data licence (SPDX's page for other ids)."""
    license_id = license_id or settings.RUTA_DATA_LICENSE
    return LICENSE_URLS.get(license_id, f"https://spdx.org/licenses/{license_id}.html")


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


def table_digest(dataset: Dataset) -> str:
    """Return the SHA-256 of ``dataset``'s canonical CSV, written to no file.

    One streamed pass over the rows: whether the data changed is known
    before any file is written.
    """
    digest = hashlib.sha256()
    for index, chunk in enumerate(tables.csv_chunks(dataset.columns, _rows(dataset))):
        text = chunk.removeprefix(tables.BOM) if index == 0 else chunk
        digest.update(text.encode())
    return digest.hexdigest()


def _rows(dataset: Dataset) -> Iterable[Row]:
    if dataset.rows is None:
        raise ValueError(f"{dataset.slug} is not a table")
    return dataset.rows()


def table_files_write(dataset: Dataset, folder: Path) -> WrittenTable:
    """Write ``dataset``'s rows in every table format into ``folder``, in one pass.

    Every format is written row by row (CSV, the workbook write-only, JSON
    piece by piece), so memory stays flat whatever the number of rows, and
    all four hold the same rows even while the data changes.
    """
    paths: dict[str, Path] = {
        fmt: folder / f"{dataset.slug}.{fmt}" for fmt in TABLE_FORMATS
    }
    count, first, last = 0, None, None
    with ExitStack() as files:
        csv_file = files.enter_context(
            paths[FileFormat.CSV].open("w", newline="", encoding="utf-8")
        )
        excel_file = files.enter_context(
            paths[FileFormat.EXCEL_CSV].open("w", newline="", encoding="utf-8")
        )
        json_file = files.enter_context(
            paths[FileFormat.JSON].open("w", encoding="utf-8")
        )
        sheet = _SheetWriter(dataset)
        excel_file.write(tables.BOM)
        writers = [csv.writer(csv_file), csv.writer(excel_file)]
        for writer in writers:
            writer.writerow(dataset.columns.values())
        json_file.write(_json_opening(dataset))
        for row in _rows(dataset):
            cells = [tables.csv_value(row[key]) for key in dataset.columns]
            for writer in writers:
                writer.writerow(cells)
            sheet.append(row)
            json_file.write(_json_row(row, first=count == 0))
            count += 1
            year = row.get(dataset.year_field) if dataset.year_field else None
            if year:
                first = year if first is None else min(first, year)
                last = year if last is None else max(last, year)
        json_file.write(_json_closing(count))
        sheet.save(paths[FileFormat.XLSX])
    years = (first, last) if first is not None and last is not None else None
    return WrittenTable(
        paths=paths,
        digest=file_sha256(paths[FileFormat.CSV]),
        rows=count,
        years=years,
    )


class _SheetWriter:
    """A write-only workbook of one table, appended to row by row."""

    def __init__(self, dataset: Dataset) -> None:
        self.columns = dataset.columns
        self.money = dataset.money_fields
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(dataset.slug[:31])  # Excel's limit
        self.sheet.append(list(self.columns.values()))

    def append(self, row: Row) -> None:
        self.sheet.append(
            [
                tables.xlsx_cell(self.sheet, row[key], money=key in self.money)
                for key in self.columns
            ]
        )

    def save(self, path: Path) -> None:
        self.workbook.save(path)


# The JSON file is ``{"conjunto": …, "registros": […]}`` as ``json.dumps``
# writes it with ``indent=1``, written a record at a time.
def _json_opening(dataset: Dataset) -> str:
    return '{\n "conjunto": ' + json.dumps(dataset.slug) + ',\n "registros": ['


def _json_row(row: Row, *, first: bool) -> str:
    text = json.dumps(row, ensure_ascii=False, default=tables.json_default, indent=1)
    return ("\n" if first else ",\n") + textwrap.indent(text, "  ")


def _json_closing(count: int) -> str:
    return "\n ]\n}" if count else "]\n}"


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
