"""The data version: bumped at commit by any write to public data, read in one row."""

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from ruta.catalog.models import Municipality
from ruta.common.db.versioning import (
    TRIGGER,
    data_version,
    table_versions,
    tables_read,
    version_held,
    version_kept,
    versioned_tables,
    versions_kept,
)
from ruta.common.web.middleware import ReadVersionMiddleware
from ruta.indicators.models import IndicatorCard
from ruta.works.models import FundingSummary, Work
from testkit.factories.indicators import IndicatorCardFactory
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.server


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_of_any_kind_bumps_the_version(hermosillo):
    before = data_version()
    with transaction.atomic():
        work = WorkFactory(municipality=hermosillo)
    after_insert = data_version()
    assert int(after_insert.token) > int(before.token)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Work._meta.db_table} SET title = 'Por SQL' WHERE id = %s",  # noqa: S608
            [work.pk],
        )
    assert int(data_version().token) > int(after_insert.token)
    assert data_version().changed >= after_insert.changed


@pytest.mark.django_db(transaction=True)
def test_a_transaction_bumps_it_once_however_much_it_writes(hermosillo):
    before = int(data_version().token)
    with transaction.atomic():
        for _ in range(5):
            WorkFactory(municipality=hermosillo)
    assert int(data_version().token) == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_the_version(hermosillo):
    before = data_version()

    def abandoned() -> None:
        with transaction.atomic():
            WorkFactory(municipality=hermosillo)
            raise RuntimeError("abandoned")

    with pytest.raises(RuntimeError):
        abandoned()
    assert data_version() == before


def test_uncommitted_writes_of_the_same_transaction_show_in_its_version(db, hermosillo):
    before = data_version().token
    WorkFactory(municipality=hermosillo)
    during = data_version().token
    assert during != before
    WorkFactory(municipality=hermosillo)
    assert data_version().token != during


@pytest.mark.django_db(transaction=True)
def test_a_commit_stamps_each_table_it_changed_with_its_new_version(hermosillo):
    before = table_versions()
    with transaction.atomic():
        work = WorkFactory(municipality=hermosillo)
    version, after = int(data_version().token), table_versions()
    assert after[Work._meta.db_table] == version
    # The factory's funding, summed by the works' trigger.
    assert after[FundingSummary._meta.db_table] == version
    assert after.get(IndicatorCard._meta.db_table, 0) == before.get(
        IndicatorCard._meta.db_table, 0
    )
    with transaction.atomic():
        Work.objects.filter(pk=work.pk).update(title="Otra")
    later = table_versions()
    assert later[Work._meta.db_table] == version + 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_stamps_no_table(hermosillo):
    with transaction.atomic():
        work = WorkFactory(municipality=hermosillo)
    before = table_versions()
    with transaction.atomic():
        Work.objects.filter(pk=work.pk).update(title="Otra")
        with pytest.raises(RuntimeError):
            _card_abandoned()
    after = table_versions()
    assert after[Work._meta.db_table] > before[Work._meta.db_table]
    assert after.get(IndicatorCard._meta.db_table) == before.get(
        IndicatorCard._meta.db_table
    )


def _card_abandoned() -> None:
    with transaction.atomic():
        IndicatorCardFactory()
        raise RuntimeError("abandoned")


def test_a_table_changed_by_this_transaction_has_no_version_yet(db, hermosillo):
    WorkFactory(municipality=hermosillo)
    versions = table_versions()
    assert versions[Work._meta.db_table] is None
    assert versions.get(IndicatorCard._meta.db_table, 0) is not None


def test_tables_read_names_what_the_block_scanned_through_views_too(db, hermosillo):
    WorkFactory(municipality=hermosillo)
    with tables_read() as read:
        list(Work.objects.select_related("municipality"))
        with connection.cursor() as cursor:
            sums = FundingSummary._meta.db_table
            cursor.execute(
                f"CREATE TEMPORARY VIEW works_seen AS SELECT id FROM {sums}"  # noqa: S608
            )
            cursor.execute("SELECT count(*) FROM works_seen")
    assert {Work._meta.db_table, Municipality._meta.db_table} <= read
    assert FundingSummary._meta.db_table in read
    assert IndicatorCard._meta.db_table not in read


def test_a_kept_or_prepared_value_is_built_again_while_reads_are_counted(db):
    from ruta.common.prepared import prepared

    token, built = data_version().token, []

    def counted() -> int:
        built.append(1)
        return Work.objects.count()

    prepared("works-counted", counted)
    version_kept(token, "works-counted", counted)
    assert len(built) == 2
    with tables_read() as read:
        prepared("works-counted", counted)
    assert Work._meta.db_table in read
    with tables_read() as read:
        version_kept(token, "works-counted", counted)
    assert Work._meta.db_table in read
    assert len(built) == 4
    prepared("works-counted", counted)  # outside, the cache answers again
    assert len(built) == 4


def test_every_public_data_table_carries_the_trigger(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        covered = {name for (name,) in cursor.fetchall()}
    tables = versioned_tables()
    assert Work._meta.db_table in tables
    assert set(tables) <= covered


def test_the_version_is_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        data_version()


def test_a_kept_value_is_built_once_per_version_and_dropped_with_it():
    built = []

    def build():
        built.append(1)
        return len(built)

    assert version_kept("7", "answer", build) == 1
    assert version_kept("7", "answer", build) == 1
    assert version_kept("8", "answer", build) == 2
    assert version_kept("7", "answer", build) == 3  # not the old version's value


def test_kept_values_missing_are_built_together_once_per_version():
    calls = []

    def build(keys):
        calls.append(keys)
        return {key: key * 10 for key in keys}

    assert versions_kept("7", [1, 2, 2], build) == {1: 10, 2: 20}
    assert versions_kept("7", [2, 3], build) == {2: 20, 3: 30}
    assert versions_kept("8", [3], build) == {3: 30}
    assert calls == [[1, 2], [3], [3]]


def test_a_read_asks_the_version_once(db, django_assert_num_queries):
    with version_held(), django_assert_num_queries(1):
        assert data_version() == data_version()


def test_outside_a_read_each_call_asks_again(db, django_assert_num_queries):
    with django_assert_num_queries(2):
        data_version()
        data_version()


def test_a_get_request_reads_the_version_once_and_a_post_each_time(rf, db):
    def view(request):
        with CaptureQueriesContext(connection) as queries:
            data_version()
            data_version()
        return HttpResponse(str(len(queries)))

    answer = ReadVersionMiddleware(view)
    assert answer(rf.get("/")).content == b"1"
    assert answer(rf.post("/")).content == b"2"
