"""The staff's commitment reports follow the demonstration action plan too.

Without the published report beside the checkout the demo imports its
demonstration document; the public-works platform's commitment must be
found there and reported in the two periods after it.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from pghistory.models import MiddlewareEvents

from ruta.accounts.actors import DEMO
from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.demo.cycles import (
    DEMO_PLAN_KEY,
    DEMO_REPORTING_AGENCY,
    action_plan_on_site_demo_load,
    commitment_periods_demo_load,
    demo_staff_ensure,
)
from ruta.demo.documents.demonstration import DEMONSTRATIONS, GTO_ACTION_PLAN
from ruta.ingest.importers import IMPORTERS
from ruta.opengov.models import ActionPlan, Commitment
from ruta.opengov.selectors import commitment_timeline
from testkit.world import constraints_settled

pytestmark = pytest.mark.django_db

DEMONSTRATION = next(d for d in DEMONSTRATIONS if d.seed == GTO_ACTION_PLAN)


@pytest.fixture(scope="module")
def reported(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demonstration report imported, then its commitment reported twice over."""
    path = tmp_path_factory.mktemp("plan") / DEMONSTRATION.file_name
    path.write_text(DEMONSTRATION.text(), encoding="utf-8")
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_load(read_catalog())
        IMPORTERS[DEMONSTRATION.importer].load(path=path, actor=DEMO)
        people = demo_staff_ensure()
        first = commitment_periods_demo_load(people)
        again = commitment_periods_demo_load(people)
        constraints_settled()
        yield first, again
        transaction.set_rollback(True)


def test_the_public_works_platform_is_reported_in_two_periods_after_the_report(
    reported,
):
    assert reported == (2, 0)
    commitment = Commitment.objects.get(agency__code=DEMO_REPORTING_AGENCY)
    assert commitment.name == "Guanajuato Construye"
    points = commitment_timeline(commitment)
    assert [(p.as_of, p.progress_pct, p.on_site) for p in points] == [
        (date(2020, 2, 5), None, False),
        (date(2020, 8, 31), Decimal("70.00"), True),
        (date(2021, 2, 28), Decimal("90.00"), True),
    ]
    assert points[0].document_name == DEMONSTRATION.file_name


def test_the_demo_registers_a_plan_as_the_site_does_and_reports_it(reported):
    people = demo_staff_ensure()
    assert action_plan_on_site_demo_load(people) == 1
    assert action_plan_on_site_demo_load(people) == 0
    plan = ActionPlan.objects.get(key=DEMO_PLAN_KEY)
    (created,) = [
        e for e in MiddlewareEvents.objects.tracks(plan) if e.pgh_label == "insert"
    ]
    assert created.pgh_context["service"] == "action_plan_create"
    assert created.user_id == people.validator.pk
    (commitment,) = plan.commitments.all()
    assert commitment.agency.code == DEMO_REPORTING_AGENCY
    assert [
        (p.as_of, p.progress_pct, p.on_site) for p in commitment_timeline(commitment)
    ] == [(date(2025, 12, 31), Decimal("25.00"), True)]
