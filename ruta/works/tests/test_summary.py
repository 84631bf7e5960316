"""The works' summary rows: kept by the database through every kind of write."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ruta.portal.selectors import (
    demo_works_of_year,
    works_year_choice,
    years_with_works,
)
from ruta.works.models import (
    BudgetModification,
    Funding,
    FundingSource,
    ModificationStatus,
    Work,
    WorkStatus,
)
from ruta.works.selectors import WorkFilters, work_filter_options, work_list
from ruta.works.selectors.aggregates import DIMENSIONS, _built, _summarized
from ruta.works.selectors.explore import work_totals, work_totals_summarized
from ruta.works.selectors.summary import summary_answers, summary_drift
from testkit.factories.works import (
    FiscalYearFactory,
    ProgressFactory,
    WorkFactory,
    published_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def works(hermosillo, cajeme):
    """Works of two years and places, published or not, with several sources."""
    year_2023 = FiscalYearFactory(year=2023)
    return [
        WorkFactory(
            municipality=hermosillo,
            realized=True,
            beneficiaries=100,
            funding=[
                (FundingSource.STATE, "800000.00"),
                (FundingSource.MUNICIPALITY, "200000.00"),
            ],
        ),
        WorkFactory(
            municipality=hermosillo,
            published=True,
            fiscal_year=year_2023,
            total_investment=Decimal("300000.50"),
            funding=[
                (FundingSource.FEDERAL, "300000.50", "FAIS"),
                (FundingSource.FEDERAL, "0.00", "FISE"),
            ],
        ),
        WorkFactory(
            municipality=cajeme,
            realized=True,
            is_demo=True,
            total_investment=Decimal("99.99"),
            funding=[(FundingSource.COMMUNITY, "99.99")],
        ),
        WorkFactory(municipality=cajeme, total_investment=Decimal("5.00")),
    ]


def test_the_sums_start_equal_to_the_works(works):
    assert summary_drift() == 0


def test_a_saved_work_moves_its_sums_and_its_funding_to_its_new_group(works, cajeme):
    work = works[0]
    work.municipality = cajeme
    work.status = WorkStatus.CANCELLED
    work.beneficiaries = 3
    work.save()
    assert summary_drift() == 0


def test_a_bulk_update_and_raw_sql_keep_the_sums(works):
    Work.objects.filter(published_at=None).update(published_at=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE works_work SET fiscal_year_id = 2023, is_demo = true")
    assert summary_drift() == 0


def _total(work: Work, amount: str) -> None:
    """Set ``work``'s total so its funding adds up at the end of the test."""
    Work.objects.filter(pk=work.pk).update(total_investment=Decimal(amount))


def test_funding_added_changed_moved_and_deleted_keeps_the_sums(works):
    first, second, third, _ = works
    Funding.objects.create(work=first, source=FundingSource.OTHER, amount=0)
    Funding.objects.filter(work=first, source=FundingSource.STATE).update(
        amount=Decimal("0.00")
    )
    _total(first, "200000.00")
    assert summary_drift() == 0
    # A line keeps its work: moved, it is taken from one and added to another.
    moved = list(Funding.objects.filter(work=third).values("source", "fund", "amount"))
    Funding.objects.filter(work=third).delete()
    Funding.objects.bulk_create(Funding(work=second, **line) for line in moved)
    _total(second, "300100.49")
    _total(third, "0.00")
    assert summary_drift() == 0
    Funding.objects.filter(work=second, fund="FAIS").delete()
    _total(second, "99.99")
    assert summary_drift() == 0


def test_a_deleted_work_leaves_no_group(works):
    proposed = works[3]
    proposed.delete()
    assert summary_drift() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM works_worksummary WHERE NOT published")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM works_fundingsummary WHERE NOT published")
        assert cursor.fetchone()[0] == 0


SUMMARY_FILTERS = [
    WorkFilters(),
    WorkFilters(year=2024),
    WorkFilters(year=2023, municipality="26030"),
    WorkFilters(region=1),
    WorkFilters(status=WorkStatus.COMPLETED),
    WorkFilters(program="no-such-program"),
]


@pytest.mark.parametrize("filters", SUMMARY_FILTERS, ids=repr)
def test_totals_from_the_summary_are_those_of_the_works(works, filters):
    assert summary_answers(filters)
    assert work_totals_summarized(filters) == work_totals(work_list(filters=filters))


@pytest.mark.parametrize(
    "by", [(name,) for name in DIMENSIONS] + [("year", "source"), ("region", "status")]
)
def test_aggregates_from_the_summary_are_those_of_the_works(works, by):
    assert _summarized(by, WorkFilters()) == _built(by, WorkFilters())


@pytest.mark.parametrize(
    "filters",
    [
        WorkFilters(text="calle"),
        WorkFilters(source=FundingSource.STATE),
        WorkFilters(amount_min=Decimal(1)),
        WorkFilters(contractor="ACME"),
        WorkFilters(late=True),
    ],
    ids=repr,
)
def test_a_filter_the_groups_cannot_answer_is_read_from_the_works(filters):
    assert not summary_answers(filters)


def test_years_options_and_demo_counts_read_no_work(works):
    with CaptureQueriesContext(connection) as queries:
        assert years_with_works() == [2024, 2023]
        assert works_year_choice().default == 2024
        assert demo_works_of_year(2024) == 1
        options = work_filter_options()
    assert options.years == [2024, 2023]
    assert [m.code for m in options.municipalities] == ["26018", "26030"]
    assert not [q for q in queries if '"works_work"' in q["sql"]]


def _inputs(work: Work) -> tuple:
    """Return the phase inputs kept on ``work``'s row (``works.models.phases``)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT published_modified, published_paid, modifications_approved, "
            "progress_paid FROM works_work WHERE id = %s",
            [work.pk],
        )
        return cursor.fetchone()


def test_progress_entries_keep_a_works_paid_and_its_groups_phases(works):
    first = works[0]
    ProgressFactory(work=first, date=date(2024, 3, 1), amount_paid=Decimal("10.00"))
    latest = ProgressFactory(
        work=first, date=date(2024, 6, 1), amount_paid=Decimal("1200000.00")
    )
    assert _inputs(first)[3] == Decimal("1200000.00")
    assert summary_drift() == 0
    latest.delete()
    assert _inputs(first)[3] == Decimal("10.00")
    assert summary_drift() == 0


def test_approved_modifications_alone_add_to_a_works_modified(works):
    second = works[1]
    change = BudgetModification.objects.create(
        work=second, amount=Decimal("-500.50"), reason="Reducción"
    )
    assert _inputs(second)[2] == 0
    change.status = ModificationStatus.APPROVED
    change.save()
    assert _inputs(second)[2] == Decimal("-500.50")
    assert summary_drift() == 0
    BudgetModification.objects.filter(pk=change.pk).update(
        status=ModificationStatus.REJECTED
    )
    assert _inputs(second)[2] == 0
    assert summary_drift() == 0


def test_the_latest_file_gives_a_works_published_figures_whatever_the_order(works):
    second = works[1]
    modified = str(second.total_investment)
    latest = published_file(second, modified=modified, paid="400000.00")
    # An earlier file, added later.
    published_file(second, modified=modified, paid="100.00", as_of=date(2024, 6, 30))
    assert _inputs(second)[1] == Decimal("400000.00")
    assert summary_drift() == 0
    latest.delete()
    assert _inputs(second)[1] == Decimal("100.00")
    assert summary_drift() == 0


def test_a_desk_save_of_a_work_read_before_its_progress_keeps_the_progress(works):
    first = works[0]
    read_before = Work.objects.get(pk=first.pk)
    ProgressFactory(work=first, amount_paid=Decimal("1500000.00"))
    read_before.beneficiaries = 7
    read_before.save()
    assert _inputs(first)[3] == Decimal("1500000.00")
    assert summary_drift() == 0
