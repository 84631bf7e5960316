"""Supervision visits and the technical file (§3.7.2-4, -6, -14; §5 causes 3
and 5): staff record a visit with its photos re-encoded without EXIF, the
file is one page and one ZIP, read only by the organisation and the call's
staff, each read logged."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.common.models import AuditIndexEntry
from ruta.grants.models import SupervisionVisit, VisitCause
from ruta.grants.rules.sanctions import CAUSES_BY_CODE
from ruta.grants.rules.supervision import (
    VISIT_CAUSES,
    VisitDates,
    visit_date_problem,
)
from ruta.grants.services import visit_record
from testkit.grants import funded_agreement, user_with
from testkit.oversight import jpeg_with_location

SIGNED = date(2021, 5, 20)


# ------------------------------------------------------------------ rules


def test_section_5_causes_3_and_5_are_what_a_visit_may_find():
    assert [cause.code for cause in VISIT_CAUSES] == [
        "inspection_refused",
        "services_stopped",
    ]
    assert CAUSES_BY_CODE["inspection_refused"].section == "5 tabla 3"
    assert CAUSES_BY_CODE["services_stopped"].section == "5 cancelación 5"
    assert set(VisitCause.values) == {cause.code for cause in VISIT_CAUSES}


@pytest.mark.parametrize(
    ("visited_on", "signed_on", "follow_up_due", "problem"),
    [
        (date(2021, 7, 1), None, None, "unsigned"),
        (date(2021, 5, 1), SIGNED, None, "before_signing"),
        (date(2021, 12, 1), SIGNED, None, "future"),
        (date(2021, 7, 1), SIGNED, date(2021, 7, 1), "follow_up_order"),
        (date(2021, 7, 1), SIGNED, date(2022, 8, 1), "follow_up_order"),
        (date(2021, 7, 1), SIGNED, date(2021, 7, 15), None),
        (SIGNED, SIGNED, None, None),
    ],
)
def test_a_visit_is_recorded_after_signing_once_it_took_place(
    visited_on, signed_on, follow_up_due, problem
):
    dates = VisitDates(visited_on, signed_on, date(2021, 9, 1), follow_up_due)
    assert visit_date_problem(dates) == problem


# --------------------------------------------------------------- services


@pytest.fixture
def funded(db):
    return funded_agreement()


def _photo(name: str = "visita.jpg") -> ContentFile:
    return ContentFile(jpeg_with_location(), name=name)


def _visit(agreement, actor, **changes) -> SupervisionVisit:
    values = {
        "kind": "supervision",
        "visited_on": date(2021, 7, 10),
        "findings": "El comedor atiende a 40 personas; faltan registros de asistencia.",
        "follow_up": "Entregar los registros de junio.",
        "follow_up_due": date(2021, 7, 24),
        "photos": [_photo()],
        "today": date(2021, 7, 12),
        **changes,
    }
    return visit_record(agreement=agreement, **values, actor=actor)


def test_staff_record_a_visit_and_its_photo_loses_its_exif(funded):
    agreement, staff, _applicant = funded
    assert Image.open(io.BytesIO(jpeg_with_location())).getexif()
    visit = _visit(agreement, staff, cause="services_stopped")
    assert visit.recorded_by == staff
    assert visit.get_cause_display().startswith("§5 causa 5")
    stored = visit.photos.get()
    assert not Image.open(stored.image).getexif()
    assert stored.image.name.startswith("grants/visits/")
    assert stored.image.name.endswith(".jpg")


def test_only_the_call_s_staff_record_visits(funded):
    agreement, _staff, applicant = funded
    with pytest.raises(PermissionDenied):
        _visit(agreement, applicant)
    with pytest.raises(PermissionDenied):
        _visit(agreement, user_with(Role.VALIDATOR))
    assert not SupervisionVisit.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"visited_on": date(2021, 5, 1)}, "visited_on", "visit_before_signing"),
        ({"visited_on": date(2021, 8, 1)}, "visited_on", "visit_future"),
        ({"cause": "misuse"}, "cause", "visit_cause"),
        ({"photos": [_photo(f"{n}.jpg") for n in range(9)]}, "photos", "visit_photos"),
        (
            {"photos": [ContentFile(b"<svg onload=alert(1)>", name="x.jpg")]},
            "photos",
            "file_markup",
        ),
    ],
)
def test_a_visit_that_cannot_be_recorded_is_refused_at_its_field(
    funded, changes, field, code
):
    agreement, staff, _applicant = funded
    with pytest.raises(ValidationError) as refused:
        _visit(agreement, staff, **changes)
    assert [e.code for e in refused.value.error_dict[field]] == [code]
    assert not SupervisionVisit.objects.exists()


# ------------------------------------------------------------------ pages


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _urls(agreement) -> tuple[str, str]:
    application = agreement.application
    args = [application.call.code, application.folio]
    return (
        reverse("grants:technical_file", args=args),
        reverse("grants:technical_file_download", args=args),
    )


def test_the_technical_file_is_one_page_and_one_zip_with_its_index(funded):
    agreement, staff, applicant = funded
    _visit(agreement, staff, cause="inspection_refused")
    page_url, zip_url = _urls(agreement)
    for reader in (staff, applicant):
        page = _client(reader).get(page_url).content.decode()
        assert "Visitas de supervisión y seguimiento" in page
        assert "faltan registros de asistencia" in page
        assert "§5 causa 3" in page
    answer = _client(staff).get(zip_url)
    assert answer["Content-Type"] == "application/zip"
    assert "attachment" in answer["Content-Disposition"]
    assert "no-store" in answer["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))
    names = archive.namelist()
    assert names[0] == "indice.csv"
    assert any(name.startswith("1-requisitos/") for name in names)
    (photo,) = [name for name in names if name.startswith("6-visitas/")]
    assert not Image.open(io.BytesIO(archive.read(photo))).getexif()
    index = list(
        csv.reader(io.StringIO(archive.read("indice.csv").decode("utf-8-sig")))
    )
    assert index[0] == ["apartado", "registro", "fecha", "detalle", "archivo"]
    assert any(
        row[0] == "visita" and "registros de asistencia" in row[3] for row in index
    )
    assert any(row[4] == photo for row in index)


def test_nobody_else_opens_the_technical_file_and_each_read_is_logged(funded):
    agreement, staff, applicant = funded
    _visit(agreement, staff)
    page_url, zip_url = _urls(agreement)
    reviewer = user_with(Role.REVIEWER, agreement.application.call.agency)
    for outsider in (None, user_with(Role.APPLICANT), reviewer):
        client = _client(outsider)
        answer = client.get(page_url)
        assert answer.status_code in (302, 404)
        assert client.get(zip_url).status_code in (302, 404)
    before = AuditIndexEntry.objects.filter(pgh_label=PERSONAL_DATA_VIEWED).count()
    _client(applicant).get(page_url)
    _client(staff).get(zip_url)
    after = AuditIndexEntry.objects.filter(pgh_label=PERSONAL_DATA_VIEWED).count()
    assert after == before + 2


def test_staff_record_a_visit_on_its_page_and_a_refusal_keeps_nothing(funded):
    agreement, staff, _applicant = funded
    application = agreement.application
    url = reverse("grants:visit_new", args=[application.call.code, application.folio])
    client = _client(staff)
    refused = client.post(
        url,
        {
            "kind": "follow_up",
            "visited_on": "2021-05-01",
            "findings": "Visita antes de la firma.",
        },
    )
    assert refused.status_code == 400
    assert "anterior a la firma del convenio" in refused.content.decode()
    done = client.post(
        url,
        {
            "kind": "follow_up",
            "visited_on": "2021-07-10",
            "findings": "El comedor opera con normalidad.",
            "photos": [
                SimpleUploadedFile("a.jpg", jpeg_with_location(), "image/jpeg"),
                SimpleUploadedFile("b.jpg", jpeg_with_location(), "image/jpeg"),
            ],
        },
    )
    assert done.status_code == 302
    assert SupervisionVisit.objects.get().photos.count() == 2
    assert _client(_applicant).get(url).status_code == 403
