import pytest
from django.core.exceptions import PermissionDenied

from ruta.accounts.models import Role
from ruta.participation.selectors import (
    committee_members,
    committees_count,
    may_view_members,
    member_list_reads,
    work_oversight,
)
from ruta.works.selectors import work_detail
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import WorkFactory, WorksProgramFactory


@pytest.fixture
def member(hermosillo):
    return CommitteeMemberFactory(
        committee__work__municipality=hermosillo, committee__work__municipal=True
    )


def test_validator_of_the_municipality_reads_members_and_the_read_is_logged(
    make_user, member, hermosillo
):
    validator = make_user(Role.VALIDATOR, municipality=hermosillo)
    members = committee_members(committee=member.committee, user=validator)
    assert members == [member]
    read = member_list_reads(member.committee).get()
    assert read.user_id == validator.pk
    assert read.pgh_obj_id == str(member.committee.pk)


def test_every_read_of_the_members_is_logged(administrator, member):
    for _ in range(2):
        committee_members(committee=member.committee, user=administrator)
    assert member_list_reads(member.committee).count() == 2


def test_capture_staff_may_not_read_members(make_user, member, hermosillo):
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    assert not may_view_members(user=staff, committee=member.committee)
    with pytest.raises(PermissionDenied):
        committee_members(committee=member.committee, user=staff)
    assert not member_list_reads(member.committee).exists()


def test_validator_of_another_municipality_may_not_read_members(
    make_user, member, cajeme
):
    outsider = make_user(Role.VALIDATOR, municipality=cajeme)
    with pytest.raises(PermissionDenied):
        committee_members(committee=member.committee, user=outsider)


def test_committees_are_counted_by_year_and_program(hermosillo):
    CommitteeFactory.create_batch(2, work__municipality=hermosillo)
    other = WorksProgramFactory(code="gestion-emergente-transforma-sonora")
    CommitteeFactory(work__municipality=hermosillo, work__program=other)
    last_year = WorkFactory(
        municipality=hermosillo, fiscal_year__year=2023, published=True
    )
    CommitteeFactory(work=last_year)
    assert committees_count(year=2024) == 3
    assert (
        committees_count(year=2024, program_code="transforma-sonora-apoyo-municipios")
        == 2
    )


def test_oversight_of_a_work_read_as_having_no_committee_asks_nothing(
    hermosillo, django_assert_num_queries
):
    work = WorkFactory(municipality=hermosillo, published=True)
    read = work_detail(public_id=work.public_id).work
    with django_assert_num_queries(0):
        assert work_oversight(read) is None


def test_oversight_of_a_work_read_alone_still_finds_its_committee(hermosillo):
    committee = CommitteeFactory(work__municipality=hermosillo)
    CommitteeMemberFactory.create_batch(2, committee=committee)
    oversight = work_oversight(type(committee.work).objects.get(pk=committee.work_id))
    assert (oversight.committee, oversight.member_count) == (committee, 2)
