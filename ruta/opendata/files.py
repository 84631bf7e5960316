"""The bytes of every published file: tables in four formats, the data package.

Tables are written by ``ruta.common.downloads`` (formula-like text made
inert, booleans as "sí"/"no", ISO dates), headed by the column names the
Table Schema declares, so the CSV, the schema and the documentation agree.
The plain CSV is the canonical form: its SHA-256 decides whether a dataset
changed. The data package zip gets fixed entry times, so the same content
always gives the same bytes and hash.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from ruta.common import downloads as tables
from ruta.opendata.datasets import Dataset
from ruta.opendata.models import FileFormat

Row = Mapping[str, Any]
PACKAGE_NAME = "ruta-del-dinero"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
COPY_BYTES = 1024 * 1024
KEPT_PIECE = 1_000  # rows pickled together while a table is read
# The encoder ``json.dumps(ensure_ascii=False)`` uses for text (C when built).
_JSON_TEXT = encode_basestring
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
            tables.csv_chunks(dataset.columns, _kept(_rows(dataset), kept, years))
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


def _kept(rows: Iterable[Row], kept: IO[bytes], years: _YearSpan) -> Iterator[Row]:
    """Yield ``rows``, pickling them to ``kept`` a piece at a time."""
    piece: list[Row] = []
    for row in rows:
        years.add(row)
        piece.append(row)
        if len(piece) == KEPT_PIECE:
            pickle.dump(piece, kept, pickle.HIGHEST_PROTOCOL)
            piece = []
        yield row
    if piece:
        pickle.dump(piece, kept, pickle.HIGHEST_PROTOCOL)


def _kept_rows(path: Path) -> Iterator[Row]:
    """Yield the rows ``_kept`` wrote, in their order (files this process wrote)."""
    with path.open("rb") as kept:
        while True:
            try:
                piece = pickle.load(kept)  # noqa: S301 - our own temporary file
            except EOFError:
                return
            yield from piece


def _rows(dataset: Dataset) -> Iterable[Row]:
    if dataset.rows is None:
        raise ValueError(f"{dataset.slug} is not a table")
    return dataset.rows()


def table_files_write(dataset: Dataset, folder: Path) -> WrittenTable:
    """Write ``dataset``'s rows in every table format into ``folder``."""
    return table_formats_write(dataset, table_read(dataset, folder))


def table_formats_write(dataset: Dataset, read: ReadTable) -> WrittenTable:
    """Write the formats beside the canonical CSV from the rows ``read`` kept.

    The CSV for Excel is the canonical CSV after a byte-order mark; the
    workbook and the JSON are written a row at a time, so memory stays flat
    whatever the number of rows, and all four hold the same rows.
    """
    folder = read.csv.parent
    paths: dict[str, Path] = {
        fmt: folder / f"{dataset.slug}.{fmt}" for fmt in TABLE_FORMATS
    }
    with paths[FileFormat.EXCEL_CSV].open("wb") as excel, read.csv.open("rb") as plain:
        excel.write(tables.BOM.encode())
        shutil.copyfileobj(plain, excel, COPY_BYTES)
    sheet = tables.SheetWriter(
        paths[FileFormat.XLSX],
        dataset.columns,
        sheet_name=dataset.slug,
        money_columns=set(dataset.money_fields),
    )
    count = 0
    with paths[FileFormat.JSON].open("w", encoding="utf-8") as json_file:
        json_file.write(_json_opening(dataset))
        for row in _kept_rows(read.rows_file):
            sheet.append(row)
            json_file.write(("\n" if count == 0 else ",\n") + _json_record(row))
            count += 1
        json_file.write(_json_closing(count))
    sheet.close()
    read.rows_file.unlink()
    return WrittenTable(
        paths=paths, digest=read.digest, rows=read.rows, years=read.years
    )


# The JSON file is ``{"conjunto": …, "registros": […]}`` as ``json.dumps``
# writes it with ``indent=1``, written a record at a time.
def _json_opening(dataset: Dataset) -> str:
    return '{\n "conjunto": ' + json.dumps(dataset.slug) + ',\n "registros": ['


def _json_closing(count: int) -> str:
    return "\n ]\n}" if count else "]\n}"


def _json_record(row: Row) -> str:
    """Return ``row`` as one record of the file's list, indented as ``json.dumps``.

    A flat record (every value text, a number, a date, a truth or nothing,
    as the datasets' rows are) is written value by value with the encoder's
    C functions: ``json.dumps`` with an indent runs in Python, and was most
    of the file's cost. Any other record goes through ``json.dumps`` itself.
    """
    values = []
    for key, value in row.items():
        text = _json_scalar(value)
        if text is None or type(key) is not str:
            return _json_indented(row)
        values.append(f"   {_JSON_TEXT(key)}: {text}")
    if not values:
        return "  {}"
    return "  {\n" + ",\n".join(values) + "\n  }"


def _json_scalar(value: object) -> str | None:
    """Return ``value`` as JSON when it is flat and plain, else None."""
    if isinstance(value, str):
        return _JSON_TEXT(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if type(value) is Decimal or type(value) is date:
        return _JSON_TEXT(str(tables.json_default(value)))
    return None


def _json_indented(row: Row) -> str:
    """Indent ``json.dumps``'s lines by hand: ``textwrap.indent`` would also
    split a value at a line separator (U+2028) that JSON leaves raw."""
    text = json.dumps(row, ensure_ascii=False, default=tables.json_default, indent=1)
    return "\n".join(f"  {line}" for line in text.split("\n"))


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
