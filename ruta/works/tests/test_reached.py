"""When works first reached approval and release: kept through every write,
and counting at a quarter's end what the works' status history says."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from ruta.works.models import (
    APPROVED_STATUSES,
    REALIZED_STATUSES,
    ReachedSummary,
    Work,
    WorkReached,
    WorkStatus,
)
from ruta.works.selectors.reached import is_quarter_end, reached, reached_before
from ruta.works.selectors.summary import summary_drift
from testkit.factories.works import FiscalYearFactory, WorkFactory

# Quarter ends around the works' year, and one far after it.
DAYS = [
    date(2023, 12, 31),
    date(2024, 3, 31),
    date(2024, 6, 30),
    date(2024, 9, 30),
    date(2024, 12, 31),
    date(2030, 3, 31),
]
# From a zone fourteen hours ahead of UTC to one eleven behind, with the
# instance's own and a zone three quarters of an hour off the hour.
ZONES = [
    "America/Hermosillo",
    "America/Mexico_City",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "UTC",
]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# Times a work was recorded: on both sides of where the end of 31 March
# falls in each zone above (10:00 UTC that day to 11:00 UTC the next), a
# quarter hour either way, and well inside quarters.
RECORDED = [
    _at("2024-02-15T12:00"),
    _at("2024-03-30T23:59"),
    _at("2024-03-31T09:59"),
    _at("2024-03-31T10:00"),
    _at("2024-03-31T18:14"),
    _at("2024-03-31T18:15"),
    _at("2024-04-01T05:59"),
    _at("2024-04-01T06:00"),
    _at("2024-04-01T06:59"),
    _at("2024-04-01T07:00"),
    _at("2024-04-01T10:59"),
    _at("2024-04-01T11:00"),
    _at("2024-04-02T00:00"),
    _at("2024-12-31T23:59"),
    _at("2025-01-01T00:00"),
]


def _counted(mark: str, day: date | None) -> int:
    groups = ReachedSummary.objects.filter(reached(mark, day))
    return groups.aggregate(works=Sum("works"))["works"] or 0


def _marks(work: Work) -> tuple:
    row = WorkReached.objects.get(work=work)
    return row.approved, row.released


@pytest.mark.django_db
def test_every_status_marks_approval_and_release_as_the_models_list_them():
    works = {
        status: WorkFactory(status=status, as_of=date(2024, 5, 1))
        for status in WorkStatus.values
    }
    quarter = _at("2024-06-30T00:00")
    for status, work in works.items():
        approved, released = _marks(work)
        assert approved == (quarter if status in APPROVED_STATUSES else None)
        assert released == (quarter if status in REALIZED_STATUSES else None)
    assert summary_drift() == 0


@pytest.mark.django_db
def test_a_work_approved_then_cancelled_keeps_its_marks_from_its_history():
    work = WorkFactory(status=WorkStatus.RELEASED, as_of=date(2024, 2, 1))
    work.status = WorkStatus.CANCELLED
    work.as_of = date(2024, 8, 1)
    work.save()
    assert _marks(work) == (_at("2024-03-31T00:00"), _at("2024-03-31T00:00"))
    assert summary_drift() == 0


@pytest.mark.django_db
def test_a_later_file_moves_no_mark_an_earlier_one_brings_forward():
    work = WorkFactory(status=WorkStatus.APPROVED, as_of=date(2024, 5, 1))
    Work.objects.filter(pk=work.pk).update(
        status=WorkStatus.COMPLETED, as_of=date(2024, 11, 1)
    )
    assert _marks(work) == (_at("2024-06-30T00:00"), _at("2024-12-31T00:00"))
    Work.objects.filter(pk=work.pk).update(as_of=date(2024, 1, 10))
    assert _marks(work) == (_at("2024-03-31T00:00"), _at("2024-03-31T00:00"))
    assert summary_drift() == 0


@pytest.mark.django_db
def test_bulk_updates_raw_sql_and_deletes_keep_the_marks_and_their_sums(
    hermosillo, cajeme
):
    works = [
        WorkFactory(municipality=hermosillo, status=status, as_of=None)
        for status in (WorkStatus.PROPOSED, WorkStatus.APPROVED, WorkStatus.RELEASED)
    ]
    works.append(WorkFactory(municipality=cajeme, as_of=date(2024, 7, 3)))
    Work.objects.filter(status=WorkStatus.PROPOSED).update(
        status=WorkStatus.APPROVED, created=_at("2024-03-31T20:00")
    )
    assert summary_drift() == 0
    year = FiscalYearFactory(year=2023)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE works_work SET municipality_id = %s, fiscal_year_id = %s, "
            "status = 'contracted'",
            [cajeme.pk, year.pk],
        )
    assert summary_drift() == 0
    Work.objects.filter(pk=works[3].pk).update(status=WorkStatus.PROPOSED)
    Work.objects.filter(pk=works[3].pk).delete()
    assert summary_drift() == 0
    assert not WorkReached.objects.filter(work_id=works[3].pk).exists()


@pytest.mark.django_db
def test_history_written_or_emptied_directly_moves_the_marks():
    work = WorkFactory(status=WorkStatus.APPROVED, as_of=date(2024, 8, 1))
    with connection.cursor() as cursor:
        # An event of an earlier file, as a history restored from elsewhere.
        cursor.execute(
            "INSERT INTO works_workevent (pgh_created_at, pgh_label, pgh_obj_id, "
            "id, public_id, locality, title, description, beneficiaries, "
            "total_investment, status, is_demo, created, updated, "
            "executing_agency_id, fiscal_year_id, municipality_id, "
            "subprogram_id, program_id, as_of, origin) "
            "SELECT now(), 'update', id, id, public_id, locality, title, "
            "description, beneficiaries, total_investment, 'released', is_demo, "
            "created, updated, executing_agency_id, fiscal_year_id, "
            "municipality_id, subprogram_id, program_id, %s, origin "
            "FROM works_work WHERE id = %s",
            [date(2024, 2, 1), work.pk],
        )
    assert _marks(work) == (_at("2024-03-31T00:00"), _at("2024-03-31T00:00"))
    assert summary_drift() == 0
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE works_workevent")
    assert _marks(work) == (_at("2024-09-30T00:00"), None)
    assert summary_drift() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ZONES)
def test_the_sums_count_at_each_quarter_end_what_the_history_does(zone):
    works = Work.objects.all()
    for recorded in RECORDED:
        work = WorkFactory(status=WorkStatus.RELEASED, as_of=None)
        Work.objects.filter(pk=work.pk).update(created=recorded)
    for day in (date(2024, 3, 31), date(2024, 4, 1), date(2024, 12, 31)):
        WorkFactory(status=WorkStatus.APPROVED, as_of=day)
    with timezone.override(zone):
        for day in DAYS:
            assert _counted("approved", day) == (
                works.reached_by(APPROVED_STATUSES, day).count()
            )
            assert _counted("released", day) == (
                works.reached_by(REALIZED_STATUSES, day).count()
            )
        assert _counted("approved", None) == (
            works.ever_reached(APPROVED_STATUSES).count()
        )
    assert summary_drift() == 0


def test_a_quarter_is_told_by_its_last_day():
    assert [is_quarter_end(date(2024, month, 30)) for month in (6, 9)] == [
        True,
        True,
    ]
    assert is_quarter_end(date(2024, 12, 31))
    assert not is_quarter_end(date(2024, 4, 30))
    assert not is_quarter_end(date(2024, 3, 30))


def test_a_day_within_a_quarter_has_no_mark_to_compare():
    with pytest.raises(ValueError, match="not a quarter's last day"):
        reached_before(date(2024, 5, 15))


def test_the_end_of_a_quarter_is_read_in_the_current_time_zone():
    with timezone.override("America/Hermosillo"):
        bound = reached_before(date(2024, 3, 31))
    assert bound - _at("2024-04-01T00:00") == timedelta(hours=7)
