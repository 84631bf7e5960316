"""The demo runs each of the staff's yearly cycles through the site's services."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from ruta.accounts.models import User
from ruta.demo.cycles import (
    DEMO_CAPTURE_EMAIL,
    DEMO_PLAN_KEY,
    DEMO_VALIDATOR_EMAIL,
    POA_YEAR,
    SITE_COMMITTEE,
    cycles_demo_load,
)
from ruta.demo.oversight import OversightSummary, oversight_demo_load
from ruta.demo.published import seed_documents_load
from ruta.indicators.selectors import card_periods, card_views
from ruta.opengov.models import Commitment
from ruta.opengov.rules import STANDARD_QUESTIONNAIRE
from ruta.opengov.selectors import commitment_timeline
from ruta.participation.models import Committee
from ruta.participation.selectors import member_departures
from ruta.programs.models import (
    Goal,
    PlanStatus,
    QuarterProgress,
    UnitProgram,
    ValueStatus,
)
from ruta.programs.selectors import linked_progress
from ruta.programs.workflow import open_quarter
from ruta.timeliness.selectors import timeliness_rows
from testkit.world import constraints_settled, demo_written

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cycles(django_db_setup, django_db_blocker):
    """The demo with the seeds and the cycles, loaded twice, shared by the module.

    Without a seed, its demonstration document stands in, as in the demo.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        demo_written()
        oversight_demo_load()
        seed_documents_load()
        first = cycles_demo_load()
        again = cycles_demo_load()
        oversight_again = oversight_demo_load()
        constraints_settled()
        yield first, again, oversight_again
        transaction.set_rollback(True)


def test_a_second_load_adds_nothing(cycles):
    first, again, oversight_again = cycles
    assert (first.committees, first.poa_units) == (1, 4)
    assert (first.indicator_results, first.commitment_reports) == (3, 2)
    assert (again.committees, again.poa_units) == (0, 0)
    assert (again.indicator_results, again.commitment_reports) == (0, 0)
    assert (first.plans_on_site, again.plans_on_site) == (1, 0)
    # The committee formed on the site after the oversight part keeps only
    # what its own services recorded when that part runs again.
    assert oversight_again == OversightSummary(0, 0, 0)


def test_a_committee_is_formed_as_staff_form_one_with_a_replacement(cycles):
    committee = Committee.objects.get(name=SITE_COMMITTEE)
    assert committee.is_demo
    assert committee.work.program.code == "gestion-emergente-transforma-sonora"
    assert committee.members.count() >= 4
    assert committee.workshop.attendance == 14
    (departure,) = member_departures(committee)
    assert departure.replaced
    assert "domicilio" in departure.reason


def test_each_unit_has_its_next_poa_year_with_one_quarter_open(cycles):
    plans = UnitProgram.objects.filter(program__fiscal_year_id=POA_YEAR)
    assert plans.count() == 4  # the seed files four units (CDHI prints no code)
    for plan in plans:
        assert plan.is_demo
        assert plan.plan_status == PlanStatus.APPROVED
        assert plan.reported_quarter == 1
        assert open_quarter(plan) == 2
        assert plan.plan_approved_by != plan.plan_submitted_by
        approved = QuarterProgress.objects.filter(goal__unit_program=plan, quarter=1)
        assert {row.status for row in approved} == {ValueStatus.APPROVED}
        assert {row.approved_by.email for row in approved} == {DEMO_VALIDATOR_EMAIL}


def test_goal_307_counts_the_committees_linked_to_it(cycles):
    goal = Goal.objects.get(number=307, unit_program__program__fiscal_year_id=POA_YEAR)
    progress = linked_progress(goal, POA_YEAR)
    assert progress.committees == 12
    assert progress.total == 12


def test_the_committees_card_has_quarterly_results_by_place_that_agree_with_data(
    cycles,
):
    views = card_views()
    card = next(v.card for v in views if v.card.computation == "committees-per-works")
    periods = card_periods(views)[card.pk].periods
    assert {(p.place_label, p.result.quarter) for p in periods} == {
        ("Hermosillo", 1),
        ("Hermosillo", 2),
        ("Región Capital", 2),
    }
    for period in periods:
        assert period.result.is_demo
        assert period.computed == period.result.value
        assert period.result.captured_by.email == DEMO_CAPTURE_EMAIL
        assert period.result.approved_by.email == DEMO_VALIDATOR_EMAIL


def test_the_public_works_platform_commitment_shows_progress_over_two_periods(
    cycles,
):
    commitment = Commitment.objects.exclude(plan__key=DEMO_PLAN_KEY).get(
        agency__code="guanajuato-sicom"
    )
    assert commitment.plan.coordinator.code == "guanajuato-strc"
    points = commitment_timeline(commitment)
    on_site = [point for point in points if point.on_site]
    assert [p.progress_pct for p in on_site] == [Decimal("70.00"), Decimal("90.00")]
    assert on_site[1].change == Decimal("20.00")
    for report in commitment.reports.filter(period__document=None):
        assert report.submitted_by.email == DEMO_CAPTURE_EMAIL
        assert report.published_by.email == DEMO_VALIDATOR_EMAIL
        assert report.answers.count() == len(STANDARD_QUESTIONNAIRE)
    assert [p.is_demo for p in points] == [p.on_site for p in points]


def test_the_pages_listing_the_cycles_records_mark_the_demos(cycles, client):
    commitment = Commitment.objects.exclude(plan__key=DEMO_PLAN_KEY).get(
        agency__code="guanajuato-sicom"
    )
    plan = client.get(commitment.plan.get_absolute_url()).content.decode()
    assert "Los informes marcados «demostración»" in plan
    poa = client.get("/es-mx/programas/").content.decode()
    demo_units = UnitProgram.objects.filter(is_demo=True).count()
    assert poa.count("demostración</span>") == demo_units > 0


def test_an_overdue_poa_quarter_shows_on_the_desk_the_public_page_and_the_dataset(
    cycles, client
):
    plan = (
        UnitProgram.objects.filter(program__fiscal_year_id=POA_YEAR)
        .select_related("executing_unit__agency")
        .order_by("pk")
        .first()
    )
    key = f"poa-trimestre:{plan.pk}:2"  # the second quarter was left open
    (row,) = [row for row in timeliness_rows() if row["CLAVE"] == key]
    assert (row["SITUACION"], row["ENTREGADO"]) == ("overdue", None)
    assert row["VENCE"] == date(2024, 7, 12)
    assert row["DEMOSTRACION"]
    agency = plan.executing_unit.agency
    public = client.get(reverse("calendar:agency", args=[agency.code]))
    assert "2024, trimestre 2" in public.content.decode()
    client.force_login(User.objects.get(email=DEMO_CAPTURE_EMAIL))
    desk = client.get(reverse("calendar:desk")).content.decode()
    assert plan.executing_unit.name in desk
    assert "Vencido sin entregar" in desk
