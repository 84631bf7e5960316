"""The committee member's desk on a phone, and the public work page's oversight."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ruta.accounts.models import Role
from ruta.common.files.privatefiles import is_private
from ruta.participation.models import (
    Conformity,
    HandoverAct,
    OversightVisit,
    TrainingWorkshop,
)
from ruta.participation.selectors import member_list_reads
from ruta.participation.services import handover_act_record
from ruta.works.models import WorkStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.participation import (
    CommitteeMemberFactory,
    OversightVisitFactory,
    TrainingWorkshopFactory,
)
from testkit.oversight import (
    PDF,
    committee_with_member,
    jpeg_with_location,
)

MEMBER_NAME = "Integrante Ficticia Reservada"


@pytest.fixture
def seat(hermosillo, make_user):
    committee, member = committee_with_member(hermosillo, make_user)
    CommitteeMemberFactory(committee=committee, full_name=MEMBER_NAME)
    return committee, member


def _visit_form(**changes):
    data = {
        "visited_on": "2024-05-10",
        "checked": "Avance de la barda perimetral",
        "findings": "Falta señalar la excavación del lado norte",
        "minutes": SimpleUploadedFile("minuta.pdf", PDF, "application/pdf"),
    }
    return {**data, **changes}


def test_the_desk_lists_the_member_s_committees_only(
    client, seat, hermosillo, make_user
):
    committee, member = seat
    other, _outsider = committee_with_member(hermosillo, make_user)
    client.force_login(member)
    page = client.get(reverse("participation:desk")).content.decode()
    assert committee.work.title in page
    assert other.work.title not in page
    assert "Registrar visita" in page


def test_the_desk_is_refused_to_an_account_without_committee(client, make_user):
    client.force_login(make_user(Role.CAPTURE))
    assert client.get(reverse("participation:desk")).status_code == 403


def test_a_member_records_a_visit_from_the_form(client, seat):
    committee, member = seat
    client.force_login(member)
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_location(), "image/jpeg")
    url = reverse("participation:visit-create", args=[committee.work.public_id])
    response = client.post(url, _visit_form(photos=[photo]))
    assert response.status_code == 302
    visit = OversightVisit.objects.get()
    assert visit.findings == "Falta señalar la excavación del lado norte"
    assert visit.photos.count() == 1


def test_a_future_date_is_refused_at_its_field_in_spanish(client, seat):
    committee, member = seat
    client.force_login(member)
    url = reverse("participation:visit-create", args=[committee.work.public_id])
    response = client.post(url, _visit_form(visited_on="2999-01-01"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "visited_on": ["La fecha no puede ser posterior a hoy."]
    }
    assert 'aria-invalid="true"' in response.content.decode()
    assert not OversightVisit.objects.exists()


def test_minutes_that_are_not_a_pdf_are_refused_at_their_field(client, seat):
    committee, member = seat
    client.force_login(member)
    url = reverse("participation:visit-create", args=[committee.work.public_id])
    fake = SimpleUploadedFile("minuta.pdf", b"no soy un pdf", "application/pdf")
    response = client.post(url, _visit_form(minutes=fake))
    assert response.context["form"].errors == {
        "minutes": [
            "La minuta firmada debe ser un PDF o fotos de sus páginas "
            "(JPEG, PNG o WebP)."
        ]
    }
    assert not OversightVisit.objects.exists()


def test_a_member_sends_the_minutes_as_photos_of_their_pages_from_a_phone(
    client, seat, make_user, hermosillo
):
    committee, member = seat
    client.force_login(member)
    url = reverse("participation:visit-create", args=[committee.work.public_id])
    form = client.get(url).content.decode()
    assert 'accept="application/pdf,image/jpeg,image/png,image/webp"' in form
    assert 'name="minutes" accept' in form
    assert "multiple" in form
    pages = [
        SimpleUploadedFile(f"pagina-{n}.jpg", jpeg_with_location(), "image/jpeg")
        for n in (1, 2, 3)
    ]
    assert client.post(url, _visit_form(minutes=pages)).status_code == 302
    visit = OversightVisit.objects.get()
    assert is_private(visit.minutes)
    # Read only after the permission check, as a PDF attachment.
    minutes_url = reverse(
        "participation:visit-minutes", args=[committee.work.public_id, visit.pk]
    )
    client.force_login(make_user(Role.CAPTURE, municipality=hermosillo))
    assert client.get(minutes_url).status_code == 403
    client.force_login(member)
    answer = client.get(minutes_url)
    pdf = b"".join(answer.streaming_content)
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].startswith("attachment")
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page\n") == 3
    assert b"Modelo 9000" not in pdf


def test_a_visit_without_minutes_is_refused_at_their_field(client, seat):
    committee, member = seat
    client.force_login(member)
    url = reverse("participation:visit-create", args=[committee.work.public_id])
    data = _visit_form()
    del data["minutes"]
    response = client.post(url, data)
    assert list(response.context["form"].errors) == ["minutes"]
    assert not OversightVisit.objects.exists()


@pytest.mark.parametrize("name", ["visit-create", "act-create", "desk-committee"])
def test_a_member_of_another_committee_is_refused_and_nothing_is_stored(
    client, seat, hermosillo, make_user, name
):
    committee, _member = seat
    _other, outsider = committee_with_member(hermosillo, make_user)
    client.force_login(outsider)
    url = reverse(f"participation:{name}", args=[committee.work.public_id])
    assert client.get(url).status_code == 403
    assert client.post(url, _visit_form()).status_code == 403
    assert not OversightVisit.objects.exists()
    assert not HandoverAct.objects.exists()


def test_a_member_records_the_handover_act_of_the_finished_work(
    client, hermosillo, make_user
):
    committee, member = committee_with_member(
        hermosillo, make_user, status=WorkStatus.COMPLETED
    )
    client.force_login(member)
    url = reverse("participation:act-create", args=[committee.work.public_id])
    refused = client.post(
        url,
        {
            "delivered_on": "2024-10-01",
            "received_by": "Dirección de Obras Públicas",
            "conformity": Conformity.OBJECTIONS,
            "objections": "",
        },
    )
    assert refused.context["form"].errors == {
        "objections": [
            "Si el comité tiene observaciones, escríbalas: son parte del acta."
        ]
    }
    response = client.post(
        url,
        {
            "delivered_on": "2024-10-01",
            "received_by": "Dirección de Obras Públicas",
            "conformity": Conformity.CONFORM,
        },
    )
    assert response.status_code == 302
    assert committee.handover_act.received_by == "Dirección de Obras Públicas"


def test_the_validator_of_the_scope_follows_the_visits_and_reads_the_minutes(
    client, seat, make_user, hermosillo
):
    committee, _member = seat
    visit = OversightVisitFactory(committee=committee, findings="Grieta en la losa")
    validator = make_user(Role.VALIDATOR, municipality=hermosillo)
    client.force_login(validator)
    desk = client.get(
        reverse("participation:desk-committee", args=[committee.work.public_id])
    )
    assert "Grieta en la losa" in desk.content.decode()
    assert "Registrar visita" not in desk.content.decode()
    # No link to a committee member's own desk, which would refuse staff.
    assert reverse("participation:desk") not in desk.content.decode()
    assert client.get(reverse("participation:desk")).status_code == 403
    minutes_url = reverse(
        "participation:visit-minutes", args=[committee.work.public_id, visit.pk]
    )
    minutes = client.get(minutes_url)
    assert minutes.status_code == 200
    assert b"".join(minutes.streaming_content).startswith(b"%PDF-")
    assert member_list_reads(committee).get().user == validator


def test_the_minutes_are_refused_to_the_public_and_to_capture_staff(
    client, seat, make_user, hermosillo
):
    committee, _member = seat
    visit = OversightVisitFactory(committee=committee)
    url = reverse(
        "participation:visit-minutes", args=[committee.work.public_id, visit.pk]
    )
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(make_user(Role.CAPTURE, municipality=hermosillo))
    assert client.get(url).status_code == 403
    assert not member_list_reads(committee).exists()


def test_the_public_work_page_shows_the_oversight_without_members(
    client, hermosillo, make_user
):
    committee, member = committee_with_member(
        hermosillo, make_user, status=WorkStatus.COMPLETED
    )
    CommitteeMemberFactory(committee=committee, full_name=MEMBER_NAME)
    TrainingWorkshopFactory(committee=committee, held_on=date(2024, 2, 20))
    visit = OversightVisitFactory(committee=committee, findings="Falta la rampa")
    handover_act_record(
        committee=committee,
        delivered_on=date(2024, 10, 1),
        received_by="Dirección de Obras Públicas",
        conformity=Conformity.OBJECTIONS,
        objections="La banqueta norte quedó sin rampa",
        actor=TEST_ACTOR,
    )
    page = client.get(committee.work.get_absolute_url()).content.decode()
    assert "con 12 asistentes" in page
    assert "Falta la rampa" in page
    assert "La banqueta norte quedó sin rampa" in page
    assert "Dirección de Obras Públicas" in page
    assert MEMBER_NAME not in page
    assert member.email not in page
    assert visit.minutes.name not in page
    assert "/minuta/" not in page


def test_the_public_page_shows_visit_photos(client, seat):
    committee, member = seat
    client.force_login(member)
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_location(), "image/jpeg")
    url = reverse("participation:visit-create", args=[committee.work.public_id])
    client.post(url, _visit_form(photos=[photo]))
    client.logout()
    stored = OversightVisit.objects.get().photos.get()
    page = client.get(committee.work.get_absolute_url()).content.decode()
    assert stored.image.url in page
    assert BytesIO(stored.image.read()).getvalue().startswith(b"\xff\xd8")


def test_capture_staff_record_the_workshop_at_its_field_bounds(
    client, seat, make_user, hermosillo
):
    committee, member = seat
    url = reverse("participation:workshop-create", args=[committee.work.public_id])
    client.force_login(member)
    assert (
        client.post(url, {"held_on": "2024-02-20", "attendance": "9"}).status_code
        == 403
    )
    client.force_login(make_user(Role.CAPTURE, municipality=hermosillo))
    refused = client.post(url, {"held_on": "2024-02-20", "attendance": "501"})
    assert list(refused.context["form"].errors) == ["attendance"]
    early = client.post(url, {"held_on": "2024-01-01", "attendance": "9"})
    assert early.context["form"].errors == {
        "held_on": ["La fecha es anterior a la conformación del comité (15/02/2024)."]
    }
    assert not TrainingWorkshop.objects.exists()
    done = client.post(url, {"held_on": "2024-02-20", "attendance": "9"})
    assert done.status_code == 302
    assert committee.workshop.attendance == 9


def test_the_work_page_offers_the_desk_to_its_member_only(client, seat, make_user):
    committee, member = seat
    desk = reverse("participation:desk-committee", args=[committee.work.public_id])
    assert desk not in client.get(committee.work.get_absolute_url()).content.decode()
    client.force_login(make_user(Role.COMMITTEE))
    assert desk not in client.get(committee.work.get_absolute_url()).content.decode()
    client.force_login(member)
    assert desk in client.get(committee.work.get_absolute_url()).content.decode()
