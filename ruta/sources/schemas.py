"""API schemas of imported documents: what each file printed, and the findings."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class DocumentOut(Schema):
    sha256: str
    name: str
    kind: str
    agency: str | None
    fiscal_year: int | None
    imported_at: datetime
    row_count: int
    finding_count: int  # contradictions and doubts; informational notes aside


class PublishedRowOut(Schema):
    row: int
    line: int
    label: str
    values: dict[str, Any]


class PublishedTableOut(Schema):
    id: str
    title: str
    rows: list[PublishedRowOut]


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    where: str
    values: dict[str, Any]


class UnreadPartOut(Schema):
    kind: str = Field(
        "table",
        description="``table``: a table the importer does not take in; "
        "``sentence``: a sentence stating money in words it does not recognise.",
    )
    heading: str = Field(description="The table's first cell, or the sentence.")
    lines: list[int]
    figures: list[str] = Field(
        default_factory=list, description="The amounts a sentence states, as printed."
    )


class DocumentDetailOut(DocumentOut):
    tables: list[PublishedTableOut]
    findings: list[FindingOut]
    not_read: list[UnreadPartOut]
