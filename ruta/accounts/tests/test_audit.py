from datetime import date

import pghistory
import pytest
from django.db import connection
from django.db.utils import ProgrammingError
from pghistory.models import MiddlewareEvents

from ruta.accounts.actors import SystemActor
from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role, RoleAssignment, User
from ruta.accounts.selectors import event_origin
from ruta.accounts.services import user_create
from ruta.participation.models import CommitteeMember
from ruta.participation.selectors import member_list_reads
from testkit.factories.catalog import AgencyFactory
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import FiscalYearFactory

AUDIT = "/es-mx/cuentas/auditoria/"
HIDDEN = "dato personal reservado"


def events_of(obj):
    return MiddlewareEvents.objects.tracks(obj).order_by("pgh_created_at", "pgh_id")


def test_queryset_update_leaves_an_event_with_its_user(make_user, administrator):
    person = make_user()
    with pghistory.context(user=administrator.pk):
        User.objects.filter(pk=person.pk).update(full_name="Nombre Corregido")
    event = events_of(person).last()
    assert event.pgh_label == "update"
    assert event.pgh_data["full_name"] == "Nombre Corregido"
    assert event.user_id == administrator.pk


def test_raw_sql_update_is_recorded(make_user):
    person = make_user()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET full_name = %s WHERE id = %s",
            ["Por SQL", person.pk],
        )
    assert events_of(person).last().pgh_data["full_name"] == "Por SQL"


def test_bulk_create_is_recorded(make_user, hermosillo):
    person = make_user()
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=person, role=Role.CAPTURE, municipality=hermosillo)]
    )
    assignment = RoleAssignment.objects.get(user=person)
    assert events_of(assignment).first().pgh_label == "insert"


def test_password_hash_is_not_copied_into_history(make_user):
    person = make_user()
    assert all("password" not in event.pgh_data for event in events_of(person))


@pytest.mark.parametrize("statement", ["UPDATE", "DELETE"])
def test_event_tables_are_append_only(make_user, statement):
    make_user()
    sql = {
        "UPDATE": "UPDATE accounts_userevent SET full_name = 'x'",
        "DELETE": "DELETE FROM accounts_userevent",
    }[statement]
    with (
        pytest.raises(ProgrammingError, match="Cannot update or delete"),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


def test_audit_page_is_for_validators(client, make_user):
    client.force_login(make_user(Role.CAPTURE))
    assert client.get("/es-mx/cuentas/auditoria/").status_code == 403


def test_audit_page_filters_by_object_and_user(
    client, validator, administrator, make_user
):
    person, other = make_user(), make_user()
    with pghistory.context(user=validator.pk):
        User.objects.filter(pk=person.pk).update(full_name="Visible Aquí")
        User.objects.filter(pk=other.pk).update(full_name="No Debe Salir")
    client.force_login(administrator)
    response = client.get(
        "/es-mx/cuentas/auditoria/",
        {"model": "accounts.User", "object_id": person.pk, "user_id": validator.pk},
    )
    assert response.status_code == 200
    table = response.content.decode().split("<tbody>")[1]
    assert "Visible Aquí" in table
    assert "No Debe Salir" not in table


def test_change_through_a_page_records_the_request_context(client, administrator):
    client.force_login(administrator)
    target = User.objects.create_user("otra@example.org", "clave-segura-123")
    response = client.post(
        f"/admin/accounts/user/{target.pk}/change/",
        {
            "email": "otra@example.org",
            "full_name": "Cambio Desde Admin",
            "is_active": "on",
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = events_of(target).last()
    assert event.user_id == administrator.pk
    assert event.url == f"/admin/accounts/user/{target.pk}/change/"


def _table(response):
    assert response.status_code == 200
    return response.content.decode().split("<tbody>")[1]


def test_validator_sees_which_user_fields_changed_but_not_their_values(
    client, validator, make_user
):
    person = make_user()
    User.objects.filter(pk=person.pk).update(full_name="Nombre Reservado")
    client.force_login(validator)
    table = _table(client.get(AUDIT, {"model": "accounts.User"}))
    assert "<code>full_name</code>" in table
    assert HIDDEN in table
    assert "Nombre Reservado" not in table
    assert not events_of(person).filter(pgh_label=PERSONAL_DATA_VIEWED).exists()


def test_administrator_reads_user_values_and_the_read_is_logged(
    client, administrator, make_user
):
    person = make_user()
    User.objects.filter(pk=person.pk).update(full_name="Nombre Corregido")
    client.force_login(administrator)
    table = _table(client.get(AUDIT, {"model": "accounts.User"}))
    assert "Nombre Corregido" in table
    read = events_of(person).get(pgh_label=PERSONAL_DATA_VIEWED)
    assert read.user_id == administrator.pk
    assert read.pgh_context["service"] == "audit_log"


@pytest.fixture
def member(hermosillo):
    member = CommitteeMemberFactory(
        committee__work__municipality=hermosillo, committee__work__municipal=True
    )
    CommitteeMember.objects.filter(pk=member.pk).update(phone="662 555 0101")
    return member


def test_validator_of_the_committee_reads_member_values_and_the_read_is_logged(
    client, make_user, hermosillo, member
):
    reader = make_user(Role.VALIDATOR, municipality=hermosillo)
    client.force_login(reader)
    table = _table(client.get(AUDIT, {"model": "participation.CommitteeMember"}))
    assert "662 555 0101" in table
    read = member_list_reads(member.committee).get()
    assert (read.user_id, read.pgh_context["service"]) == (reader.pk, "audit_log")


def test_member_changes_beyond_the_readers_scopes_are_not_listed(
    client, make_user, cajeme, member
):
    client.force_login(make_user(Role.VALIDATOR, municipality=cajeme))
    table = _table(client.get(AUDIT))
    assert "participation.CommitteeMember" not in table
    assert "662 555 0101" not in table
    assert not member_list_reads(member.committee).exists()


def test_reader_reaching_the_work_without_personal_data_access_sees_fields_only(
    client, make_user, hermosillo, cajeme, member
):
    reader = make_user(Role.VALIDATOR, municipality=cajeme)
    RoleAssignment.objects.create(
        user=reader, role=Role.CAPTURE, municipality=hermosillo
    )
    client.force_login(reader)
    table = _table(client.get(AUDIT, {"model": "participation.CommitteeMember"}))
    assert "<code>phone</code>" in table
    assert HIDDEN in table
    assert "662 555 0101" not in table
    assert not member_list_reads(member.committee).exists()


def test_non_administrators_see_user_numbers_and_roles_not_names(
    client, validator, make_user, hermosillo
):
    author = make_user(Role.CAPTURE, municipality=hermosillo)
    with pghistory.context(user=author.pk):
        User.objects.filter(pk=make_user().pk).update(is_active=False)
    client.force_login(validator)
    page = client.get(AUDIT).content.decode()
    assert f"Usuario {author.pk} (Capturista)" in page
    assert author.email not in page
    assert author.full_name not in page


def test_user_filter_lists_no_one(client, validator, make_user):
    bystander = make_user()
    client.force_login(validator)
    response = client.get(AUDIT)
    assert 'name="user_id"' in response.content.decode()
    assert bystander.email not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_system_actor_is_named_where_a_change_came_from(db):
    importer = SystemActor("command ingest poa")
    user = user_create(
        email="sistema@example.org", password="una-clave-larga-2024", actor=importer
    )
    event = MiddlewareEvents.objects.tracks(user).get(pgh_label="insert")
    assert event.user_id is None
    assert event.pgh_context["system"] == "command ingest poa"
    assert event_origin(event) == "user_create (command ingest poa)"


def test_audit_page_names_records_actions_and_fields_in_spanish(client, validator):
    agency = AgencyFactory(code="cecop-prueba", name="Consejo de prueba")
    agency.name = "Consejo estatal de prueba"
    agency.save()
    client.force_login(validator)
    page = client.get(AUDIT, {"model": "catalog.Agency"}).content.decode()
    assert '<span title="catalog.Agency">Dependencia o entidad</span>' in page
    assert "<td>registro creado</td>" in page
    assert "<td>registro cambiado</td>" in page
    assert "<li>nombre <code>name</code>: " in page


def test_audit_page_writes_changed_values_as_people_read_them(client, administrator):
    agency = AgencyFactory(kind="dependencia")
    agency.kind = "entidad"
    agency.save()
    year = FiscalYearFactory(year=2031)
    year.is_closed = True
    year.save()
    committee = CommitteeFactory()
    committee.formed_on = date(2024, 3, 1)
    committee.save()
    client.force_login(administrator)
    page = client.get(AUDIT).content.decode()
    assert "<li>tipo <code>kind</code>: Dependencia → Entidad paraestatal</li>" in page
    assert "<code>is_closed</code>: no → sí</li>" in page
    assert "15 de febrero de 2024 → 1 de marzo de 2024</li>" in page
