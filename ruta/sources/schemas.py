"""API schemas of imported documents: what each file printed, and the findings."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class _DocumentFields(Schema):
    sha256: str
    name: str
    kind: str
    agency: str | None
    fiscal_year: int | None
    imported_at: datetime
    row_count: int
    finding_count: int  # contradictions and doubts; informational notes aside


class DocumentOut(_DocumentFields):
    """A document of the list, read from the annotated model (the paginator's rows)."""

    @staticmethod
    def resolve_agency(document: Any) -> str | None:
        return document.agency.code if document.agency else None

    @staticmethod
    def resolve_fiscal_year(document: Any) -> int | None:
        return document.fiscal_year_id


class PublishedRowOut(Schema):
    row: int = Field(description="the row's number in its table (its key)")
    line: int = Field(description="the line of the file it stands on")
    label: str
    values: dict[str, Any]

    @staticmethod
    def resolve_row(row: Any) -> int:
        return row.row_number


class PublishedTableOut(Schema):
    id: str = Field(description="give it as `table` to read the table's rows")
    title: str
    row_count: int


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


class DocumentDetailOut(_DocumentFields):
    tables: list[PublishedTableOut] = Field(
        description="the tables read, in printed order; their rows are at "
        "`/documents/{sha256}/rows?table={id}`, the findings at "
        "`/documents/{sha256}/findings`"
    )
    not_read: list[UnreadPartOut]
