"""The demo's budget modifications: captured by one account, approved by another."""

from __future__ import annotations

from decimal import Decimal

from ruta.demo.modifications import AGENCY, modifications_demo_load
from ruta.works.models import BudgetModification, ModificationStatus, WorkStatus
from ruta.works.selectors.budget import budget_phases
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import WorkFactory


def test_one_modification_is_approved_by_another_person_and_one_waits(db):
    agency = AgencyFactory(code=AGENCY)
    work = WorkFactory(
        executing_agency=agency,
        status=WorkStatus.IN_EXECUTION,
        total_investment=Decimal("1000000.00"),
        is_demo=True,
        published=True,
    )
    assert modifications_demo_load() == 2
    approved = BudgetModification.objects.get(status=ModificationStatus.APPROVED)
    assert approved.captured_by != approved.decided_by
    assert BudgetModification.objects.filter(
        status=ModificationStatus.CAPTURED
    ).exists()
    total = budget_phases(work.fiscal_year_id).total
    assert total.modified - total.approved == Decimal("100000.00")
    assert modifications_demo_load() == 0
