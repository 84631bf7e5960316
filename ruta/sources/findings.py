"""What a reader reports about a document: findings and fatal errors.

A finding is a contradiction or doubt the platform shows to people (the
document is still read); a ``DocumentError`` stops the import before anything
is written and names the file, the table or page, the row and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruta.common.errors import InputError


@dataclass(frozen=True)
class Finding:
    """A check that failed, with both values and where each one stands."""

    code: str
    message: str
    where: str
    values: dict[str, Any] = field(default_factory=dict)
    severity: str = "warning"

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form, values as text.

        Built field by field: ``dataclasses.asdict`` deep-copies every value,
        and a federal file has a finding for one row in four.
        """
        return {
            "code": self.code,
            "message": self.message,
            "where": self.where,
            "values": {key: str(value) for key, value in self.values.items()},
            "severity": self.severity,
        }


class DocumentError(InputError):
    """A document that cannot be read; nothing from it may be written."""
