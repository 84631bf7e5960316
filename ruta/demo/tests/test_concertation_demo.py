"""The demo's concertation agreements reproduce the report's $150 million."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ruta.accounts.actors import DEMO
from ruta.accounts.cycles import step_take
from ruta.concertation.models import Agreement
from ruta.concertation.selectors import floor_use
from ruta.demo.concertation import concertation_demo_load
from ruta.works.cycles import WORK
from ruta.works.models import Work, WorksDelivery, WorkStatus


def test_the_demo_floors_add_up_to_the_report_and_hold_one_incomplete_checklist(
    demo_world, db
):
    assert concertation_demo_load() == 72
    assert concertation_demo_load() == 0
    agreements = list(Agreement.objects.filter(is_demo=True, fiscal_year_id=2024))
    assert sum(a.floor for a in agreements) == Decimal("150000000.00")
    assert all(not floor_use(a).exceeded for a in agreements)
    incomplete = [a for a in agreements if a.checks.count() < 5]
    assert len(incomplete) == 1
    waiting = Work.objects.filter(
        program__delivery=WorksDelivery.CONCERTED,
        municipality=incomplete[0].municipality,
        fiscal_year_id=2024,
        status=WorkStatus.APPROVED,
    ).first()
    with pytest.raises(ValidationError, match="propiedad de los predios"):
        step_take(WORK, waiting, "release", actor=DEMO)
