"""Recording a committee's oversight: workshop, visits, handover act."""

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.common.files.privatefiles import is_private
from ruta.participation.models import (
    Conformity,
    HandoverAct,
    OversightVisit,
    TrainingWorkshop,
    VisitPhoto,
)
from ruta.participation.rules import MAX_MINUTES_PAGES, MINUTES_MAX_BYTES
from ruta.participation.services import (
    committee_member_link,
    handover_act_record,
    visit_record,
    workshop_record,
)
from ruta.works.cycles import WORK
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


@pytest.fixture
def seat(hermosillo, make_user):
    return committee_with_member(hermosillo, make_user)


def _visit(committee, actor, **changes):
    values = {
        "committee": committee,
        "visited_on": date(2024, 5, 10),
        "checked": "Avance de la barda perimetral",
        "findings": "Falta el señalamiento de la excavación",
        "minutes": [(BytesIO(PDF), len(PDF))],
        "actor": actor,
    }
    return visit_record(**{**values, **changes})


def _page_photo(colour: tuple[int, int, int]) -> bytes:
    """Return a PNG the size of a small page photo (40 × 52)."""
    output = BytesIO()
    Image.new("RGB", (40, 52), colour).save(output, format="PNG")
    return output.getvalue()


def _pdf_images(pdf: bytes) -> list[bytes]:
    """Return the JPEG streams of a PDF Pillow wrote, in page order."""
    return [
        pdf[start : pdf.index(b"\xff\xd9", start) + 2]
        for start in (m.start() for m in re.finditer(b"\xff\xd8\xff", pdf))
    ]


def _field_codes(error: ValidationError) -> dict[str, list[str]]:
    return {
        field: [e.code for e in errors] for field, errors in error.error_dict.items()
    }


def test_a_member_records_a_visit_of_their_committee_with_its_minutes(seat):
    committee, member = seat
    visit = _visit(committee, member)
    assert visit.committee == committee
    assert visit.minutes.read().startswith(b"%PDF-")
    assert visit.events.get().pgh_context.metadata["user"] == member.pk


def test_visit_photos_lose_their_location_and_camera_data(seat):
    committee, member = seat
    photo = jpeg_with_location()
    assert Image.open(BytesIO(photo)).getexif()
    visit = _visit(committee, member, photos=[(BytesIO(photo), len(photo))])
    stored = visit.photos.get()
    assert not Image.open(stored.image).getexif()


def test_a_member_of_another_committee_records_nothing_on_this_work(
    seat, hermosillo, make_user
):
    committee, _member = seat
    _other, outsider = committee_with_member(hermosillo, make_user)
    with pytest.raises(PermissionDenied):
        _visit(committee, outsider)
    assert not OversightVisit.objects.exists()


def test_a_committee_role_scoped_over_the_municipality_reaches_no_committee(
    seat, hermosillo, make_user
):
    committee, _member = seat
    scoped = make_user(Role.COMMITTEE, municipality=hermosillo)
    with pytest.raises(PermissionDenied):
        _visit(committee, scoped)


def test_capture_staff_of_the_scope_do_not_record_the_committee_s_visits(
    seat, make_user, hermosillo
):
    committee, _member = seat
    staff = make_user(Role.VALIDATOR, municipality=hermosillo)
    with pytest.raises(PermissionDenied):
        _visit(committee, staff)


def test_a_visit_in_the_future_is_refused(seat):
    committee, member = seat
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _visit(committee, member, visited_on=tomorrow)
    assert _field_codes(caught.value) == {"visited_on": ["date_in_future"]}
    assert not OversightVisit.objects.exists()


def test_a_visit_before_the_committee_was_formed_is_refused(seat):
    committee, member = seat
    with pytest.raises(ValidationError, match="anterior a la conformación"):
        _visit(committee, member, visited_on=date(2024, 2, 14))


def test_minutes_that_are_neither_a_pdf_nor_photos_are_refused(seat):
    committee, member = seat
    text = b"acta de la visita, sin firmas"
    with pytest.raises(ValidationError) as caught:
        _visit(committee, member, minutes=[(BytesIO(text), len(text))])
    assert _field_codes(caught.value) == {"minutes": ["minutes_not_pdf"]}


def test_minutes_photographed_page_by_page_are_kept_as_one_pdf_without_exif(seat):
    committee, member = seat
    first, second = jpeg_with_location(), _page_photo((250, 250, 250))
    visit = _visit(
        committee,
        member,
        minutes=[(BytesIO(first), len(first)), (BytesIO(second), len(second))],
    )
    stored = visit.minutes.read()
    assert visit.minutes.name.endswith(".pdf")
    assert is_private(visit.minutes)
    assert stored.startswith(b"%PDF-")
    assert stored.count(b"/Type /Page\n") == 2
    assert b"Modelo 9000" not in stored
    assert b"Fabricante" not in stored
    pages = [Image.open(BytesIO(page)) for page in _pdf_images(stored)]
    assert [page.size for page in pages] == [(32, 24), (40, 52)]
    assert not any(page.getexif() for page in pages)


def test_minutes_are_one_pdf_or_photos_never_both(seat):
    committee, member = seat
    photo = _page_photo((250, 250, 250))
    with pytest.raises(ValidationError) as caught:
        _visit(
            committee,
            member,
            minutes=[(BytesIO(PDF), len(PDF)), (BytesIO(photo), len(photo))],
        )
    assert _field_codes(caught.value) == {"minutes": ["minutes_mixed"]}
    assert not OversightVisit.objects.exists()


def test_minutes_of_more_pages_than_allowed_are_refused(seat):
    committee, member = seat
    photo = _page_photo((250, 250, 250))
    pages = [(BytesIO(photo), len(photo)) for _ in range(MAX_MINUTES_PAGES + 1)]
    with pytest.raises(ValidationError) as caught:
        _visit(committee, member, minutes=pages)
    assert _field_codes(caught.value) == {"minutes": ["minutes_too_many_pages"]}


def test_a_page_photo_that_does_not_decode_refuses_the_minutes(seat):
    committee, member = seat
    broken = _page_photo((250, 250, 250))[:40]
    with pytest.raises(ValidationError) as caught:
        _visit(committee, member, minutes=[(BytesIO(broken), len(broken))])
    assert _field_codes(caught.value) == {"minutes": ["photo_unreadable"]}
    assert not OversightVisit.objects.exists()


def test_oversized_minutes_are_refused_before_reading_them(seat):
    committee, member = seat
    with pytest.raises(ValidationError, match="pesa más de 5 MB"):
        _visit(committee, member, minutes=[(BytesIO(PDF), MINUTES_MAX_BYTES + 1)])


def test_a_photo_that_is_not_an_image_refuses_the_whole_visit(seat):
    committee, member = seat
    with pytest.raises(ValidationError) as caught:
        _visit(committee, member, photos=[(BytesIO(PDF), len(PDF))])
    assert _field_codes(caught.value) == {"photos": ["photo_unreadable"]}
    assert not OversightVisit.objects.exists()
    assert not VisitPhoto.objects.exists()


def test_an_oversized_photo_is_refused(seat):
    committee, member = seat
    photo = jpeg_with_location()
    with pytest.raises(ValidationError, match="La foto pesa más"):
        _visit(committee, member, photos=[(BytesIO(photo), 11 * 2**20)])


def test_a_visit_needs_what_was_checked_and_the_findings(seat):
    committee, member = seat
    with pytest.raises(ValidationError) as caught:
        _visit(committee, member, checked="   ")
    assert "checked" in caught.value.error_dict


def test_no_visit_is_recorded_on_a_work_handed_over(hermosillo, make_user):
    committee, member = committee_with_member(
        hermosillo, make_user, status=WorkStatus.HANDED_OVER
    )
    with pytest.raises(ValidationError, match="no se registran visitas"):
        _visit(committee, member)


def _act(committee, actor, **changes):
    values = {
        "committee": committee,
        "delivered_on": date(2024, 10, 1),
        "received_by": "Dirección de Obras Públicas del Ayuntamiento",
        "conformity": Conformity.CONFORM,
        "actor": actor,
    }
    return handover_act_record(**{**values, **changes})


def test_the_handover_act_is_recorded_on_a_completed_work(hermosillo, make_user):
    committee, member = committee_with_member(
        hermosillo, make_user, status=WorkStatus.COMPLETED
    )
    act = _act(
        committee,
        member,
        conformity=Conformity.OBJECTIONS,
        objections="La banqueta norte quedó sin rampa",
    )
    assert committee.handover_act == act


def test_the_handover_act_is_refused_on_a_work_not_completed(seat):
    committee, member = seat
    with pytest.raises(ValidationError, match="cuando la obra está terminada"):
        _act(committee, member)
    assert not HandoverAct.objects.exists()


def test_objections_are_required_when_the_committee_is_not_conform(
    hermosillo, make_user
):
    committee, member = committee_with_member(
        hermosillo, make_user, status=WorkStatus.COMPLETED
    )
    with pytest.raises(ValidationError) as caught:
        _act(committee, member, conformity=Conformity.OBJECTIONS, objections=" ")
    assert _field_codes(caught.value) == {"objections": ["objections_missing"]}


def test_a_member_of_another_committee_records_no_act(hermosillo, make_user):
    committee, _member = committee_with_member(
        hermosillo, make_user, status=WorkStatus.COMPLETED
    )
    _other, outsider = committee_with_member(hermosillo, make_user)
    with pytest.raises(PermissionDenied):
        _act(committee, outsider)
    assert not HandoverAct.objects.exists()


def test_a_work_with_a_committee_is_handed_over_only_after_its_act(
    hermosillo, make_user
):
    committee, member = committee_with_member(
        hermosillo, make_user, status=WorkStatus.COMPLETED
    )
    validator = make_user(Role.VALIDATOR, municipality=hermosillo)
    with pytest.raises(ValidationError, match="después de que el comité"):
        step_take(WORK, committee.work, "hand_over", actor=validator)
    _act(committee, member)
    work = step_take(WORK, committee.work, "hand_over", actor=validator)
    assert work.status == WorkStatus.HANDED_OVER


def test_the_workshop_is_recorded_by_capture_staff_with_a_bounded_attendance(
    seat, make_user, hermosillo
):
    committee, member = seat
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    with pytest.raises(PermissionDenied):
        workshop_record(
            committee=committee, held_on=date(2024, 2, 20), attendance=9, actor=member
        )
    for attendance in (0, 501):
        with pytest.raises(ValidationError) as caught:
            workshop_record(
                committee=committee,
                held_on=date(2024, 2, 20),
                attendance=attendance,
                actor=staff,
            )
        assert _field_codes(caught.value) == {
            "attendance": ["attendance_out_of_bounds"]
        }
    workshop = workshop_record(
        committee=committee, held_on=date(2024, 2, 20), attendance=9, actor=staff
    )
    assert workshop.attendance == 9
    assert TrainingWorkshop.objects.get() == workshop


def test_a_workshop_in_the_future_is_refused(seat):
    committee, _member = seat
    with pytest.raises(ValidationError, match="posterior a hoy"):
        workshop_record(
            committee=committee,
            held_on=timezone.localdate() + timedelta(days=3),
            attendance=9,
            actor=TEST_ACTOR,
        )


def test_a_committee_has_one_workshop(seat):
    committee, _member = seat
    TrainingWorkshopFactory(committee=committee)
    with pytest.raises(ValidationError, match="ya está registrado"):
        workshop_record(
            committee=committee,
            held_on=date(2024, 2, 20),
            attendance=9,
            actor=TEST_ACTOR,
        )


def test_only_an_account_with_the_committee_role_takes_a_seat(
    hermosillo, make_user, seat
):
    committee, _member = seat
    member = CommitteeMemberFactory(committee=committee)
    staff_account = make_user(Role.CAPTURE, municipality=hermosillo)
    with pytest.raises(ValidationError, match="rol de integrante"):
        committee_member_link(member=member, user=staff_account, actor=TEST_ACTOR)
    account = make_user(Role.COMMITTEE)
    committee_member_link(member=member, user=account, actor=TEST_ACTOR)
    assert OversightVisitFactory(committee=committee).committee == committee
    assert account.pk in committee.oversight_scope().members
