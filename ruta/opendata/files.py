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
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings

from ruta.common import downloads as tables
from ruta.opendata.datasets import Dataset
from ruta.opendata.models import FileFormat

Row = Mapping[str, Any]
PACKAGE_NAME = "ruta-del-dinero"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
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


def table_csv(dataset: Dataset, rows: Sequence[Row]) -> bytes:
    """Return the canonical CSV of ``rows``: UTF-8, no BOM, the schema's names."""
    text = "".join(tables.csv_chunks(dataset.columns, rows))
    return text.removeprefix(tables.BOM).encode()


def table_files(
    dataset: Dataset, rows: Sequence[Row], csv: bytes | None = None
) -> dict[str, bytes]:
    """Return the dataset's rows in every table format, keyed by format."""
    csv = table_csv(dataset, rows) if csv is None else csv
    sheet = dataset.slug[:31]  # Excel's limit on a sheet's name
    document = {"conjunto": dataset.slug, "registros": list(rows)}
    return {
        FileFormat.CSV: csv,
        FileFormat.EXCEL_CSV: tables.BOM.encode() + csv,
        FileFormat.XLSX: tables.xlsx_bytes(
            dataset.columns,
            rows,
            sheet_name=sheet,
            money_columns=dataset.money_fields,
        ),
        FileFormat.JSON: json.dumps(
            document, ensure_ascii=False, default=tables.json_default, indent=1
        ).encode(),
    }


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


def package_zip(datasets_csv: Sequence[tuple[Dataset, bytes]]) -> bytes:
    """Return the data package as a zip: ``datapackage.json`` and ``data/*.csv``."""
    resources = [
        resource_descriptor(
            dataset, f"data/{dataset.slug}.csv", size=len(csv), digest=sha256(csv)
        )
        for dataset, csv in datasets_csv
    ]
    descriptor = json.dumps(package_descriptor(resources), ensure_ascii=False, indent=1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "datapackage.json", descriptor.encode())
        for dataset, csv in datasets_csv:
            _add(archive, f"data/{dataset.slug}.csv", csv)
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    archive.writestr(entry, content)
