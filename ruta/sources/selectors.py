"""Reads of the imported documents: what each one printed and what was found.

A reader who follows a figure back to its source lands here: the file and
its SHA-256 (to check it is the same file), the tables read with their rows
and lines, the findings, and the tables the reader did not take in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ruta.sources.finding_texts import FindingText, finding_text
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from ruta.sources.records import row_anchor


def documents() -> QuerySet[SourceDocument]:
    """Return every imported document, newest first, with its row and finding counts.

    Findings count without the informative notes. Counted by subqueries: two
    counted joins multiply each document's rows by its findings (over a
    minute for the federal works files, thousands of each).
    """
    return (
        SourceDocument.objects.select_related("agency", "fiscal_year")
        .annotate(
            row_count=_counted(PublishedRow.objects.all()),
            finding_count=_counted(DocumentFinding.objects.exclude(severity="info")),
        )
        .order_by("-imported_at", "-pk")
    )


def _counted(rows: QuerySet) -> Coalesce:
    """Return how many of ``rows`` belong to the outer document."""
    counted = (
        rows.filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), Value(0))


@dataclass(frozen=True)
class RowView:
    """A published row as the document page and the API give it."""

    row_number: int
    line: int
    label: str
    values: dict
    table_id: str = ""

    @property
    def anchor(self) -> str:
        """Return the row's fragment on the page, which other pages link to."""
        return row_anchor(self.table_id, self.row_number)

    @property
    def figures(self) -> str:
        """Return the values as "works: 55; total: 19934628.64; …" as read."""
        return _figures(self.values)


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


@dataclass(frozen=True)
class DocumentDetail:
    document: SourceDocument  # annotated with row_count and finding_count
    tables: tuple[PublishedTable, ...]
    stored_findings: tuple[DocumentFinding, ...]
    not_read: tuple[dict, ...]

    @property
    def findings(self) -> tuple[FindingText, ...]:
        """Return the findings in the active language."""
        return tuple(finding_text(finding) for finding in self.stored_findings)


def document_detail(sha256: str) -> DocumentDetail:
    """Return a document with its tables, findings and unread tables (or raise)."""
    document = documents().get(sha256=sha256)
    titles: dict[str, str] = {}
    rows: dict[str, list[RowView]] = {}
    for row in document.rows.order_by("line", "table_id", "row_number"):
        titles.setdefault(row.table_id, row.title)
        view = RowView(row.row_number, row.line, row.label, row.values, row.table_id)
        rows.setdefault(row.table_id, []).append(view)
    tables = tuple(
        PublishedTable(table_id, titles[table_id], tuple(found))
        for table_id, found in rows.items()
    )
    return DocumentDetail(
        document=document,
        tables=tables,
        stored_findings=tuple(document.findings.order_by("pk")),
        not_read=tuple(document.summary.get("not_read", ())),
    )
