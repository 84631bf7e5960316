from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ruta.works.models import WorkStatus
from ruta.works.services import work_transition
from ruta.works.workflow import TRANSITIONS, transition_between
from testkit.actors import TEST_ACTOR
from testkit.factories.works import ProgressFactory, WorkFactory


def test_every_non_final_status_may_be_cancelled():
    cancellable = {t.source for t in TRANSITIONS if t.target == WorkStatus.CANCELLED}
    assert cancellable == set(WorkStatus) - {
        WorkStatus.HANDED_OVER,
        WorkStatus.CANCELLED,
    }


def test_no_transition_leaves_a_final_status():
    assert transition_between(WorkStatus.HANDED_OVER, WorkStatus.CANCELLED) is None
    assert transition_between(WorkStatus.CANCELLED, WorkStatus.PROPOSED) is None


def test_validator_approves_and_publishes_a_proposed_work(
    hermosillo, hermosillo_validator
):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    work = work_transition(
        work=work, target=WorkStatus.APPROVED, actor=hermosillo_validator
    )
    assert work.status == WorkStatus.APPROVED
    assert work.published_at is not None


def test_capture_staff_may_not_approve(hermosillo, hermosillo_capture):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    with pytest.raises(PermissionDenied):
        work_transition(work=work, target=WorkStatus.APPROVED, actor=hermosillo_capture)


def test_capture_staff_records_contracting_of_released_work(
    hermosillo, hermosillo_capture
):
    work = WorkFactory(
        municipality=hermosillo, municipal=True, status=WorkStatus.RELEASED
    )
    work = work_transition(
        work=work, target=WorkStatus.CONTRACTED, actor=hermosillo_capture
    )
    assert work.status == WorkStatus.CONTRACTED


def test_skipping_a_step_is_refused(hermosillo_validator, hermosillo):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    with pytest.raises(ValidationError, match="no pasa de"):
        work_transition(
            work=work, target=WorkStatus.COMPLETED, actor=hermosillo_validator
        )


def test_cancelling_needs_a_reason(hermosillo_validator, hermosillo):
    work = WorkFactory(municipality=hermosillo, municipal=True, published=True)
    with pytest.raises(ValidationError, match="motivo"):
        work_transition(
            work=work, target=WorkStatus.CANCELLED, actor=hermosillo_validator
        )


def test_cancelled_work_cannot_be_reopened(hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    work_transition(
        work=work,
        target=WorkStatus.CANCELLED,
        reason="Sin aportación",
        actor=TEST_ACTOR,
    )
    with pytest.raises(ValidationError):
        work_transition(work=work, target=WorkStatus.APPROVED, actor=TEST_ACTOR)


def test_completing_needs_full_physical_progress(hermosillo):
    progress = ProgressFactory(work__municipality=hermosillo)
    with pytest.raises(ValidationError, match="100%"):
        work_transition(
            work=progress.work, target=WorkStatus.COMPLETED, actor=TEST_ACTOR
        )


def test_completing_with_full_progress_is_allowed(hermosillo):
    progress = ProgressFactory(
        work__municipality=hermosillo, physical_percent=Decimal("100")
    )
    work = work_transition(
        work=progress.work, target=WorkStatus.COMPLETED, actor=TEST_ACTOR
    )
    assert work.status == WorkStatus.COMPLETED


def test_releasing_needs_funding_that_adds_up(hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    work.funding.update(amount=Decimal("1.00"))
    with pytest.raises(ValidationError, match="suman"):
        work_transition(work=work, target=WorkStatus.RELEASED, actor=TEST_ACTOR)
    # The database checks the sum again when constraints are checked.
    work.funding.update(amount=work.total_investment)
