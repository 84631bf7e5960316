"""Staff form committees on the site: members, replacements, accounts, a roster."""

import re
from datetime import date

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError

from ruta.accounts.models import Role, User
from ruta.participation.models import CommitteeMember, MemberRole
from ruta.participation.selectors import member_departures, works_without_committee
from ruta.participation.services import (
    committee_form,
    committee_member_add,
    committee_member_invite,
    committee_member_remove,
    committee_member_replace,
    committees_import,
)
from ruta.works.models import WorkStatus
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import FiscalYearFactory, WorkFactory


@pytest.fixture
def staff(make_user, hermosillo):
    return make_user(Role.VALIDATOR, municipality=hermosillo)


@pytest.fixture
def committee(hermosillo):
    return CommitteeFactory(
        work=WorkFactory(municipality=hermosillo, municipal=True, published=True)
    )


def test_a_committee_is_not_formed_with_a_date_to_come(hermosillo, staff):
    work = WorkFactory(municipality=hermosillo, municipal=True, published=True)
    with pytest.raises(ValidationError) as refused:
        committee_form(work=work, name="", formed_on=date(2999, 1, 1), actor=staff)
    assert refused.value.error_dict["formed_on"][0].code == "date_in_future"


def test_a_committee_without_a_name_is_named_after_its_work(hermosillo, staff):
    work = WorkFactory(municipality=hermosillo, municipal=True, published=True)
    committee = committee_form(
        work=work, name=" ", formed_on=date(2025, 3, 1), actor=staff
    )
    assert committee.name == f"Comité ciudadano de la obra {work.public_id}"


def test_capture_staff_form_a_committee_but_do_not_write_its_members(
    hermosillo, make_user
):
    capture = make_user(Role.CAPTURE, municipality=hermosillo)
    work = WorkFactory(municipality=hermosillo, municipal=True, published=True)
    committee = committee_form(
        work=work, name="", formed_on=date(2025, 3, 1), actor=capture
    )
    with pytest.raises(PermissionDenied):
        committee_member_add(
            committee=committee,
            full_name="Persona",
            role=MemberRole.MEMBER,
            actor=capture,
        )


def test_a_member_leaves_only_with_a_reason_kept_in_the_history(committee, staff):
    member = CommitteeMemberFactory(committee=committee, role=MemberRole.TREASURER)
    with pytest.raises(ValidationError) as refused:
        committee_member_remove(member=member, reason="  ", actor=staff)
    assert refused.value.error_dict["reason"][0].code == "reason_required"
    committee_member_remove(member=member, reason="Cambió de domicilio", actor=staff)
    assert not committee.members.exists()
    (departure,) = member_departures(committee)
    assert (departure.role, departure.reason, departure.replaced) == (
        "Tesorería",
        "Cambió de domicilio",
        False,
    )


def test_a_replacement_takes_the_same_office(committee, staff):
    member = CommitteeMemberFactory(committee=committee, role=MemberRole.PRESIDENT)
    new = committee_member_replace(
        member=member,
        full_name="Persona Nueva",
        email="Nueva@Example.org",
        reason="Renunció en asamblea",
        actor=staff,
    )
    assert (new.role, new.email) == (MemberRole.PRESIDENT, "nueva@example.org")
    assert list(committee.members.all()) == [new]
    assert member_departures(committee)[0].replaced


def test_an_invited_member_gets_an_account_without_password_and_a_link(
    committee, staff, mailoutbox
):
    member = CommitteeMemberFactory(committee=committee, email="vecina@example.org")
    invitation = committee_member_invite(member=member, actor=staff)
    user = invitation.user
    assert invitation.created
    assert not user.has_usable_password()
    assert set(user.assignments.values_list("role", "agency", "municipality")) == {
        (Role.COMMITTEE, None, None)
    }
    member.refresh_from_db()
    assert member.user == user
    (mail,) = mailoutbox
    assert mail.to == ["vecina@example.org"]
    token = re.search(r"/cuentas/invitacion/\w+/([\w-]+)/", mail.body)[1]
    assert default_token_generator.check_token(user, token)
    with pytest.raises(ValidationError, match="ya tiene cuenta"):
        committee_member_invite(member=member, actor=staff)


def test_an_invited_member_with_an_account_is_linked_and_told_without_a_link(
    committee, staff, make_user, mailoutbox
):
    existing = make_user(Role.CAPTURE, municipality=committee.work.municipality)
    member = CommitteeMemberFactory(committee=committee, email=existing.email.upper())
    invitation = committee_member_invite(member=member, actor=staff)
    assert (invitation.user, invitation.created) == (existing, False)
    assert existing.assignments.filter(role=Role.COMMITTEE).exists()
    (mail,) = mailoutbox
    assert "/invitacion/" not in mail.body


def test_a_member_without_email_is_not_invited(committee, staff):
    member = CommitteeMemberFactory(committee=committee, email="")
    with pytest.raises(ValidationError, match="Registre primero el correo"):
        committee_member_invite(member=member, actor=staff)
    assert not User.objects.filter(full_name=member.full_name).exists()


ROSTER = (
    "OBRA,COMITE,FECHA_CONFORMACION,NOMBRE,CARGO,TELEFONO,CORREO\r\n"
    "{a},,2025-03-01,Persona Uno,Presidencia,,uno@example.org\r\n"
    "{a},,,Persona Dos,Vocal,,\r\n"
    "{b},Comité del parque,2025-03-05,Persona Tres,Tesorería,,\r\n"
)


@pytest.fixture
def two_works(hermosillo):
    return [
        WorkFactory(
            municipality=hermosillo,
            municipal=True,
            published=True,
            status=WorkStatus.RELEASED,
        )
        for _ in range(2)
    ]


def _roster(works, **extra):
    text = ROSTER.format(a=works[0].public_id, b=works[1].public_id)
    return text.encode()


def test_a_roster_dry_run_shows_what_it_holds_and_writes_nothing(two_works, staff):
    result = committees_import(
        data=_roster(two_works), name="comites.csv", dry_run=True, actor=staff
    )
    assert (result.committees, result.members, result.findings) == (2, 3, ())
    assert not result.written
    assert not CommitteeMember.objects.exists()


def test_a_roster_forms_every_committee_with_its_members(two_works, staff):
    result = committees_import(data=_roster(two_works), name="c.csv", actor=staff)
    assert result.written
    park = two_works[1].committee
    assert (park.name, park.members.get().role) == ("Comité del parque", "treasurer")
    assert two_works[0].committee.members.count() == 2


def test_one_finding_in_a_roster_stops_every_committee(two_works, staff, cajeme):
    CommitteeFactory(work=two_works[1])
    data = _roster(two_works) + b"OTRA-0001,,2025-03-01,Persona,Vocal,,\r\n"
    result = committees_import(data=data, name="c.csv", actor=staff)
    assert [f.code for f in result.findings] == [
        "ROSTER-COMMITTEE-EXISTS",
        "ROSTER-WORK-UNKNOWN",
    ]
    assert not result.written
    assert not CommitteeMember.objects.exists()


def test_a_roster_naming_another_scopes_work_is_refused_at_its_row(
    two_works, make_user, cajeme
):
    outsider = make_user(Role.VALIDATOR, municipality=cajeme)
    result = committees_import(data=_roster(two_works), name="c.csv", actor=outsider)
    assert {f.code for f in result.findings} == {"ROSTER-WORK-OUT-OF-REACH"}
    assert not result.written


def test_works_still_without_a_committee_are_listed_newest_year_first(
    hermosillo, staff
):
    for year, folio in ((2023, "OB-2023-2"), (2024, "OB-2024-1"), (2023, "OB-2023-1")):
        WorkFactory(
            public_id=folio,
            fiscal_year=FiscalYearFactory(year=year),
            municipality=hermosillo,
            municipal=True,
            published=True,
        )
    CommitteeFactory(
        work=WorkFactory(public_id="OB-2024-0", municipality=hermosillo, published=True)
    )
    listed = [work.public_id for work in works_without_committee(staff)]
    assert listed == ["OB-2024-1", "OB-2023-1", "OB-2023-2"]
