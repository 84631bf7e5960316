"""Approved and decided records refuse deletion: admin, services, SQL as the app.

An approved quarter, a review decision and a work past its proposal are
kept (``ruta.common.audit.kept``). Each is tried through the admin, through the
ORM as a service would delete it (instance, queryset, cascade), and through
SQL as the application's database role, even asking pgtrigger to ignore the
trigger. A record not kept is deleted by the same paths, so a refusal is the
rule's and not a missing grant's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import Model

from ruta.common.audit.kept import RecordKept
from ruta.programs.models import QuarterProgress, ValueStatus
from ruta.works.models import WorkStatus
from testkit.factories.works import WorkFactory
from testkit.samples import tracked_samples
from tests.conftest import APP_ROLE

pytestmark = pytest.mark.server

KEPT_MESSAGE = "Cannot delete rows"


@pytest.fixture
def samples(db) -> dict[str, Model]:
    return tracked_samples()


@pytest.fixture
def approved(samples) -> QuarterProgress:
    """Return the sample quarter, approved by someone other than its capturer."""
    quarter = samples["programs.QuarterProgress"]
    quarter.status = ValueStatus.APPROVED
    quarter.approved_by = samples["accounts.User"]
    quarter.save()
    return quarter


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("raiz@example.org", "clave-12345678")
    )
    return client


def _admin_delete(client, record: Model) -> int:
    meta = record._meta
    url = f"/admin/{meta.app_label}/{meta.model_name}/{record.pk}/delete/"
    return client.post(url, {"post": "yes"}).status_code


def _exists(record: Model) -> bool:
    return type(record).objects.filter(pk=record.pk).exists()


@contextmanager
def _as_app_role() -> Iterator[None]:
    """Run the block's SQL as the application's role, in a savepoint."""
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute(f"SET ROLE {APP_ROLE}")
                yield
        finally:
            cursor.execute("RESET ROLE")


def _sql_delete(record: Model, *, ignore: str = "") -> None:
    """Delete ``record`` with SQL as the app role, maybe asking to ignore a trigger."""
    table = connection.ops.quote_name(record._meta.db_table)
    with _as_app_role(), connection.cursor() as cursor:
        if ignore:
            cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", [ignore])
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [record.pk])  # noqa: S608


def _trigger_name(record: Model, name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
            "AND tgname LIKE %s",
            [record._meta.db_table, f"pgtrigger_{name}_%"],
        )
        return cursor.fetchone()[0]


# ------------------------------------------------------------------ admin


def test_the_admin_refuses_to_delete_an_approved_quarter(superuser_client, approved):
    assert _admin_delete(superuser_client, approved) == 403
    assert _exists(approved)


def test_the_admin_refuses_to_delete_a_goal_with_an_approved_quarter(
    superuser_client, approved
):
    assert _admin_delete(superuser_client, approved.goal) == 403
    assert _exists(approved.goal)


def test_the_admin_refuses_to_delete_a_review_decision(superuser_client, samples):
    decision = samples["programs.ReviewDecision"]
    assert _admin_delete(superuser_client, decision) == 403
    assert _exists(decision)


def test_the_admin_deletes_a_quarter_not_yet_approved(superuser_client, samples):
    quarter = samples["programs.QuarterProgress"]
    assert _admin_delete(superuser_client, quarter) == 302
    assert not _exists(quarter)


# --------------------------------------------------------------- services


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda quarter: quarter.delete(), id="instance"),
        pytest.param(
            lambda quarter: QuarterProgress.objects.filter(pk=quarter.pk).delete(),
            id="queryset",
        ),
        pytest.param(lambda quarter: quarter.goal.delete(), id="cascade"),
        pytest.param(
            lambda quarter: quarter.goal.unit_program.decisions.all().delete(),
            id="decisions",
        ),
    ],
)
def test_the_orm_refuses_to_delete_an_approved_quarter_or_a_decision(approved, delete):
    with pytest.raises(RecordKept), transaction.atomic():
        delete(approved)
    assert _exists(approved)


def test_the_orm_refuses_to_delete_a_work_past_its_proposal(db):
    work = WorkFactory(published=True)
    assert work.status == WorkStatus.APPROVED
    with pytest.raises(RecordKept, match="no se elimina"), transaction.atomic():
        work.delete()
    assert _exists(work)


def test_a_proposed_work_may_still_be_deleted(db):
    work = WorkFactory()
    work.delete()
    assert not _exists(work)


# -------------------------------------------------- SQL as the app's role


def test_the_app_role_cannot_delete_an_approved_quarter_with_sql(app_role, approved):
    with pytest.raises(DatabaseError, match=KEPT_MESSAGE):
        _sql_delete(approved)
    assert _exists(approved)


def test_the_app_role_cannot_ignore_the_kept_trigger(app_role, approved):
    trigger = _trigger_name(approved, "approved_quarter_kept")
    with pytest.raises(DatabaseError, match=KEPT_MESSAGE):
        _sql_delete(approved, ignore=f"{{{trigger}}}")
    assert _exists(approved)


def test_the_app_role_cannot_delete_a_decision_or_a_decided_work_with_sql(
    app_role, samples
):
    work = WorkFactory(realized=True)
    for record in (samples["programs.ReviewDecision"], work):
        with pytest.raises(DatabaseError, match=KEPT_MESSAGE):
            _sql_delete(record)
        assert _exists(record)


def test_the_app_role_deletes_a_quarter_not_yet_approved(app_role, samples):
    quarter = samples["programs.QuarterProgress"]
    _sql_delete(quarter)
    assert not _exists(quarter)


# ------------------------------------- published indicator results and reports


@pytest.mark.parametrize(
    ("label", "published"),
    [
        ("indicators.IndicatorResult", "approved"),
        ("opengov.CommitmentReport", "published"),
    ],
)
def test_a_published_result_or_report_is_kept_a_pending_one_is_not(
    app_role, samples, label, published
):
    record = samples[label]
    record.status = published
    record.save()
    with pytest.raises(RecordKept), transaction.atomic():
        record.delete()
    with pytest.raises(DatabaseError, match=KEPT_MESSAGE):
        _sql_delete(record)
    assert _exists(record)
    record.status = "captured" if published == "approved" else "draft"
    if published == "approved":
        record.captured_by = samples["accounts.User"]
    record.save()
    record.delete()
    assert not _exists(record)
