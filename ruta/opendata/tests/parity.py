"""Read the published CSV files back, as a journalist would, to add them up.

The parity tests (``test_whole_export``) rebuild each figure a public page
shows from these rows and compare it with the page's selector and the API.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

from ruta.common.text.money import ZERO
from ruta.opendata.models import DatasetVersion

Row = dict[str, str]
OPEN_DATA_DOC = Path(__file__).resolve().parents[3] / "docs" / "opendata.md"


def published_rows(slug: str) -> list[Row]:
    """Return the rows of dataset ``slug``'s latest published CSV, as text."""
    version = DatasetVersion.objects.of(slug).first()
    assert version is not None, f"{slug} was never published"
    stored = version.files.get(format="csv")
    with stored.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def money(value: str) -> Decimal:
    """Return a CSV cell as money; an empty cell is nothing, so zero in a sum."""
    return Decimal(value) if value else ZERO


def total(rows: Iterable[Row], column: str) -> Decimal:
    """Return the sum of ``column`` over ``rows``."""
    return sum((money(row[column]) for row in rows), ZERO)


def count(rows: Iterable[Row], column: str) -> int:
    """Return the sum of an integer ``column`` over ``rows``."""
    return sum(int(row[column] or 0) for row in rows)


def grouped(
    rows: Iterable[Row], key: Callable[[Row], object]
) -> dict[object, list[Row]]:
    """Return ``rows`` by ``key``."""
    groups: dict[object, list[Row]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return dict(groups)


def digits(text: str) -> Decimal:
    """Return the number a page or an answer prints ($1,234.50 → 1234.50)."""
    kept = "".join(char for char in text if char.isdigit() or char in ".-")
    return Decimal(kept)
