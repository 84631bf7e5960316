"""Reads whose SQL is built once give what the ORM gives, for any value."""

from decimal import Decimal

import psycopg
import pytest
from django.db import ProgrammingError, connection, transaction
from django.db.models import F, JSONField, Value
from django.test.utils import CaptureQueriesContext

from ruta.common.fast import compiled
from ruta.common.fast.compiled import rows_read
from ruta.works.models import Funding, FundingSource, Work
from testkit.database import session_settings
from testkit.factories.works import WorkFactory


@pytest.fixture(autouse=True)
def fresh_reads(monkeypatch):
    monkeypatch.setattr(compiled, "_reads", {})
    monkeypatch.setattr(compiled, "_plans", {})


def _funding(work_id):
    return Funding.objects.filter(work_id=work_id).order_by("fund")


def _funding_read(work_id):
    return rows_read("test.funding", Funding, _funding, work_id, marker=-1)


def _fields(row):
    return {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields}


def test_rows_are_the_orms_for_each_value_the_sql_built_once(hermosillo):
    works = [
        WorkFactory(
            municipality=hermosillo,
            total_investment=Decimal("30.00"),
            funding=[
                (FundingSource.STATE, Decimal("10.00"), "b"),
                (FundingSource.FEDERAL, Decimal("20.00"), "a"),
            ],
        ),
        WorkFactory(municipality=hermosillo),
    ]
    for work in works:
        read = _funding_read(work.pk)
        assert [_fields(row) for row in read] == [
            _fields(row) for row in _funding(work.pk)
        ]
        assert all(not row._state.adding for row in read)
    assert list(compiled._reads) == [("test.funding", "default")]


def test_a_read_first_answered_with_no_rows_reads_rows_after(hermosillo):
    # How a row becomes an instance is learnt from the first answer's
    # columns, which an empty answer names too.
    assert _funding_read(0) == []  # no work has the id 0
    funded = WorkFactory(
        municipality=hermosillo,
        total_investment=Decimal("5.00"),
        funding=[(FundingSource.STATE, Decimal("5.00"), "")],
    )
    (row,) = _funding_read(funded.pk)
    assert _fields(row) == _fields(_funding(funded.pk).get())
    assert list(compiled._plans) == [("test.funding", "default")]


def test_deferred_fields_and_annotations_come_as_from_the_orm(hermosillo):
    work = WorkFactory(municipality=hermosillo, title="Puente")

    def build(folio):
        return (
            Work.objects.defer("description")
            .annotate(
                kinds=Value({"funding": True}, output_field=JSONField()),
                double=F("beneficiaries") * 2,
            )
            .filter(public_id=folio)
        )

    (read,) = rows_read("test.work", Work, build, work.public_id, marker="\x00")
    (orm,) = build(work.public_id)
    assert read.get_deferred_fields() == orm.get_deferred_fields() == {"description"}
    assert (
        (read.kinds, read.double)
        == (orm.kinds, orm.double)
        == (
            {"funding": True},
            2 * work.beneficiaries,
        )
    )
    assert read.title == "Puente"
    assert read.description == work.description  # read when asked, as deferred


def test_a_read_whose_marker_is_not_one_parameter_is_refused(db):
    with pytest.raises(ValueError, match="marker 0 times"):
        rows_read("test.none", Funding, lambda pk: Funding.objects.all(), 1, marker=-1)
    with pytest.raises(ValueError, match="marker 2 times"):
        rows_read(
            "test.twice",
            Funding,
            lambda pk: Funding.objects.filter(work_id=pk, id=pk),
            1,
            marker=-1,
        )


def test_a_read_of_joined_rows_is_refused(db):
    with pytest.raises(ValueError, match="nothing joined"):
        rows_read(
            "test.joined",
            Funding,
            lambda pk: Funding.objects.select_related("work").filter(work_id=pk),
            1,
            marker=-1,
        )


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_built_read_is_planned_once_for_the_connection(hermosillo):
    work = WorkFactory(municipality=hermosillo, total_investment=Decimal("10.00"))
    first = _funding_read(work.pk)
    again = _funding_read(work.pk)
    assert [_fields(row) for row in again] == [_fields(row) for row in first]
    prepared = [s for s in _prepared_statements() if '"works_funding"' in s]
    assert len(prepared) == 1
    assert "$1" in prepared[0]  # its values sent apart, not written in


def test_djangos_own_cursors_prepare_nothing(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::text AS marker_for_this_test", ["x"])
    assert not [s for s in _prepared_statements() if "marker_for_this_test" in s]


def test_a_prepared_read_is_counted_and_its_errors_are_djangos(db):
    with (
        CaptureQueriesContext(connection) as queries,
        compiled.prepared_cursor(connection) as cursor,
    ):
        cursor.execute("SELECT %s::int", [7])
        assert cursor.fetchone() == (7,)
    assert len(queries) == 1
    with (
        pytest.raises(ProgrammingError),
        transaction.atomic(),
        compiled.prepared_cursor(connection) as cursor,
    ):
        cursor.execute("SELECT * FROM no_such_table WHERE id = %s", [1])


# The table changes under the connection's prepared statement: it commits.
@pytest.mark.django_db(transaction=True)
def test_a_prepared_read_runs_again_when_the_schema_changed_under_it():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE replanned_read (amount integer)")
        cursor.execute("INSERT INTO replanned_read VALUES (7)")
    try:
        with compiled.prepared_cursor(connection) as cursor:
            cursor.execute("SELECT amount FROM replanned_read WHERE amount > %s", [0])
            assert cursor.fetchall() == [(7,)]
        # Another process migrates: a column the statement reads changes type.
        with psycopg.connect(**session_settings(), autocommit=True) as other:
            other.execute(
                "ALTER TABLE replanned_read ALTER COLUMN amount TYPE numeric(10, 2)"
            )
        with compiled.prepared_cursor(connection) as cursor:
            cursor.execute("SELECT amount FROM replanned_read WHERE amount > %s", [0])
            assert cursor.fetchall() == [(Decimal("7.00"),)]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE replanned_read")
