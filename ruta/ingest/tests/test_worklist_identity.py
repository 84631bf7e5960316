"""A row's identity read alone agrees with its full reading; figures compare as
text exactly as they compare as numbers; the reader's caches stay bounded."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from ruta.ingest.worklist import (
    Geography,
    WorkRow,
    boundaries_load,
    geo,
    identity_headers,
    raw_rows,
    row_identity,
    row_read,
    worklist_open,
)
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from testkit.worklists import (
    OPA_2015_HEADER,
    opa_2015_row,
    opa_2019_row,
    template_row,
    worklist_file,
)

DATA = Path(__file__).resolve().parents[2] / "catalog" / "data"


@pytest.fixture(scope="module")
def geography() -> Geography:
    with (DATA / "states.csv").open(encoding="utf-8") as handle:
        states = {row["cve_ent"]: row["name"] for row in csv.DictReader(handle)}
    return Geography(
        states=states,
        municipalities=frozenset({"26030", "26018"}),
        boundaries=boundaries_load(DATA / "state_boundaries.json"),
    )


def _both(path: Path, geography: Geography):
    """Return each row's identity read alone and its full reading."""
    file = worklist_open(path)
    alone = [
        row_identity(raw, file.column_set)
        for raw in raw_rows(file, only=identity_headers(file.column_set))
    ]
    full = [row_read(raw, file.column_set, geography).row for raw in raw_rows(file)]
    return alone, full


def test_a_rows_identity_read_alone_is_the_key_and_year_of_its_full_reading(
    tmp_path, geography
):
    rows = [
        opa_2019_row(1),  # the key behind SHCP's apostrophe
        opa_2019_row(2, CVE_CARTERA="", ID_PPI="54090"),  # no key: its ID_PPI
        opa_2019_row(3, CVE_CARTERA="", ID_PPI=""),  # neither: not read
        opa_2019_row(4, ANIO="TOTAL", CICLO="2018"),  # no year of its own
        opa_2019_row(5, CVE_CARTERA="  1.136E+13 "),  # a spreadsheet's key
    ]
    alone, full = _both(worklist_file(tmp_path, "opa.csv", rows), geography)
    assert [i.key if i else None for i in alone] == [r.key if r else None for r in full]
    assert [i.rank if i else None for i in alone] == [
        r.rank if r else None for r in full
    ]
    assert [i.key for i in alone if i] == [
        "000109J3E0005",
        "PPI-54090",
        "000409J3E0005",
        "1.136E+13",
    ]


def test_the_identity_of_the_2015_and_template_rows_agrees_too(tmp_path, geography):
    old = worklist_file(tmp_path, "2015.csv", [opa_2015_row(1)], header=OPA_2015_HEADER)
    template = worklist_file(
        tmp_path,
        "obras.csv",
        [template_row(1, SUBPROGRAMA="bacheo"), template_row(2, EJERCICIO="")],
        header=list(TEMPLATE_HEADER),
    )
    for path in (old, template):
        alone, full = _both(path, geography)
        assert [(i.key, i.rank, i.subprogram) for i in alone] == [
            (r.key, r.rank, r.subprogram) for r in full
        ]


def test_a_first_pass_keeps_only_the_cells_it_asks_for_with_the_same_numbers(
    tmp_path,
):
    rows = [opa_2019_row(1), {}, opa_2019_row(2)]  # a blank record between
    file = worklist_open(worklist_file(tmp_path, "opa.csv", rows))
    only = frozenset({"CVE_CARTERA", "ANIO"})
    kept = list(raw_rows(file, only=only))
    assert [(raw.number, raw.line) for raw in kept] == [
        (raw.number, raw.line) for raw in raw_rows(file)
    ]
    assert all(set(raw.cells) == only for raw in kept)


def _row(**figures) -> WorkRow:
    return WorkRow(number=1, line=2, key="K", name="Obra", **figures)


def test_figures_read_alike_as_text_exactly_when_they_are_equal():
    same = [
        (_row(approved=Decimal("5")), _row(approved=Decimal("5.00"))),
        (_row(paid=Decimal("-0.00")), _row(paid=Decimal("0"))),
        (
            _row(sources={"FISCAL": Decimal("1E+2")}),
            _row(sources={"FISCAL": Decimal("100.00")}),
        ),
    ]
    different = [
        (_row(approved=Decimal("5")), _row(modified=Decimal("5"))),
        (_row(approved=Decimal("5")), _row()),
        (_row(paid=Decimal("0")), _row()),
        (
            _row(sources={"FISCAL": Decimal("100")}),
            _row(sources={"PROPIO": Decimal("100")}),
        ),
        (_row(total=Decimal("10.5")), _row(total=Decimal("10.05"))),
    ]
    for one, other in same:
        assert one.figures() == other.figures()
        assert one.figures_text() == other.figures_text()
    for one, other in different:
        assert one.figures() != other.figures()
        assert one.figures_text() != other.figures_text()


def test_the_answers_of_the_state_outlines_are_kept_for_a_bounded_number_of_points(
    geography, monkeypatch
):
    monkeypatch.setattr(geo, "MOST_ASKED", 10)
    boundaries = geography.boundaries
    for step in range(25):
        boundaries.holds("26", Decimal("29.0") + step, Decimal("-110.9"))
        assert len(boundaries._asked) <= 10
    assert boundaries.holds("26", Decimal("29.07"), Decimal("-110.95")) is True
