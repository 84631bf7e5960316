"""Load the works programs and subprograms from their versioned data files.

Upserts keyed by code, so loading twice changes nothing. The catalog
(agencies) must be loaded first: a program points at its agency.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ruta.catalog.models import Agency
from ruta.common.text.folding import normalize_key
from ruta.works.models import Subprogram, WorksDelivery, WorksProgram
from ruta.works.published import DATA_DIR

PROGRAMS_FILE = DATA_DIR / "programs.csv"
SUBPROGRAMS_FILE = DATA_DIR / "subprograms.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def subprogram_codes_by_label(path: Path = SUBPROGRAMS_FILE) -> dict[str, str]:
    """Return subprogram codes keyed by the printed label's key."""
    return {normalize_key(row["printed_as"]): row["code"] for row in _rows(path)}


def subprogram_order(path: Path = SUBPROGRAMS_FILE) -> list[str]:
    """Return subprogram codes in the order the report prints them."""
    rows = sorted(_rows(path), key=lambda row: int(row["position"]))
    return [row["code"] for row in rows]


PROGRAM_COLUMNS = (
    "code", "acronym", "agency", "name", "delivery", "committee_required",
    "description",
)  # fmt: skip


def _columns_check(
    path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]
) -> None:
    """Raise naming the file when its header lacks a column the loader reads."""
    present = set(rows[0]) if rows else set(columns)
    missing = [column for column in columns if column not in present]
    if missing:
        raise ValidationError(
            f"{path.name}, line 1: the header lacks {', '.join(missing)} (expected "
            f"{','.join(columns)})"
        )


def _program_row_check(row: dict[str, str], where: str, agencies: dict) -> None:
    """Raise naming the line and column of a program row that cannot be loaded."""
    if row["agency"] not in agencies:
        raise ValidationError(
            f"{where}: agency {row['agency']!r} is not in the catalog; run "
            "`ruta load-catalog` first"
        )
    if row["delivery"] not in WorksDelivery.values:
        raise ValidationError(
            f"{where}: delivery {row['delivery']!r} is not one of "
            f"{', '.join(WorksDelivery.values)}"
        )
    if row["committee_required"] not in {"true", "false"}:
        raise ValidationError(
            f"{where}: committee_required {row['committee_required']!r} is not "
            "true or false"
        )


@transaction.atomic
def works_catalog_load(
    programs: Path = PROGRAMS_FILE, subprograms: Path = SUBPROGRAMS_FILE
) -> tuple[int, int]:
    """Upsert the programs and subprograms; return how many of each."""
    program_rows = _rows(programs)
    _columns_check(programs, program_rows, PROGRAM_COLUMNS)
    agencies = dict(
        Agency.objects.filter(
            code__in={row["agency"] for row in program_rows}
        ).values_list("code", "pk")
    )
    for number, row in enumerate(program_rows, start=2):
        _program_row_check(row, f"{programs.name}, line {number}", agencies)
    WorksProgram.objects.bulk_create(
        [
            WorksProgram(
                code=row["code"],
                name=row["name"],
                acronym=row["acronym"],
                agency_id=agencies[row["agency"]],
                description=row["description"],
                delivery=row["delivery"],
                committee_required=row["committee_required"] == "true",
            )
            for row in program_rows
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "name",
            "acronym",
            "agency",
            "description",
            "delivery",
            "committee_required",
        ],
    )
    subprogram_rows = _rows(subprograms)
    Subprogram.objects.bulk_create(
        [
            Subprogram(
                code=row["code"], name=row["name"], position=int(row["position"])
            )
            for row in subprogram_rows
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "position"],
    )
    return len(program_rows), len(subprogram_rows)
