"""The error every reader of user input raises: what was refused, and where.

Bad input changes nothing and gets a message a person can act on: the file,
the line, the table, the row and the field, then why. Catalog data files and
published documents both raise subclasses of ``InputError``, so commands and
pages report them the same way. The reason is English, for the command line
and the logs; a refusal pages must say in their own language also carries a
stable ``code`` and the ``values`` its sentence is filled from
(``ruta.sources.display.refusal_text``).
"""

from __future__ import annotations

from typing import Any


class InputError(Exception):
    """Input that cannot be taken in; nothing from it may be written."""

    def __init__(
        self,
        reason: str,
        *,
        file: str = "",
        table: str = "",
        row: str | int = "",
        field: str = "",
        line: int | None = None,
        code: str = "",
        values: dict[str, Any] | None = None,
    ) -> None:
        self.reason = reason
        self.code = code
        self.values = dict(values or {})
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

    def as_dict(self) -> dict[str, Any]:
        """Return the error's parts as JSON, for ``--json`` output and the API."""
        return {
            "file": self.file,
            "line": self.line,
            "table": self.table,
            "row": self.row,
            "field": self.field,
            "reason": self.reason,
            "message": self.describe(),
            "code": self.code,
            "values": self.values,
        }
