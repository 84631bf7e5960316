"""The staff desk: capture a work, its money and progress, approve, publish."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ruta.accounts.models import Role
from ruta.works.models import Work, WorkDocument, WorkStatus
from testkit.factories.works import (
    FiscalYearFactory,
    SubprogramFactory,
    WorkFactory,
    WorksProgramFactory,
    ayuntamiento_of,
)

DESK = "/es-mx/captura/obras/"


@pytest.fixture
def ayuntamiento(hermosillo):
    return ayuntamiento_of(hermosillo)


@pytest.fixture
def capture(make_user, hermosillo):
    return make_user(Role.CAPTURE, municipality=hermosillo)


def _new_work(ayuntamiento, hermosillo, **changes) -> dict:
    data = {
        "public_id": "HMO-2024-0001",
        "fiscal_year": FiscalYearFactory(year=2024).pk,
        "program": WorksProgramFactory().pk,
        "subprogram": SubprogramFactory().pk,
        "executing_agency": ayuntamiento.pk,
        "municipality": hermosillo.pk,
        "title": "Pavimentación de la calle Yáñez",
        "beneficiaries": "320",
        "total_investment": "1000.00",
        "funding-TOTAL_FORMS": "4",
        "funding-INITIAL_FORMS": "0",
        "funding-0-source": "state",
        "funding-0-amount": "700.00",
        "funding-1-source": "municipality",
        "funding-1-amount": "300.00",
    }
    return {**data, **changes}


def test_capture_staff_record_a_proposal_that_is_not_public_yet(
    client, capture, ayuntamiento, hermosillo
):
    client.force_login(capture)
    response = client.post(f"{DESK}nueva/", _new_work(ayuntamiento, hermosillo))
    assert response.status_code == 302
    work = Work.objects.get(public_id="HMO-2024-0001")
    assert (work.status, work.published_at) == (WorkStatus.PROPOSED, None)
    assert sorted(work.funding.values_list("amount", flat=True)) == [300, 700]
    event = work.events.get(pgh_label="insert")
    assert event.pgh_context.metadata["user"] == capture.pk
    assert client.get(work.get_absolute_url()).status_code == 404


def test_funding_that_does_not_add_up_is_refused_and_nothing_saved(
    client, capture, ayuntamiento, hermosillo
):
    client.force_login(capture)
    data = _new_work(ayuntamiento, hermosillo, **{"funding-1-amount": "200.00"})
    page = client.post(f"{DESK}nueva/", data).content.decode()
    assert 'id="funding-error"' in page
    assert "suman $900.00, pero la inversión total es $1,000.00" in page
    assert not Work.objects.exists()


def test_a_work_outside_the_staffs_scope_is_refused_at_the_agency(
    client, capture, ayuntamiento, hermosillo, cajeme
):
    client.force_login(capture)
    data = _new_work(ayuntamiento, hermosillo, municipality=cajeme.pk)
    page = client.post(f"{DESK}nueva/", data).content.decode()
    assert 'id="id_executing_agency-error"' in page
    assert not Work.objects.exists()


def test_capture_staff_cannot_open_a_work_of_another_municipality(
    client, capture, cajeme
):
    other = WorkFactory(municipality=cajeme, municipal=True)
    client.force_login(capture)
    assert client.get(f"{DESK}{other.public_id}/").status_code == 403


def test_a_validator_approves_and_the_work_is_public_with_its_totals(
    client, make_user, capture, ayuntamiento, hermosillo
):
    client.force_login(capture)
    client.post(f"{DESK}nueva/", _new_work(ayuntamiento, hermosillo))
    client.force_login(make_user(Role.VALIDATOR, municipality=hermosillo))
    work = Work.objects.get(public_id="HMO-2024-0001")
    desk = client.get(f"{DESK}{work.public_id}/").content.decode()
    approve = f"/es-mx/cuentas/decidir/obras/{work.pk}/aprobar/"
    assert f'action="{approve}"' in desk
    response = client.post(approve)
    assert response.status_code == 302
    assert response["Location"] == f"{DESK}{work.public_id}/"
    explorer = client.get("/es-mx/obras/", {"q": "HMO-2024-0001"}).content.decode()
    assert "1 obra encontrada" in explorer
    assert "$1,000.00" in explorer


def test_capture_staff_cannot_approve(client, capture, hermosillo, ayuntamiento):
    work = WorkFactory(municipality=hermosillo, executing_agency=ayuntamiento)
    client.force_login(capture)
    page = client.get(f"{DESK}{work.public_id}/").content.decode()
    assert "Aprobar" not in page
    refused = client.post(f"/es-mx/cuentas/decidir/obras/{work.pk}/aprobar/")
    assert refused.status_code == 404
    work.refresh_from_db()
    assert work.status == WorkStatus.PROPOSED


def _jpeg_with_camera_data() -> bytes:
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Fabricante de cámaras"  # Make
    exif[0x0110] = "Modelo 9000"  # Model
    output = BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


@pytest.fixture
def running_work(hermosillo, ayuntamiento):
    return WorkFactory(
        municipality=hermosillo,
        executing_agency=ayuntamiento,
        status=WorkStatus.IN_EXECUTION,
        published=False,
    )


def _progress(photo: bytes | None, name="foto.jpg", **changes) -> dict:
    data = {
        "action": "progress",
        "progress-on": "2024-05-01",
        "progress-physical_percent": "40",
        "progress-amount_paid": "100.00",
        "progress-evidence": "Colado de la primera losa",
    }
    if photo is not None:
        data["progress-photo"] = SimpleUploadedFile(name, photo, "image/jpeg")
    return {**data, **changes}


def test_progress_photo_is_stored_without_camera_data(client, capture, running_work):
    assert Image.open(BytesIO(_jpeg_with_camera_data())).getexif()
    client.force_login(capture)
    response = client.post(
        f"{DESK}{running_work.public_id}/", _progress(_jpeg_with_camera_data())
    )
    assert response.status_code == 302
    stored = WorkDocument.objects.get(work=running_work)
    assert stored.kind == "photo"
    assert not Image.open(stored.file).getexif()
    assert running_work.progress.get().physical_percent == 40


def test_an_upload_that_is_not_an_image_is_refused_at_its_field(
    client, capture, running_work
):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{running_work.public_id}/", _progress(b"%PDF-1.4 no", "informe.pdf")
    ).content.decode()
    assert 'id="id_progress-photo-error"' in page
    assert "no es una imagen legible" in page
    assert not running_work.progress.exists()
    assert not WorkDocument.objects.exists()


def test_progress_that_goes_back_needs_a_reason_at_its_field(
    client, capture, running_work
):
    client.force_login(capture)
    client.post(f"{DESK}{running_work.public_id}/", _progress(None))
    page = client.post(
        f"{DESK}{running_work.public_id}/",
        _progress(
            None, **{"progress-on": "2024-06-01", "progress-physical_percent": "30"}
        ),
    ).content.decode()
    assert 'id="id_progress-reason-error"' in page
    assert running_work.progress.count() == 1


def test_funding_can_be_corrected_when_it_adds_up(client, capture, running_work):
    client.force_login(capture)
    data = {
        "action": "funding",
        "funding-TOTAL_FORMS": "4",
        "funding-INITIAL_FORMS": "0",
        "funding-0-source": "state",
        "funding-0-amount": "600000.00",
        "funding-1-source": "community",
        "funding-1-amount": "400000.00",
    }
    response = client.post(f"{DESK}{running_work.public_id}/", data)
    assert response.status_code == 302
    assert running_work.funding.count() == 2
