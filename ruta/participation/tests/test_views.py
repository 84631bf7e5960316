"""The committee members page: personal data, for authorised readers only."""

import pytest
from django.urls import reverse

from ruta.accounts.models import Role
from ruta.participation.selectors import member_list_reads
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import WorkFactory

MEMBER = "Integrante Ficticio Visible"


@pytest.fixture
def committee(hermosillo):
    work = WorkFactory(
        municipality=hermosillo, municipal=True, published=True, is_demo=True
    )
    committee = CommitteeFactory(work=work)
    CommitteeMemberFactory(
        committee=committee, full_name=MEMBER, email="visible@example.org"
    )
    return committee


def test_public_work_page_shows_member_count_but_no_member(client, committee):
    page = client.get(committee.work.get_absolute_url()).content.decode()
    assert "con 1 integrante" in page
    assert MEMBER not in page
    assert "visible@example.org" not in page
    assert (
        reverse("participation:committee", args=[committee.work.public_id]) not in page
    )


def test_member_page_is_refused_to_capture_staff(client, make_user, committee):
    staff = make_user(Role.CAPTURE, municipality=committee.work.municipality)
    client.force_login(staff)
    url = reverse("participation:committee", args=[committee.work.public_id])
    assert client.get(url).status_code == 403
    assert not member_list_reads(committee).exists()


def test_member_page_shows_members_to_a_validator_and_logs_it(
    client, make_user, committee
):
    validator = make_user(Role.VALIDATOR, municipality=committee.work.municipality)
    client.force_login(validator)
    response = client.get(
        reverse("participation:committee", args=[committee.work.public_id])
    )
    assert MEMBER in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert member_list_reads(committee).get().user_id == validator.pk
