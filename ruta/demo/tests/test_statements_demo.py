"""The demo's 2024 statements of the CECOP: built around its report's figures,
consistent (no finding), marked as demonstration and loaded once."""

from __future__ import annotations

from decimal import Decimal

from ruta.accounting.models import BudgetStatement
from ruta.accounting.selectors import year_statements
from ruta.demo.statements import AUTHORISED, INVESTED, statements_demo_load
from ruta.sources.models import DocumentFinding
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory


def test_the_statement_approves_the_report_s_authorised_budget_and_accrues_its_works(
    db,
):
    AgencyFactory(code="sonora-cecop")
    FiscalYearFactory(year=2024)
    assert statements_demo_load() == 2
    expenditure = BudgetStatement.objects.get(kind="expenditure")
    assert expenditure.is_demo
    assert "demostracion" in expenditure.source_document.name
    by_object = expenditure.lines.filter(classification="object")
    assert by_object.get(key="TOTAL").approved == AUTHORISED == Decimal("528628425.05")
    assert by_object.get(key="6100").accrued == INVESTED
    aid = by_object.get(key="4000")
    assert aid.accrued == Decimal("111652157.57")  # the report's aid table
    units = expenditure.lines.filter(classification="administrative")
    assert units.get(key="TOTAL").approved == AUTHORISED
    assert units.count() == 7
    assert not DocumentFinding.objects.exists()
    assert BudgetStatement.objects.get(kind="revenue").is_demo
    assert statements_demo_load() == 0


def test_mexicali_s_demonstration_statement_is_its_ayuntamiento_s_and_marked(
    db, settings
):
    from ruta.catalog.datafiles import read_catalog
    from ruta.catalog.loader import catalog_load
    from ruta.demo.statements import municipal_statement_demo_load

    catalog_load(read_catalog())
    FiscalYearFactory(year=2024)
    assert municipal_statement_demo_load() == 1
    statement = BudgetStatement.objects.get(agency__code="ayuntamiento-02002")
    assert (statement.fiscal_year_id, statement.is_demo) == (2024, True)
    assert municipal_statement_demo_load() == 0
    settings.RUTA_STATE = "26"
    assert not year_statements(2024)
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = "02002"
    assert year_statements(2024) == [statement]
