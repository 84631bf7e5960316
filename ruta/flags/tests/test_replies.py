"""The right of reply: an agency explains its flag, shown beside it, audited."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import Role
from ruta.flags.models import (
    REPLY_LONGEST,
    FlagReply,
    FlagSubject,
    RaisedFlag,
    ReplyVoice,
)
from ruta.flags.rules import Subject
from ruta.flags.selectors import flag_rows
from ruta.flags.services import flag_reply_write, flags_refresh
from ruta.opendata.datasets import dataset_get
from ruta.works.models import Payment
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import ContractFactory, WorkFactory
from testkit.world import constraints_settled

pytestmark = pytest.mark.django_db
EXPLANATION = "El pago excedente se reintegró el 3 de mayo (oficio SIDUR/123/2024)."


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A published work whose contract was paid a centavo over its amount."""
    with django_db_blocker.unblock(), transaction.atomic():
        agency = AgencyFactory(code="sidur-respuesta", name="Secretaría que responde")
        work = WorkFactory(executing_agency=agency, published=True)
        contract = ContractFactory(work=work, number="C-R", amount=Decimal("1000.00"))
        Payment.objects.create(
            contract=contract, paid_on=date(2024, 4, 1), amount=Decimal("1000.01")
        )
        flags_refresh(actor=TEST_ACTOR, today=date(2024, 7, 1))
        constraints_settled()
        yield SimpleNamespace(
            work=work, agency=agency, flag=RaisedFlag.objects.get(agency=agency)
        )
        transaction.set_rollback(True)


def test_a_validator_of_the_agency_replies_and_every_page_shows_it(
    world, make_user, client
):
    validator = make_user(Role.VALIDATOR, agency=world.agency)
    reply = flag_reply_write(
        flag=world.flag, text=EXPLANATION, voice=ReplyVoice.AGENCY, actor=validator
    )
    assert reply.written_by == validator
    written = MiddlewareEvents.objects.filter(
        pgh_model="flags.FlagReplyEvent", pgh_obj_id=str(reply.pk)
    ).get()
    assert written.pgh_context["service"] == "flag_reply_write"
    assert written.pgh_context["user"] == validator.pk
    for url in (
        world.work.get_absolute_url(),
        reverse("flags:agency", args=[world.agency.code]),
    ):
        page = client.get(url).content.decode()
        assert "Respuesta de la dependencia" in page
        assert "SIDUR/123/2024" in page


def test_no_one_but_a_validator_of_the_flags_agency_may_reply(world, make_user):
    elsewhere = make_user(Role.VALIDATOR, agency=AgencyFactory())
    capture = make_user(Role.CAPTURE, agency=world.agency)
    for person in (elsewhere, capture):
        with pytest.raises(PermissionDenied):
            flag_reply_write(
                flag=world.flag, text=EXPLANATION, voice="agency", actor=person
            )
    assert not FlagReply.objects.exists()


@pytest.mark.parametrize(
    ("text", "voice", "code"),
    [
        ("   ", "agency", "reply_empty"),
        ("x" * (REPLY_LONGEST + 1), "agency", "reply_too_long"),
        ("con \x00 nulo", "agency", "reply_too_long"),
        (EXPLANATION, "el alcalde", "voice"),
    ],
)
def test_a_reply_that_cannot_be_published_is_refused_naming_why(
    world, make_user, text, voice, code
):
    validator = make_user(Role.VALIDATOR, agency=world.agency)
    with pytest.raises(ValidationError) as refused:
        flag_reply_write(flag=world.flag, text=text, voice=voice, actor=validator)
    fields = refused.value.error_dict
    assert [error.code for errors in fields.values() for error in errors] == [code]
    assert not FlagReply.objects.exists()


def test_the_reply_stays_with_its_flag_when_a_publish_raises_it_again(world, make_user):
    validator = make_user(Role.VALIDATOR, agency=world.agency)
    flag_reply_write(
        flag=world.flag, text=EXPLANATION, voice="contractor", actor=validator
    )
    RaisedFlag.objects.all().delete()
    flags_refresh(actor=TEST_ACTOR, today=date(2024, 7, 2))
    again = RaisedFlag.objects.get(agency=world.agency)
    assert again.pk != world.flag.pk
    reply = FlagReply.objects.get(kind=again.kind, key=again.key)
    assert reply.get_voice_display() == "el contratista, por medio de la dependencia"


def test_the_desk_lists_the_flags_to_answer_and_the_form_publishes_a_reply(
    world, make_user, client
):
    client.force_login(make_user(Role.VALIDATOR, agency=world.agency))
    desk = client.get(reverse("accounts:desk")).content.decode()
    assert "Responder a las señales" in desk
    listed = client.get(reverse("flags:replies")).content.decode()
    assert "Secretaría que responde" in listed
    address = reverse("flags:reply", args=[world.flag.pk])
    refused = client.post(address, {"voice": "agency", "text": ""})
    assert refused.status_code == 200
    assert not FlagReply.objects.exists()
    sent = client.post(address, {"voice": "agency", "text": EXPLANATION})
    assert sent.status_code == 302
    assert FlagReply.objects.get().text == EXPLANATION
    listed = client.get(reverse("flags:replies")).content.decode()
    assert "Cambiar la respuesta" in listed


def test_a_person_who_validates_nowhere_cannot_open_the_replies(
    world, make_user, client
):
    client.force_login(make_user(Role.CAPTURE, agency=world.agency))
    assert client.get(reverse("flags:replies")).status_code == 403
    assert client.get(reverse("flags:reply", args=[world.flag.pk])).status_code == 403


def test_the_dataset_and_the_api_carry_the_reply_and_name_no_person(
    world, make_user, client
):
    validator = make_user(Role.VALIDATOR, agency=world.agency)
    validator.full_name = "Rosa Quintero Leyva"
    validator.save(update_fields=["full_name"])
    unanswered = client.get("/api/v1/flags/", {"agency": world.agency.code}).json()
    assert [flag["reply"] for flag in unanswered] == [None]
    [row] = [row for row in flag_rows() if row["CLAVE"] == world.flag.key]
    assert (row["RESPUESTA"], row["RESPUESTA_FECHA"]) == ("", None)
    flag_reply_write(
        flag=world.flag, text=EXPLANATION, voice="contractor", actor=validator
    )
    answered = client.get("/api/v1/flags/", {"agency": world.agency.code}).json()
    assert answered[0]["subject_label"] == "Contrato"
    assert answered[0]["reply"] == {
        "text": EXPLANATION,
        "voice": "contractor",
        "voice_label": "el contratista, por medio de la dependencia",
        "agency": "sidur-respuesta",
        "agency_name": "Secretaría que responde",
        "written_on": timezone.localdate().isoformat(),
    }
    [row] = [row for row in flag_rows() if row["CLAVE"] == world.flag.key]
    assert set(row) == set(dataset_get("senales").columns)
    assert row["SOBRE_NOMBRE"] == "Contrato"
    assert row["RESPUESTA"] == EXPLANATION
    assert row["RESPUESTA_A_NOMBRE_DE"] == "contractor"
    assert row["RESPUESTA_DEPENDENCIA"] == "Secretaría que responde"
    assert row["RESPUESTA_FECHA"] == timezone.localdate()
    published = json.dumps([answered, row], default=str, ensure_ascii=False)
    assert "Quintero" not in published
    assert validator.email not in published


def test_every_flag_subject_has_its_label():
    assert set(FlagSubject.values) == {subject.value for subject in Subject}
