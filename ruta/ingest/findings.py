"""What a reader reports about a document: findings and fatal errors.

A finding is a contradiction or doubt the platform shows to people (the
document is still read); a ``DocumentError`` stops the import before anything
is written and names the file, the table or page, the row and the field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    """A check that failed, with both values and where each one stands."""

    code: str
    message: str
    where: str
    values: dict[str, Any] = field(default_factory=dict)
    severity: str = "warning"

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form: ``message`` and ``where`` first."""
        data = asdict(self)
        data["values"] = {key: str(value) for key, value in self.values.items()}
        return data


class DocumentError(Exception):
    """A document that cannot be read; nothing from it may be written."""

    def __init__(
        self,
        reason: str,
        *,
        file: str = "",
        table: str = "",
        row: str | int = "",
        field: str = "",
        line: int | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.table = table
        self.row = row
        self.field = field
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        """Return "file, line N, table T, row R, field F: reason"."""
        parts = [
            self.file,
            f"line {self.line}" if self.line else "",
            f"table {self.table!r}" if self.table else "",
            f"row {self.row!r}" if self.row != "" else "",
            f"field {self.field!r}" if self.field else "",
        ]
        place = ", ".join(part for part in parts if part)
        return f"{place}: {self.reason}" if place else self.reason
