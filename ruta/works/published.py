"""The published 2024 tables the demo reproduces, read from versioned files.

The figures are facts printed in the CECOP "Informe Anual de Resultados
2024" (see ``data/SOURCES.md``); a test checks the files against what the
report parser reads from the document itself.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ruta.common.text.folding import normalize_key

DATA_DIR = Path(__file__).resolve().parent / "data"
WORKS_TABLES_2024 = DATA_DIR / "cecop_2024_published_tables.csv"
AID_TABLE_2024 = DATA_DIR / "cecop_2024_aid_by_concept.csv"

TSAM = "transforma-sonora-apoyo-municipios"
GSE = "gestion-emergente-transforma-sonora"
SUBPROGRAM = "subprogram"
REGION = "region"


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None


@dataclass(frozen=True)
class PublishedWorksRow:
    """One printed row of a works table (a subprogram, a region or the total)."""

    program: str
    dimension: str
    label: str
    works: int
    total: Decimal | None
    state: Decimal
    municipality: Decimal | None
    community: Decimal | None
    beneficiaries: int
    line: int

    @property
    def key(self) -> str:
        """Return the label as a comparable key."""
        return normalize_key(self.label)

    @property
    def is_total(self) -> bool:
        """Return whether this is the table's total row."""
        return self.key in {"TOTAL", "TOTALES"}


@dataclass(frozen=True)
class PublishedAidRow:
    """One printed row of the aid-by-concept table, or its total."""

    concept: str
    label: str
    amount: Decimal
    line: int


def published_works_rows(path: Path = WORKS_TABLES_2024) -> list[PublishedWorksRow]:
    """Return every row of the published works tables, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            PublishedWorksRow(
                program=row["program"],
                dimension=row["dimension"],
                label=row["label"],
                works=int(row["works"]),
                total=_decimal(row["total"]),
                state=Decimal(row["state"]),
                municipality=_decimal(row["municipality"]),
                community=_decimal(row["community"]),
                beneficiaries=int(row["beneficiaries"]),
                line=int(row["line"]),
            )
            for row in csv.DictReader(handle)
        ]


def published_table(
    program: str, dimension: str, path: Path = WORKS_TABLES_2024
) -> tuple[list[PublishedWorksRow], PublishedWorksRow]:
    """Return the rows and the total row of one published works table."""
    rows = [
        row
        for row in published_works_rows(path)
        if row.program == program and row.dimension == dimension
    ]
    return [row for row in rows if not row.is_total], next(
        row for row in rows if row.is_total
    )


def published_aid_rows(path: Path = AID_TABLE_2024) -> list[PublishedAidRow]:
    """Return the aid-by-concept rows, the total last."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            PublishedAidRow(
                concept=row["concept"],
                label=row["label"],
                amount=Decimal(row["amount"]),
                line=int(row["line"]),
            )
            for row in csv.DictReader(handle)
        ]
