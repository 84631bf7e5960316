"""Reads of the imported documents: what each one printed and what was found.

A reader who follows a figure back to its source lands here: the file and
its SHA-256 (to check it is the same file), the tables read with their rows
and lines, the findings, and the tables the reader did not take in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ruta.ingest.finding_texts import FindingText, finding_text
from ruta.ingest.models import PublishedRow, SourceDocument


def documents() -> QuerySet[SourceDocument]:
    """Return every imported document, newest first, with its row and finding counts."""
    return (
        SourceDocument.objects.select_related("agency", "fiscal_year")
        .annotate(
            row_count=Count("rows", distinct=True),
            finding_count=Count(
                "findings", filter=~Q(findings__severity="info"), distinct=True
            ),
        )
        .order_by("-imported_at", "-pk")
    )


@dataclass(frozen=True)
class RowView:
    """A published row as the document page lists it."""

    row_number: int
    line: int
    label: str
    figures: str  # "works: 55; total: 19934628.64; …" as read

    @classmethod
    def of(cls, row: PublishedRow) -> RowView:
        return cls(row.row_number, row.line, row.label, _figures(row.values))


def _figures(values: dict, prefix: str = "") -> str:
    """Return a row's values as "name: value" pairs, nested names joined by dots."""
    parts = []
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            parts.append(_figures(value, f"{name}."))
        elif value not in (None, ""):
            parts.append(f"{name}: {value}")
    return "; ".join(part for part in parts if part)


@dataclass(frozen=True)
class PublishedTable:
    """One table of a document as it was read: its rows in printed order."""

    table_id: str
    title: str
    rows: tuple[RowView, ...]

    @property
    def lines(self) -> tuple[int, int]:
        """Return the first and last line of the file the table's rows stand on."""
        numbers = [row.line for row in self.rows]
        return min(numbers), max(numbers)


@dataclass(frozen=True)
class DocumentDetail:
    document: SourceDocument
    tables: tuple[PublishedTable, ...]
    findings: tuple[FindingText, ...]
    severities: dict[str, int]
    not_read: tuple[dict, ...]


def document_detail(sha256: str) -> DocumentDetail:
    """Return a document with its tables, findings and unread tables (or raise)."""
    document = SourceDocument.objects.select_related("agency", "fiscal_year").get(
        sha256=sha256
    )
    rows = list(document.rows.order_by("line", "table_id", "row_number"))
    order = list(dict.fromkeys(row.table_id for row in rows))
    tables = tuple(
        PublishedTable(
            table_id=table_id,
            title=next(row.title for row in rows if row.table_id == table_id),
            rows=tuple(RowView.of(row) for row in rows if row.table_id == table_id),
        )
        for table_id in order
    )
    stored = list(document.findings.order_by("pk"))
    return DocumentDetail(
        document=document,
        tables=tables,
        findings=tuple(finding_text(finding) for finding in stored),
        severities=dict(Counter(finding.severity for finding in stored)),
        not_read=tuple(document.summary.get("not_read", ())),
    )
