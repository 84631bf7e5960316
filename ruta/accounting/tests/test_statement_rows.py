"""The open data's statement rows: each line of each latest statement, once."""

from __future__ import annotations

from ruta.accounting.selectors import statement_rows
from ruta.demo.statements import statements_demo_load
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory


def test_two_statements_of_one_year_give_each_line_once(db):
    AgencyFactory(code="sonora-cecop")
    FiscalYearFactory(year=2024)
    assert statements_demo_load() == 2
    rows = list(statement_rows())
    keys = [(r["DOCUMENTO_SHA256"], r["CLASIFICACION"], r["CLAVE"]) for r in rows]
    assert len({r["DOCUMENTO_SHA256"] for r in rows}) == 2
    assert len(keys) == len(set(keys))
