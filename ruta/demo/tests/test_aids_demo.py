"""The demo's aid requests: captured by one account, granted by another."""

from __future__ import annotations

from ruta.demo.aids import AGENCY, aids_demo_load
from ruta.works.models import Aid, AidStatus
from ruta.works.selectors.aids import aids_by_sex
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory


def test_one_request_is_granted_by_another_person_and_one_waits(db, hermosillo):
    AgencyFactory(code=AGENCY)
    FiscalYearFactory(year=2025)
    assert aids_demo_load() == 2
    granted = Aid.objects.get(status=AidStatus.GRANTED)
    assert granted.is_demo
    assert granted.captured_by != granted.decided_by
    assert Aid.objects.filter(status=AidStatus.REQUESTED, is_demo=True).exists()
    assert aids_by_sex(2025).by_concept.aids == 1
    assert aids_demo_load() == 0
