"""Each card method evaluated from a handful of works, committees and aids."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ruta.accounts.cycles import step_take
from ruta.indicators.computations import (
    aid_count_by,
    committees_per_works_by_municipality,
    computed_for,
)
from ruta.indicators.models import Computation
from ruta.indicators.selectors import card_view, card_views
from ruta.participation.models import Committee
from ruta.works.cycles import WORK
from ruta.works.models import Work, WorksDelivery, WorkStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory
from testkit.factories.works import (
    AidFactory,
    FiscalYearFactory,
    WorkFactory,
    WorksProgramFactory,
)

COMMITTEES = Computation.COMMITTEES_PER_WORKS
RELEASED = Computation.RELEASED_PER_APPROVED


@pytest.fixture
def cecop(db):
    return AgencyFactory(code="sonora-cecop", name="CECOP", acronym="CECOP")


@pytest.fixture
def tsam(cecop):
    return WorksProgramFactory(agency=cecop)


@pytest.fixture
def gse(cecop):
    return WorksProgramFactory(
        code="gestion-emergente",
        acronym="GSE",
        name="Gestión Emergente",
        agency=cecop,
        delivery=WorksDelivery.DIRECT,
        committee_required=False,
    )


def works(program, *statuses: WorkStatus) -> list:
    return [WorkFactory(program=program, status=status) for status in statuses]


def committee_for(work) -> Committee:
    return Committee.objects.create(
        work=work, name=f"Comité {work.public_id}", formed_on=date(2024, 3, 1)
    )


def test_committees_per_hundred_works_that_need_one(cecop, tsam):
    needing = works(tsam, WorkStatus.RELEASED, WorkStatus.COMPLETED, "handed_over")
    committee_for(needing[0])
    committee_for(needing[1])
    assert computed_for(COMMITTEES, cecop, 2024) == Decimal("66.67")


def test_committee_ratio_cannot_pass_100_percent(cecop, tsam, gse):
    # The report counts 671 committees over 612 concerted works (109.6 %):
    # here a committee counts only on a work of the population it divides by.
    (needing,) = works(tsam, WorkStatus.RELEASED)
    committee_for(needing)
    for direct in works(gse, WorkStatus.RELEASED, WorkStatus.RELEASED):
        committee_for(direct)
    committee_for(works(tsam, WorkStatus.PROPOSED)[0])
    committee_for(works(tsam, WorkStatus.CANCELLED)[0])
    assert computed_for(COMMITTEES, cecop, 2024) == Decimal("100.00")


def test_committee_ratio_has_no_figure_without_works(cecop, tsam):
    assert computed_for(COMMITTEES, cecop, 2024) is None


def test_committee_ratio_is_given_for_each_municipality(
    cecop, tsam, hermosillo, cajeme
):
    for municipality, count in ((hermosillo, 2), (cajeme, 1)):
        for _ in range(count):
            work = WorkFactory(
                program=tsam, municipality=municipality, status=WorkStatus.RELEASED
            )
            committee_for(work)
    WorkFactory(program=tsam, municipality=hermosillo, status=WorkStatus.RELEASED)
    ratios = committees_per_works_by_municipality(cecop, 2024)
    assert [(r.municipality.name, r.works, r.percent) for r in ratios] == [
        ("Cajeme", 1, Decimal("100.00")),
        ("Hermosillo", 3, Decimal("66.67")),
    ]


def test_released_per_approved_counts_works_past_each_step(cecop, tsam):
    works(
        tsam,
        WorkStatus.PROPOSED,
        WorkStatus.APPROVED,
        WorkStatus.APPROVED,
        WorkStatus.RELEASED,
        WorkStatus.IN_EXECUTION,
    )
    # 2 released or later out of 4 approved or later; a proposal is neither.
    assert computed_for(RELEASED, cecop, 2024, "concerted") == Decimal("50.00")


def test_a_work_approved_then_cancelled_counts_as_approved(cecop, tsam):
    # The card: a work that fails the agreement "no se liberaría".
    released, failed = works(tsam, WorkStatus.RELEASED, WorkStatus.APPROVED)
    step_take(WORK, failed, "cancel", reason="Sin convenio", actor=TEST_ACTOR)
    never_approved = works(tsam, WorkStatus.PROPOSED)[0]
    step_take(WORK, never_approved, "cancel", reason="Duplicada", actor=TEST_ACTOR)
    assert Work.objects.filter(status="cancelled").count() == 2
    assert computed_for(RELEASED, cecop, 2024, "concerted") == Decimal("50.00")


def test_released_per_approved_counts_only_its_population(cecop, tsam, gse):
    works(tsam, WorkStatus.APPROVED, WorkStatus.RELEASED)
    works(gse, WorkStatus.APPROVED)
    assert computed_for(RELEASED, cecop, 2024, "concerted") == Decimal("50.00")
    assert computed_for(RELEASED, cecop, 2024) == Decimal("33.33")


def test_aid_count_includes_aid_granted_by_the_agency_units(cecop):
    unit = AgencyFactory(parent=cecop)
    AidFactory(agency=cecop)
    AidFactory.create_batch(2, agency=unit)
    AidFactory(agency=AgencyFactory())
    assert computed_for(Computation.AID_COUNT, cecop, 2024) == Decimal(3)


def test_realized_works_count_of_the_direct_programs(cecop, tsam, gse):
    works(gse, WorkStatus.CONTRACTED, WorkStatus.COMPLETED, WorkStatus.APPROVED)
    works(tsam, WorkStatus.COMPLETED)
    count = computed_for(Computation.REALIZED_WORKS_COUNT, cecop, 2024, "direct")
    assert count == Decimal(2)


def test_card_shows_the_computed_figure_beside_the_published_one(cecop, tsam):
    card = IndicatorCardFactory(
        agency=cecop, computation=Computation.COMMITTEES_PER_WORKS
    )
    IndicatorResultFactory(card=card, value=Decimal("87"))
    needing = works(tsam, WorkStatus.RELEASED, WorkStatus.RELEASED)
    committee_for(needing[0])
    latest = card_view(card, 2024).years[-1]
    assert (latest.published, latest.computed, latest.agrees) == (
        Decimal("87"),
        Decimal("50.00"),
        False,
    )


def test_batch_gives_each_agency_and_year_its_own_figure(cecop, tsam):
    other = AgencyFactory()
    unit = AgencyFactory(parent=cecop)
    AidFactory(agency=cecop)
    AidFactory(agency=unit)
    AidFactory(agency=other)
    AidFactory(agency=other, fiscal_year=FiscalYearFactory(year=2023))
    figures = aid_count_by({cecop.pk, other.pk, unit.pk}, {2023, 2024})
    assert figures == {
        (cecop.pk, 2024): Decimal(2),
        (unit.pk, 2024): Decimal(1),
        (other.pk, 2024): Decimal(1),
        (other.pk, 2023): Decimal(1),
    }


def card_views_queries(count: int) -> int:
    """Return the queries ``card_views`` runs over ``count`` cards of each method."""
    agency = AgencyFactory(code=f"agency-{count}")
    for computation in Computation.values[1:]:
        for _ in range(count):
            card = IndicatorCardFactory(agency=agency, computation=computation)
            IndicatorResultFactory(card=card, year=2024)
    with CaptureQueriesContext(connection) as queries:
        views = card_views(agency)
    assert len(views) == count * 4
    assert all(len(view.years) == 3 for view in views)
    return len(queries)


def test_card_views_queries_do_not_grow_with_cards_or_years(db):
    # A committees ratio reads the works' summary rows and the committees
    # apart (each a few rows), by year and by municipality: two of these;
    # the cards' plan alignments, one.
    assert card_views_queries(1) == card_views_queries(5) <= 12
