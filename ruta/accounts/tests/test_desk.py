"""The desk home lists every task a person may do, read from the apps' registry."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ruta.accounts.desk import (
    AREA_LABELS,
    DeskArea,
    DeskTask,
    desk_entries,
    desk_task_register,
    desk_tasks,
)
from ruta.accounts.models import Role
from ruta.problems.models import ReportStatus
from testkit.factories.catalog import AgencyFactory
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import WorkFactory
from testkit.oversight import committee_with_member

DESK = reverse("accounts:desk")


def _keys(user) -> set[str]:
    return {entry.task.key for entry in desk_entries(user)}


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_area_of_the_desk_has_a_label():
    assert set(AREA_LABELS) == set(DeskArea)


def test_every_registered_task_opens_a_page_of_the_site():
    tasks = desk_tasks()
    assert {task.area for task in tasks} == set(DeskArea)
    for task in tasks:
        assert task.url().startswith("/"), task.key


def test_a_task_key_registered_twice_with_other_content_is_refused():
    task = desk_tasks()[0]
    with pytest.raises(ValueError, match=task.key):
        desk_task_register(
            DeskTask(
                key=task.key,
                area=task.area,
                title="Otra",
                summary="",
                url_name=task.url_name,
                may=task.may,
            )
        )


@pytest.mark.django_db
def test_capture_staff_see_capture_imports_and_moderation_but_not_approval(
    make_user, hermosillo
):
    agency = AgencyFactory(municipality=hermosillo)
    staff = make_user(Role.CAPTURE, agency=agency)
    keys = _keys(staff)
    assert {
        "works-capture",
        "works-new",
        "imports-works",
        "imports-document",
        "problems-queue",
        "programs-capture",
        "opengov-new-draft",
    } <= keys
    assert not keys & {
        "programs-review",
        "programs-approve",
        "grants-new-call",
        "audit",
        "administration",
        "alerts-subscribers",
        "oversight",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_every_task_the_desk_offers_opens_for_the_person(make_user, hermosillo, role):
    """A task is offered by the page's own rule: none answers a refusal.

    An agency of its own, with no POA unit, no committee and no call: the
    desk offers only what its pages let this person do there.
    """
    person = make_user(role, agency=AgencyFactory(municipality=hermosillo))
    client = _signed_in(person)
    refused = [
        entry.task.key
        for entry in desk_entries(person)
        if client.get(entry.url).status_code == 403
    ]
    assert refused == []


@pytest.mark.django_db
def test_a_validator_sees_how_many_proposals_and_open_reports_wait_in_their_scope(
    make_user, hermosillo
):
    agency = AgencyFactory(municipality=hermosillo)
    other = AgencyFactory(municipality=hermosillo)
    validator = make_user(Role.VALIDATOR, agency=agency)
    WorkFactory.create_batch(2, executing_agency=agency, municipality=hermosillo)
    WorkFactory(executing_agency=other, municipality=hermosillo)
    mine = WorkFactory(executing_agency=agency, municipality=hermosillo, published=True)
    ProblemReportFactory(work=mine, status=ReportStatus.OPEN)
    ProblemReportFactory(work=mine, status=ReportStatus.RESOLVED)

    waiting = {entry.task.key: entry.waiting for entry in desk_entries(validator)}

    assert waiting["works-capture"] == 2
    assert waiting["problems-queue"] == 1
    page = _signed_in(validator).get(DESK).content.decode()
    assert "Propuestas por aprobar: 2" in page
    assert "Reportes abiertos: 1" in page


@pytest.mark.django_db
def test_a_committee_member_sees_only_their_committee_s_work(make_user, hermosillo):
    committee, member = committee_with_member(hermosillo, make_user)
    entries = desk_entries(member)
    assert [entry.task.key for entry in entries] == ["oversight"]
    (record,) = entries[0].records
    assert record.label == committee.work.title
    assert record.url == reverse(
        "participation:desk-committee", args=[committee.work.public_id]
    )
    page = _signed_in(member).get(DESK).content.decode()
    assert committee.work.title in page
    assert reverse("desk:index") not in page


@pytest.mark.django_db
def test_an_administrator_sees_every_area(administrator):
    AgencyFactory()  # an agency to put a draft to consultation for
    areas = {entry.task.area for entry in desk_entries(administrator)}
    # Committees and organisations are the members' own: an administrator
    # reaches them from the records, not as a task of theirs.
    assert areas >= set(DeskArea) - {DeskArea.OVERSIGHT}


@pytest.mark.django_db
def test_an_account_without_a_role_is_told_how_tasks_arrive(make_user):
    page = _signed_in(make_user()).get(DESK)
    assert page.status_code == 200
    assert "todavía no tiene funciones asignadas" in page.content.decode()


@pytest.mark.django_db
def test_the_desk_asks_strangers_to_sign_in():
    response = Client().get(DESK)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_the_menu_offers_the_desk_to_signed_in_people_only(make_user):
    home = reverse("portal:home")
    assert DESK not in Client().get(home).content.decode()
    assert DESK in _signed_in(make_user()).get(home).content.decode()


@pytest.mark.django_db
def test_signing_in_opens_the_desk(make_user):
    user = make_user(Role.CAPTURE)
    user.set_password("una-clave-larga-de-prueba")
    user.save()
    response = Client().post(
        reverse("accounts:login"),
        {"username": user.email, "password": "una-clave-larga-de-prueba"},
    )
    assert response.status_code == 302
    assert response["Location"] == DESK
