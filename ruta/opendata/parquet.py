"""A table as Apache Parquet: the same rows as its CSV, each column typed.

Each column takes the type its Table Schema declares: text, 64-bit
integers, dates, UTC timestamps, booleans; money as exact decimals with two
places (``decimal(18,2)``, as the database keeps it), so a sum in DuckDB or
pandas is the CSV's to the centavo; other numbers (coordinates, percentages,
scores) as doubles. Each field carries its description. The rows are read
back from the file the CSV's reading kept and written a row group at a time,
so memory stays flat whatever the table's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ruta.common.fast.formats_apart import kept_rows
from ruta.opendata.declaration import Dataset, Field

ROW_GROUP = 50_000
MONEY_TYPE = pa.decimal128(18, 2)
CENTAVO = Decimal("0.01")
TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    # Parquet keeps no seconds unit: milliseconds, the nearest it keeps.
    "datetime": pa.timestamp("ms", tz="UTC"),
}


def parquet_schema(dataset: Dataset) -> pa.Schema:
    """Return the Arrow schema of ``dataset``: its Table Schema, typed."""
    return pa.schema([_field(dataset, column) for column in dataset.fields])


def _field(dataset: Dataset, column: Field) -> pa.Field:
    kind = MONEY_TYPE if column.name in dataset.money_fields else TYPES[column.type]
    metadata = {"description": column.description}
    return pa.field(column.name, kind, nullable=True, metadata=metadata)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _money(value: Any) -> Decimal:
    return Decimal(value).quantize(CENTAVO)


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


CONVERT: dict[str, Callable[[Any], Any]] = {
    "string": _text,
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": _day,
    "datetime": _moment,
}


def _converters(dataset: Dataset) -> list[tuple[str, Callable[[Any], Any]]]:
    return [
        (
            column.name,
            _money if column.name in dataset.money_fields else CONVERT[column.type],
        )
        for column in dataset.fields
    ]


def _batches(
    dataset: Dataset, rows: Iterator[Mapping[str, Any]]
) -> Iterator[dict[str, list[Any]]]:
    """Yield the rows a row group at a time, as typed columns."""
    converters = _converters(dataset)
    while piece := list(islice(rows, ROW_GROUP)):
        yield {
            name: [
                None if (value := row.get(name)) is None or value == "" else to(value)
                for row in piece
            ]
            for name, to in converters
        }


def parquet_write(dataset: Dataset, rows_file: Path, path: Path) -> int:
    """Write the rows kept in ``rows_file`` to ``path`` as Parquet; return how many."""
    schema = parquet_schema(dataset)
    written = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for columns in _batches(dataset, kept_rows(rows_file)):
            table = pa.Table.from_pydict(columns, schema=schema)
            writer.write_table(table)
            written += table.num_rows
    return written
