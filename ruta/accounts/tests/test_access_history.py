"""Groups and permissions open records to people: every grant and removal is history.

Django's admin hands out groups, permissions of a user and permissions of a
group; each is a row of a many-to-many table, tracked through a proxy
(``accounts.UserGroup``, ``UserPermission``, ``GroupPermission``) and shown
on the audit page by what it joins.
"""

import pghistory
import pytest
from django.contrib.auth.models import Group, Permission
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role

AUDIT = "/es-mx/cuentas/auditoria/"


@pytest.fixture
def group(db):
    return Group.objects.create(name="Revisión de solicitudes")


@pytest.fixture
def permission(db):
    return Permission.objects.get(codename="view_application")


def _events(model: str, label: str):
    return MiddlewareEvents.objects.filter(pgh_obj_model=model, pgh_label=label)


def test_adding_a_user_to_a_group_names_who_did_it(make_user, administrator, group):
    person = make_user()
    with pghistory.context(user=administrator.pk):
        person.groups.add(group)
    (event,) = _events("accounts.UserGroup", "insert")
    assert event.pgh_data["user_id"] == person.pk
    assert event.pgh_data["group_id"] == group.pk
    assert event.user_id == administrator.pk


def test_removing_a_user_from_a_group_names_who_did_it(make_user, administrator, group):
    person = make_user()
    person.groups.add(group)
    with pghistory.context(user=administrator.pk):
        person.groups.remove(group)
    (event,) = _events("accounts.UserGroup", "delete")
    assert (event.pgh_data["user_id"], event.pgh_data["group_id"]) == (
        person.pk,
        group.pk,
    )
    assert event.user_id == administrator.pk


def test_a_users_own_permissions_granted_and_removed_name_who_did_it(
    make_user, administrator, permission
):
    person = make_user()
    with pghistory.context(user=administrator.pk):
        person.user_permissions.add(permission)
        person.user_permissions.clear()
    events = MiddlewareEvents.objects.filter(
        pgh_obj_model="accounts.UserPermission"
    ).order_by("pgh_id")
    assert [(e.pgh_label, e.pgh_data["permission_id"], e.user_id) for e in events] == [
        ("insert", permission.pk, administrator.pk),
        ("delete", permission.pk, administrator.pk),
    ]


def test_a_group_permission_granted_in_the_admin_names_the_administrator(
    client, administrator, group, permission
):
    client.force_login(administrator)
    url = f"/admin/auth/group/{group.pk}/change/"
    response = client.post(url, {"name": group.name, "permissions": [permission.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    (event,) = _events("accounts.GroupPermission", "insert")
    assert event.pgh_data["permission_id"] == permission.pk
    assert event.user_id == administrator.pk
    assert event.url == url


def test_the_audit_page_says_what_a_grant_joins(client, make_user, group):
    validator = make_user(Role.VALIDATOR)
    person = make_user()
    with pghistory.context(user=validator.pk):
        person.groups.add(group)
        person.groups.remove(group)
    client.force_login(validator)
    page = client.get(AUDIT, {"model": "accounts.UserGroup"}).content.decode()
    assert "<td>acceso concedido</td>" in page
    assert "<td>acceso retirado</td>" in page
    assert f"<li>Grupo: {group.name}</li>" in page
    assert f"<li>Usuario: Usuario {person.pk}</li>" in page


def test_the_audit_page_names_the_granted_person_only_to_administrators(
    client, administrator, make_user, group
):
    person = make_user()
    person.groups.add(group)
    client.force_login(administrator)
    page = client.get(AUDIT, {"model": "accounts.UserGroup"}).content.decode()
    assert f"<li>Usuario: {person}</li>" in page
    read = MiddlewareEvents.objects.tracks(person).get(pgh_label=PERSONAL_DATA_VIEWED)
    assert read.user_id == administrator.pk
