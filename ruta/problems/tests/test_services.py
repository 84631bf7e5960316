from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pghistory.models import MiddlewareEvents
from PIL import Image

from ruta.accounts.actors import SystemActor
from ruta.problems import services
from ruta.problems.models import Category, ProblemReport, StatusChange
from ruta.problems.tests.conftest import GPS_IFD, jpeg_with_gps
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import WorkFactory

CITIZEN = services.PUBLIC_FORM


def _file(work, **overrides):
    values = {
        "work": work,
        "category": Category.objects.get(code="obra-detenida"),
        "description": "La obra lleva tres meses sin trabajadores.",
        "client": "203.0.113.7",
        "actor": CITIZEN,
    }
    return services.report_file(**{**values, **overrides})


def test_a_report_on_a_published_work_is_stored_open_with_its_contact(work):
    report = _file(
        work,
        place=services.Place(Decimal("29.0730"), Decimal("-110.9560"), "Calle 5"),
        contact=services.Contact("Ana Ficticia", "ANA@example.org", "662 123 4567"),
    )
    assert report.status == "open"
    assert report.reporter_email == "ana@example.org"
    assert MiddlewareEvents.objects.tracks(report).filter(pgh_label="insert").exists()


def test_the_reporter_who_left_an_email_receives_the_private_link(
    work, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _file(work, contact=services.Contact(email="ana@example.org"))
    assert len(mail.outbox) == 1
    assert "/problematicas/mis-datos/" in mail.outbox[0].body


def test_a_photo_loses_its_gps_position_and_camera_data(work):
    original = jpeg_with_gps()
    assert Image.open(BytesIO(original)).getexif().get_ifd(GPS_IFD)
    report = _file(work, photo=BytesIO(original), photo_size=len(original))
    with report.photo.open("rb") as stored:
        cleaned = Image.open(BytesIO(stored.read()))
    assert cleaned.format == "JPEG"
    assert not cleaned.getexif()
    assert not cleaned.getexif().get_ifd(GPS_IFD)


@pytest.mark.parametrize(
    ("content", "size", "code"),
    [
        (b"%PDF-1.4 not an image", 21, "photo_unreadable"),
        (b"\xff\xd8" + b"0" * 100, 11 * 1024 * 1024, "photo_too_large"),
    ],
)
def test_a_non_image_or_oversized_photo_is_refused_and_nothing_stored(
    work, content, size, code
):
    with pytest.raises(ValidationError) as refused:
        _file(work, photo=BytesIO(content), photo_size=size)
    assert refused.value.code == code
    assert not ProblemReport.objects.exists()


def test_a_report_on_an_unpublished_work_is_refused(agency, hermosillo):
    draft = WorkFactory(executing_agency=agency, municipality=hermosillo)
    with pytest.raises(ValidationError, match="no está publicada"):
        _file(draft)
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize(
    ("place", "code"),
    [
        (services.Place(Decimal("40.71"), Decimal("-74.00")), "location_outside"),
        (services.Place(Decimal("29.07"), None), "location_partial"),
    ],
)
def test_a_place_outside_mexico_or_half_given_is_refused(work, place, code):
    with pytest.raises(ValidationError) as refused:
        _file(work, place=place)
    assert refused.value.code == code
    assert not ProblemReport.objects.exists()


def test_a_short_description_or_bad_phone_is_refused(work):
    with pytest.raises(ValidationError, match="al menos 10"):
        _file(work, description="mal")
    with pytest.raises(ValidationError, match="7 a 15"):
        _file(work, contact=services.Contact(phone="abc"))
    assert not ProblemReport.objects.exists()


def test_a_flood_from_one_address_is_refused_past_the_hourly_limit(work, settings):
    settings.RUTA_PROBLEM_REPORTS_PER_HOUR = 3
    for _ in range(3):
        _file(work)
    with pytest.raises(ValidationError, match="demasiados reportes") as refused:
        _file(work)
    assert refused.value.code == "throttled"
    assert ProblemReport.objects.count() == 3
    _file(work, client="198.51.100.1")  # another address still may
    assert ProblemReport.objects.count() == 4


def test_a_refused_report_does_not_count_against_the_address(work, settings):
    settings.RUTA_PROBLEM_REPORTS_PER_HOUR = 1
    with pytest.raises(ValidationError):
        _file(work, description="corto")
    _file(work)
    assert ProblemReport.objects.count() == 1


def test_staff_answer_a_report_and_each_change_is_a_record(work, staff):
    report = _file(work)
    services.report_status_change(
        report=report,
        status="acknowledged",
        response="Recibimos su reporte; visitaremos la obra.",
        actor=staff["capture"],
    )
    services.report_status_change(
        report=report,
        status="resolved",
        response="La empresa reanudó los trabajos.",
        actor=staff["capture"],
    )
    changes = list(StatusChange.objects.filter(report=report))
    assert [(c.status_from, c.status_to) for c in changes] == [
        ("open", "acknowledged"),
        ("acknowledged", "resolved"),
    ]
    assert changes[0].agency == work.executing_agency
    assert changes[0].actor == staff["capture"]
    report.refresh_from_db()
    assert report.closed_at is not None


def test_a_transition_the_rules_do_not_allow_is_refused(work, staff):
    report = _file(work)
    services.report_status_change(
        report=report,
        status="rejected",
        response="No corresponde.",
        actor=staff["capture"],
    )
    with pytest.raises(ValidationError, match="no pasa a"):
        services.report_status_change(
            report=report,
            status="in_progress",
            response="Otra vez.",
            actor=staff["capture"],
        )
    assert StatusChange.objects.count() == 1


def test_staff_of_another_agency_may_not_answer(work, staff):
    report = _file(work)
    with pytest.raises(PermissionDenied):
        services.report_status_change(
            report=report,
            status="acknowledged",
            response="Recibido.",
            actor=staff["other_validator"],
        )
    assert not StatusChange.objects.exists()


def test_hiding_keeps_the_reason_and_merging_needs_the_same_work(work, staff, agency):
    first, second = _file(work), _file(work)
    services.report_hide(
        report=first, reason="Lenguaje ofensivo", actor=staff["capture"]
    )
    assert ProblemReport.objects.get(pk=first.pk).hidden_reason == "Lenguaje ofensivo"
    services.report_merge(report=second, into=first, actor=staff["capture"])
    assert ProblemReport.objects.get(pk=second.pk).duplicate_of == first
    elsewhere = ProblemReportFactory(
        work=WorkFactory(executing_agency=agency, published=True)
    )
    with pytest.raises(ValidationError, match="misma obra"):
        services.report_merge(report=elsewhere, into=first, actor=staff["capture"])


def test_contact_past_retention_is_erased_and_audited(work, settings):
    settings.RUTA_REPORTER_CONTACT_RETENTION_DAYS = 30
    old, recent, still_open = (ProblemReportFactory(work=work) for _ in range(3))
    now = timezone.now()
    ProblemReport.objects.filter(pk=old.pk).update(
        status="resolved", closed_at=now - timedelta(days=31)
    )
    ProblemReport.objects.filter(pk=recent.pk).update(
        status="resolved", closed_at=now - timedelta(days=2)
    )
    actor = SystemActor("tests")
    assert services.contacts_expire(now=now, actor=actor) == 1
    assert services.contacts_expire(now=now, actor=actor) == 0
    old.refresh_from_db()
    assert (old.reporter_name, old.reporter_email, old.reporter_phone) == ("", "", "")
    assert old.contact_erased_at is not None
    assert ProblemReport.objects.get(pk=recent.pk).reporter_email
    assert ProblemReport.objects.get(pk=still_open.pk).reporter_email
    erased = MiddlewareEvents.objects.tracks(old).filter(
        pgh_context__service="contact_erase"
    )
    assert erased.exists()


def test_a_key_is_stored_only_as_its_hash_and_revocation_stops_it(administrator):
    from ruta.problems.selectors import api_key_active

    key, secret = services.api_key_issue(name="App Cívica", actor=administrator)
    assert secret not in key.key_hash
    assert secret.startswith(key.prefix)
    assert api_key_active(secret) == key
    assert api_key_active(secret + "x") is None
    services.api_key_revoke(key=key, actor=administrator)
    assert api_key_active(secret) is None


def test_only_administrators_issue_keys(staff):
    with pytest.raises(PermissionDenied):
        services.api_key_issue(name="App", actor=staff["validator"])
