from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ruta.accounts.cycles import step_take
from ruta.works.cycles import WORK
from ruta.works.models import FINAL_STATUSES, WorkStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.works import ProgressFactory, WorkFactory


def test_every_non_final_status_may_be_cancelled():
    assert WORK.step("cancel").sources == set(WorkStatus) - {
        WorkStatus.HANDED_OVER,
        WorkStatus.CANCELLED,
    }


def test_no_step_leaves_a_final_status():
    assert not any(step.sources & FINAL_STATUSES for step in WORK.steps)


def test_validator_approves_and_publishes_a_proposed_work(
    hermosillo, hermosillo_validator
):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    work = step_take(WORK, work, "approve", actor=hermosillo_validator)
    assert work.status == WorkStatus.APPROVED
    assert work.published_at is not None


def test_capture_staff_may_not_approve(hermosillo, hermosillo_capture):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    with pytest.raises(PermissionDenied):
        step_take(WORK, work, "approve", actor=hermosillo_capture)


def test_capture_staff_records_contracting_of_released_work(
    hermosillo, hermosillo_capture
):
    work = WorkFactory(
        municipality=hermosillo, municipal=True, status=WorkStatus.RELEASED
    )
    work = step_take(WORK, work, "contract", actor=hermosillo_capture)
    assert work.status == WorkStatus.CONTRACTED


def test_skipping_a_step_is_refused(hermosillo_validator, hermosillo):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    with pytest.raises(ValidationError, match="no se toma sobre"):
        step_take(WORK, work, "finish", actor=hermosillo_validator)


def test_cancelling_needs_a_reason(hermosillo_validator, hermosillo):
    work = WorkFactory(municipality=hermosillo, municipal=True, published=True)
    with pytest.raises(ValidationError, match="motivo"):
        step_take(WORK, work, "cancel", actor=hermosillo_validator)


def test_cancelled_work_cannot_be_reopened(hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    step_take(
        WORK,
        work,
        "cancel",
        reason="Sin aportación",
        actor=TEST_ACTOR,
    )
    with pytest.raises(ValidationError):
        step_take(WORK, work, "approve", actor=TEST_ACTOR)


def test_completing_needs_full_physical_progress(hermosillo):
    progress = ProgressFactory(work__municipality=hermosillo)
    with pytest.raises(ValidationError, match="100%"):
        step_take(WORK, progress.work, "finish", actor=TEST_ACTOR)


def test_completing_with_full_progress_is_allowed(hermosillo):
    progress = ProgressFactory(
        work__municipality=hermosillo, physical_percent=Decimal("100")
    )
    work = step_take(WORK, progress.work, "finish", actor=TEST_ACTOR)
    assert work.status == WorkStatus.COMPLETED


def test_releasing_needs_funding_that_adds_up(hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    work.funding.update(amount=Decimal("1.00"))
    with pytest.raises(ValidationError, match="suman"):
        step_take(WORK, work, "release", actor=TEST_ACTOR)
    # The database checks the sum again when constraints are checked.
    work.funding.update(amount=work.total_investment)


def _proposed_by(writer, municipality):
    from ruta.works.services import FundingLine, funding_set, work_create
    from testkit.factories.works import (
        FiscalYearFactory,
        SubprogramFactory,
        WorksProgramFactory,
        ayuntamiento_of,
    )

    work = work_create(
        public_id="HMO-2024-0100",
        fiscal_year=FiscalYearFactory(),
        program=WorksProgramFactory(),
        subprogram=SubprogramFactory(),
        executing_agency=ayuntamiento_of(municipality),
        municipality=municipality,
        title="Rehabilitación de la cancha de la colonia Pitic",
        total_investment=Decimal("450000.00"),
        funding=[FundingLine("state", Decimal("450000.00"))],
        actor=TEST_ACTOR,
    )
    return work, lambda: funding_set(
        work=work,
        funding=[
            FundingLine("state", Decimal("360000.00")),
            FundingLine("community", Decimal("90000.00")),
        ],
        actor=writer,
    )


def test_whoever_changed_a_proposals_money_cannot_approve_it(
    hermosillo, hermosillo_validator, make_user
):
    from ruta.accounts.models import Role

    work, change_funding = _proposed_by(hermosillo_validator, hermosillo)
    change_funding()
    with pytest.raises(ValidationError) as refused:
        step_take(WORK, work, "approve", actor=hermosillo_validator)
    assert refused.value.code == "same_person"
    work.refresh_from_db()
    assert (work.status, work.published_at) == (WorkStatus.PROPOSED, None)
    other = make_user(Role.VALIDATOR, municipality=hermosillo)
    approved = step_take(WORK, work, "approve", actor=other)
    assert approved.status == WorkStatus.APPROVED


def test_an_administrator_who_captured_a_work_cannot_approve_it(
    hermosillo, administrator
):
    work, change_funding = _proposed_by(administrator, hermosillo)
    change_funding()
    with pytest.raises(ValidationError, match="tampoco quien administra"):
        step_take(WORK, work, "approve", actor=administrator)
