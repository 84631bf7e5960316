"""Who acts for an organisation opens its applications' personal data: history.

Each addition and removal of a member (``grants.OrganizationMember``, the
rows of ``Organization.members``) is recorded with who made it, by the
database, whatever path wrote it.
"""

import pghistory
import pytest
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import Role
from testkit.grants import make_organization, user_with

AUDIT = "/es-mx/cuentas/auditoria/"


@pytest.fixture
def applicant(db):
    return user_with(Role.APPLICANT)


def _membership_events(label: str):
    return MiddlewareEvents.objects.filter(
        pgh_obj_model="grants.OrganizationMember", pgh_label=label
    )


def test_registering_an_organisation_records_its_first_member_and_who(applicant):
    organization = make_organization(1, applicant)
    (event,) = _membership_events("insert")
    assert event.pgh_data["organization_id"] == organization.pk
    assert event.pgh_data["user_id"] == applicant.pk
    assert event.user_id == applicant.pk
    assert event.pgh_context["service"] == "organization_register"


def test_adding_and_removing_a_member_name_who_did_it(applicant, administrator):
    organization = make_organization(1, applicant)
    colleague = user_with(Role.APPLICANT)
    with pghistory.context(user=administrator.pk):
        organization.members.add(colleague)
        organization.members.remove(colleague)
    added, removed = (
        _membership_events(label).get(pgh_data__user_id=colleague.pk)
        for label in ("insert", "delete")
    )
    assert added.user_id == removed.user_id == administrator.pk
    assert removed.pgh_data["organization_id"] == organization.pk


def test_the_audit_page_names_the_organisation_and_the_member(
    client, applicant, make_user
):
    organization = make_organization(1, applicant)
    validator = make_user(Role.VALIDATOR)
    with pghistory.context(user=validator.pk):
        organization.members.remove(applicant)
    client.force_login(validator)
    page = client.get(AUDIT, {"model": "grants.OrganizationMember"}).content.decode()
    assert "Persona que actúa por una organización" in page
    assert "<td>acceso concedido</td>" in page
    assert "<td>acceso retirado</td>" in page
    assert f"<li>Organización: {organization.name}</li>" in page
    assert f"<li>Usuario: Usuario {applicant.pk} (Organización solicitante)</li>" in (
        page
    )
