"""Staff accounts and roles given and taken on the site, without the Django admin."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pghistory.models import MiddlewareEvents

from ruta.accounts import rules
from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role, RoleAssignment, User
from ruta.accounts.services import role_remove, staff_invite
from testkit.factories.catalog import AgencyFactory

STAFF = reverse("accounts:staff")


def test_a_role_other_than_administration_must_reach_an_agency_or_a_municipality():
    assert rules.staff_scope_problem("validator", scoped=False) == (
        rules.STAFF_ROLE_UNSCOPED
    )
    assert rules.staff_scope_problem("validator", scoped=True) is None
    assert rules.staff_scope_problem("administrator", scoped=True) == (
        rules.STAFF_ROLE_SCOPED_ADMINISTRATOR
    )
    assert rules.staff_scope_problem("administrator", scoped=False) is None


def test_nobody_removes_their_own_administration_nor_the_last_one():
    own = rules.staff_removal_problem("administrator", own=True, administrators_left=3)
    assert own == rules.STAFF_OWN_ADMINISTRATION
    last = rules.staff_removal_problem(
        "administrator", own=False, administrators_left=0
    )
    assert last == rules.STAFF_LAST_ADMINISTRATOR
    assert (
        rules.staff_removal_problem("administrator", own=False, administrators_left=1)
        is None
    )
    assert (
        rules.staff_removal_problem("validator", own=True, administrators_left=0)
        is None
    )


def test_an_administrator_invites_a_validator_who_chooses_a_password_by_mail(
    client, administrator, mailoutbox
):
    agency = AgencyFactory()
    client.force_login(administrator)
    answer = client.post(
        STAFF,
        {
            "email": "Ana.Ruiz@Example.org",
            "full_name": "Ana Ruiz",
            "role": Role.VALIDATOR,
            "agency": agency.pk,
        },
    )
    assert answer.status_code == 302
    user = User.objects.get(email="ana.ruiz@example.org")
    assert not user.has_usable_password()
    assert user.assignments.get().agency == agency
    (mail,) = mailoutbox
    assert mail.to == ["ana.ruiz@example.org"]
    token = re.search(r"/cuentas/invitacion/\w+/([\w-]+)/", mail.body)[1]
    assert default_token_generator.check_token(user, token)
    assert agency.name in mail.body
    created = MiddlewareEvents.objects.get(
        pgh_model="accounts.RoleAssignmentEvent",
        pgh_obj_id=str(user.assignments.get().pk),
        pgh_label="insert",
    )
    assert created.pgh_context["service"] == "role_assign"
    assert created.pgh_context["user"] == administrator.pk
    listed = client.get(STAFF).content.decode()
    assert "ana.ruiz@example.org" in listed
    assert "Todavía no elige su contraseña" in listed


def test_an_existing_account_gets_the_role_and_a_notice_without_a_link(
    administrator, make_user, mailoutbox
):
    agency = AgencyFactory()
    person = make_user(Role.CAPTURE, agency=agency)
    invited = staff_invite(
        email=person.email.upper(),
        full_name="",
        role=Role.VALIDATOR,
        agency=agency,
        actor=administrator,
    )
    assert not invited.created
    assert set(person.assignments.values_list("role", flat=True)) == {
        Role.CAPTURE,
        Role.VALIDATOR,
    }
    (mail,) = mailoutbox
    assert "/cuentas/invitacion/" not in mail.body
    with pytest.raises(ValidationError) as held:
        staff_invite(
            email=person.email,
            full_name="",
            role=Role.VALIDATOR,
            agency=agency,
            actor=administrator,
        )
    assert held.value.code == "role_held"


def test_refused_invitations_say_why_and_create_nothing(
    client, administrator, mailoutbox
):
    client.force_login(administrator)
    unscoped = client.post(
        STAFF, {"email": "x@example.org", "role": Role.VALIDATOR}
    ).content.decode()
    assert "Elija la dependencia o el municipio" in unscoped
    scoped_admin = client.post(
        STAFF,
        {
            "email": "x@example.org",
            "role": Role.ADMINISTRATOR,
            "agency": AgencyFactory().pk,
        },
    ).content.decode()
    assert "no se da por dependencia" in scoped_admin
    committee = client.post(STAFF, {"email": "x@example.org", "role": Role.COMMITTEE})
    assert committee.status_code == 400
    assert not User.objects.filter(email="x@example.org").exists()
    assert mailoutbox == []


def test_removing_a_role_is_audited_and_never_ones_own_administration(
    client, administrator, make_user
):
    validator = make_user(Role.VALIDATOR, agency=AgencyFactory())
    assignment = validator.assignments.get()
    client.force_login(administrator)
    client.post(reverse("accounts:staff-role-remove", args=[assignment.pk]))
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    deleted = MiddlewareEvents.objects.get(
        pgh_model="accounts.RoleAssignmentEvent",
        pgh_obj_id=str(assignment.pk),
        pgh_label="delete",
    )
    assert deleted.pgh_context["service"] == "role_remove"
    own = administrator.assignments.get()
    refused = client.post(
        reverse("accounts:staff-role-remove", args=[own.pk]), follow=True
    )
    assert "Nadie quita su propia función" in refused.content.decode()
    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    other = make_user(Role.ADMINISTRATOR)
    role_remove(assignment=own, actor=other)
    administrator.refresh_from_db()
    assert not administrator.is_superuser
    assert not administrator.is_staff
    # The former administrator no longer manages accounts at all.
    with pytest.raises(PermissionDenied):
        role_remove(assignment=other.assignments.get(), actor=administrator)


def test_only_administrators_reach_the_staff_page_and_its_services(client, make_user):
    agency = AgencyFactory()
    validator = make_user(Role.VALIDATOR, agency=agency)
    client.force_login(validator)
    assert client.get(STAFF).status_code == 403
    assignment = validator.assignments.get()
    assert (
        client.post(
            reverse("accounts:staff-role-remove", args=[assignment.pk])
        ).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        staff_invite(
            email="y@example.org",
            full_name="",
            role=Role.CAPTURE,
            agency=agency,
            actor=validator,
        )


def test_the_staff_page_logs_each_account_it_shows_as_read(client, administrator):
    client.force_login(administrator)
    client.get(STAFF)
    read = MiddlewareEvents.objects.get(
        pgh_label=PERSONAL_DATA_VIEWED, pgh_obj_id=str(administrator.pk)
    )
    assert read.pgh_context["service"] == "staff_page"
    assert read.pgh_context["url"] == STAFF
