"""Staff give a committee member the account they record oversight with."""

import pytest
from django.urls import reverse

from ruta.accounts.models import Role
from testkit.factories.participation import CommitteeMemberFactory
from testkit.oversight import committee_with_member


@pytest.fixture
def committee(hermosillo, make_user):
    committee, _account = committee_with_member(hermosillo, make_user)
    return committee


def _account(make_user, role, email):
    user = make_user(role)
    user.email = email
    user.save(update_fields=["email"])
    return user


def _link_address(committee, member) -> str:
    return reverse(
        "participation:member-link", args=[committee.work.public_id, member.pk]
    )


def test_a_validator_links_a_seat_to_a_committee_account(
    client, committee, hermosillo, make_user
):
    seat = CommitteeMemberFactory(committee=committee, full_name="Rosa Valenzuela")
    account = _account(make_user, Role.COMMITTEE, "rosa@example.org")
    client.force_login(make_user(Role.VALIDATOR, municipality=hermosillo))
    page = client.get(
        reverse("participation:committee", args=[committee.work.public_id])
    )
    assert "Cuenta para registrar visitas" in page.content.decode()
    answer = client.post(_link_address(committee, seat), {"email": "ROSA@example.org"})
    assert answer.status_code == 302
    seat.refresh_from_db()
    assert seat.user == account
    assert seat.events.filter(pgh_label="update").exists()


def test_an_account_without_the_committee_role_is_refused(
    client, committee, hermosillo, make_user
):
    seat = CommitteeMemberFactory(committee=committee)
    _account(make_user, Role.CAPTURE, "otra@example.org")
    client.force_login(make_user(Role.VALIDATOR, municipality=hermosillo))
    answer = client.post(
        _link_address(committee, seat), {"email": "otra@example.org"}, follow=True
    )
    assert "La cuenta no tiene el rol de integrante de comité." in (
        answer.content.decode()
    )
    seat.refresh_from_db()
    assert seat.user is None


def test_an_unknown_e_mail_is_refused(client, committee, hermosillo, make_user):
    seat = CommitteeMemberFactory(committee=committee)
    client.force_login(make_user(Role.VALIDATOR, municipality=hermosillo))
    answer = client.post(
        _link_address(committee, seat), {"email": "nadie@example.org"}, follow=True
    )
    assert "No hay una cuenta con el correo nadie@example.org." in (
        answer.content.decode()
    )


def test_staff_of_another_place_may_not_link(client, committee, cajeme, make_user):
    seat = CommitteeMemberFactory(committee=committee)
    _account(make_user, Role.COMMITTEE, "rosa@example.org")
    client.force_login(make_user(Role.VALIDATOR, municipality=cajeme))
    answer = client.post(_link_address(committee, seat), {"email": "rosa@example.org"})
    assert answer.status_code == 403
    seat.refresh_from_db()
    assert seat.user is None
