"""A federal works-list row counts the year's budget, not its lifetime cost."""

from __future__ import annotations

from decimal import Decimal

from ruta.ingest.loaders.worklist_records import federal_year_funding
from ruta.ingest.worklist import WorkRow

BUDGET = "Presupuesto de Egresos de la Federación"


def _row(**figures) -> WorkRow:
    base = {"number": 1, "line": 2, "key": "0309J3A0002", "name": "Carretera"}
    return WorkRow(**base, **figures)


def test_the_years_modified_budget_is_the_works_money():
    row = _row(
        year=2020,
        approved=Decimal("1000"),
        modified=Decimal("900"),
        total=Decimal("50000"),
        sources={"FISCAL": Decimal("50000")},
    )
    total, [share] = federal_year_funding(row)
    assert total == Decimal("900")
    assert (share.source, share.fund, share.amount) == (
        "federal",
        f"{BUDGET} 2020, modificado",
        Decimal("900"),
    )


def test_without_a_modification_the_approved_budget_counts():
    total, [share] = federal_year_funding(_row(year=2019, approved=Decimal("700")))
    assert (total, share.fund) == (Decimal("700"), f"{BUDGET} 2019, aprobado")


def test_a_negative_modification_falls_back_to_the_approved_budget():
    row = _row(year=2019, approved=Decimal("700"), modified=Decimal("-5"))
    assert federal_year_funding(row)[0] == Decimal("700")


def test_a_zero_or_missing_budget_leaves_no_funding_row():
    assert federal_year_funding(_row(year=2019, modified=Decimal("0"))) == (0, ())
    assert federal_year_funding(_row(total=Decimal("50000"))) == (0, ())


def test_a_row_whose_year_reads_total_is_filed_under_its_cycle():
    # OPA prints ANIO "TOTAL" (read as no year) for a project whose fiscal
    # calendar ended, with that last cycle in CICLO.
    row = _row(cycle=2018, modified=Decimal("357938"), approved=Decimal("3200000"))
    total, [share] = federal_year_funding(row)
    assert row.fiscal_year == 2018
    assert (total, share.fund) == (Decimal("357938"), f"{BUDGET} 2018, modificado")
