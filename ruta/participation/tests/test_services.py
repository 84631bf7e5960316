from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from ruta.accounts.models import Role
from ruta.participation.models import CommitteeMember, MemberRole
from ruta.participation.services import committee_form, committee_member_add
from ruta.works.models import WorkStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import WorkFactory


def test_committee_form_creates_the_committee_of_a_work(hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    committee = committee_form(
        work=work,
        name="Comité de la calle Hidalgo",
        formed_on=date(2024, 3, 1),
        actor=TEST_ACTOR,
    )
    assert work.committee == committee


def test_a_work_has_a_single_committee(hermosillo):
    committee = CommitteeFactory(work__municipality=hermosillo)
    with pytest.raises(ValidationError, match="ya tiene comité"):
        committee_form(
            work=committee.work,
            name="Otro",
            formed_on=date(2024, 3, 1),
            actor=TEST_ACTOR,
        )


def test_cancelled_work_gets_no_committee(hermosillo):
    work = WorkFactory(municipality=hermosillo, status=WorkStatus.CANCELLED)
    with pytest.raises(ValidationError, match="cancelada"):
        committee_form(
            work=work, name="Comité", formed_on=date(2024, 3, 1), actor=TEST_ACTOR
        )


def test_committee_form_needs_capture_over_the_work(hermosillo, make_user, cajeme):
    outsider = make_user(Role.CAPTURE, municipality=cajeme)
    work = WorkFactory(municipality=hermosillo, municipal=True, published=True)
    with pytest.raises(PermissionDenied):
        committee_form(
            work=work, name="Comité", formed_on=date(2024, 3, 1), actor=outsider
        )


def test_presidency_is_held_by_one_member(hermosillo):
    member = CommitteeMemberFactory(
        committee__work__municipality=hermosillo, role=MemberRole.PRESIDENT
    )
    with pytest.raises(ValidationError, match="Presidencia"):
        committee_member_add(
            committee=member.committee,
            full_name="Otra Persona Ficticia",
            role=MemberRole.PRESIDENT,
            actor=TEST_ACTOR,
        )


def test_many_members_may_be_vocales(hermosillo):
    member = CommitteeMemberFactory(committee__work__municipality=hermosillo)
    added = committee_member_add(
        committee=member.committee,
        full_name="  Persona Ejemplo Muestra ",
        role=MemberRole.MEMBER,
        email="Persona@Example.org",
        actor=TEST_ACTOR,
    )
    assert (added.full_name, added.email) == (
        "Persona Ejemplo Muestra",
        "persona@example.org",
    )


@pytest.fixture
def hermosillo_committee(hermosillo):
    return CommitteeFactory(
        work__municipality=hermosillo, work__municipal=True, work__published=True
    )


def test_capture_staff_without_personal_data_access_may_not_add_members(
    make_user, hermosillo, hermosillo_committee
):
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    with pytest.raises(PermissionDenied):
        committee_member_add(
            committee=hermosillo_committee,
            full_name="Persona Ficticia",
            role=MemberRole.MEMBER,
            actor=staff,
        )
    assert not hermosillo_committee.members.exists()


def test_validator_of_the_work_adds_members(
    make_user, hermosillo, hermosillo_committee
):
    validator = make_user(Role.VALIDATOR, municipality=hermosillo)
    member = committee_member_add(
        committee=hermosillo_committee,
        full_name="Persona Ficticia",
        role=MemberRole.PRESIDENT,
        actor=validator,
    )
    assert member.committee == hermosillo_committee


@pytest.mark.parametrize(
    "role", [MemberRole.PRESIDENT, MemberRole.SECRETARY, MemberRole.TREASURER]
)
def test_database_refuses_a_second_holder_of_a_single_office(hermosillo, role):
    member = CommitteeMemberFactory(committee__work__municipality=hermosillo, role=role)
    with pytest.raises(IntegrityError, match="single_holder_office"):
        CommitteeMember.objects.bulk_create(
            [CommitteeMember(committee=member.committee, full_name="Otra", role=role)]
        )


def test_database_accepts_many_vocales(hermosillo):
    member = CommitteeMemberFactory(committee__work__municipality=hermosillo)
    CommitteeMember.objects.bulk_create(
        [CommitteeMember(committee=member.committee, full_name="Otra", role="member")]
    )
    assert member.committee.members.count() == 2
