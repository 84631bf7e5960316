"""Staff pages of committees: a roster reviewed then confirmed; who opens what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ruta.accounts.models import Role
from ruta.participation.models import Committee
from ruta.participation.roster import HEADER
from ruta.works.models import WorkStatus
from testkit.factories.participation import CommitteeFactory
from testkit.factories.works import WorkFactory


@pytest.fixture
def work(hermosillo):
    return WorkFactory(
        municipality=hermosillo,
        municipal=True,
        published=True,
        status=WorkStatus.RELEASED,
    )


def _roster(work, office="Presidencia"):
    text = (
        ",".join(HEADER)
        + f"\r\n{work.public_id},,2025-03-01,Persona Uno,{office},,uno@example.org\r\n"
    )
    return SimpleUploadedFile("comites.csv", text.encode(), content_type="text/csv")


def test_a_roster_is_reviewed_then_confirmed_without_the_file_being_kept(
    client, make_user, work
):
    client.force_login(make_user(Role.VALIDATOR, municipality=work.municipality))
    url = reverse("participation:roster-import")
    page = client.post(url, {"roster": _roster(work)})
    assert "1 comités con 1 integrantes" in page.content.decode()
    assert not Committee.objects.exists()
    token = page.context["token"]
    done = client.post(url, {"token": token})
    assert done.status_code == 302
    assert Committee.objects.get().members.get().full_name == "Persona Uno"


def test_a_roster_with_findings_offers_no_confirmation(client, make_user, work):
    client.force_login(make_user(Role.VALIDATOR, municipality=work.municipality))
    page = client.post(
        reverse("participation:roster-import"), {"roster": _roster(work, "Jefa")}
    )
    assert page.context["token"] == ""
    assert "«Jefa» no existe" in page.content.decode()


def test_a_forged_confirmation_writes_nothing(client, make_user, work):
    client.force_login(make_user(Role.VALIDATOR, municipality=work.municipality))
    page = client.post(reverse("participation:roster-import"), {"token": "forjado"})
    assert "venció o no es válida" in page.content.decode()
    assert not Committee.objects.exists()


def test_capture_staff_may_not_open_a_members_form(client, make_user, work):
    committee = CommitteeFactory(work=work)
    client.force_login(make_user(Role.CAPTURE, municipality=work.municipality))
    url = reverse("participation:member-add", args=[committee.work.public_id])
    assert client.get(url).status_code == 403


def test_the_roster_template_names_its_columns(client, make_user, work):
    client.force_login(make_user(Role.CAPTURE, municipality=work.municipality))
    body = client.get(reverse("participation:roster-template")).content.decode()
    assert body.lstrip("\ufeff").splitlines()[0] == ",".join(HEADER)


def test_a_committee_is_formed_only_by_the_works_staff(client, make_user, work, cajeme):
    url = reverse("participation:committee-create", args=[work.public_id])
    client.force_login(make_user(Role.CAPTURE, municipality=cajeme))
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.CAPTURE, municipality=work.municipality))
    response = client.post(url, {"name": "", "formed_on": "2025-03-01"})
    assert response.status_code == 302
    assert Committee.objects.get().work == work
