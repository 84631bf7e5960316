"""Reads whose SQL is built once give what the ORM gives, for any value."""

from decimal import Decimal

import pytest
from django.db.models import F, JSONField, Value

from ruta.common import compiled
from ruta.common.compiled import rows_read
from ruta.works.models import Funding, FundingSource, Work
from testkit.factories.works import WorkFactory


@pytest.fixture(autouse=True)
def fresh_reads(monkeypatch):
    monkeypatch.setattr(compiled, "_reads", {})


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
