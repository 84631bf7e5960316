"""Codes and alerts as templates, the window, statuses and opt-out, end to end.

Against the local fake of the Cloud API (``conftest.cloud_api``): requests in
its format, webhooks signed as it signs them. Nothing leaves the machine.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from ruta.accounts.models import Role
from ruta.alerts.messaging import contact_of
from ruta.alerts.models import (
    ChannelKind,
    Delivery,
    MessageKind,
    MessageStatus,
    MessagingContact,
    OutgoingMessage,
)
from ruta.alerts.rules import signature_of
from ruta.alerts.selectors import target_resolve
from ruta.alerts.services import (
    deliveries_send,
    events_detect,
    retention_enforce,
    subscription_request,
)
from ruta.alerts.tests.conftest import APP_SECRET
from ruta.alerts.tests.helpers import ACTOR
from ruta.budgeting.models import Period, PeriodPhase
from ruta.budgeting.services import PUBLIC_VOTE, vote_code_request
from ruta.works.models import Work, WorkStatus
from testkit.factories.catalog import AgencyFactory

WEBHOOK = "/avisos/whatsapp/webhook/"
SENDER = "5216621234567"  # as WhatsApp names a Mexican mobile
TYPED = "662 123 4567"  # as a voter types it on the site


def _signed_post(payload: dict):
    body = json.dumps(payload).encode()
    return Client().post(
        WEBHOOK,
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature_of(body, APP_SECRET)},
    )


def _value(value: dict) -> dict:
    entry = {"id": "waba", "changes": [{"field": "messages", "value": value}]}
    return {"object": "whatsapp_business_account", "entry": [entry]}


def _write(capture, text: str, phone: str = SENDER):
    message = {
        "from": phone,
        "id": "wamid.in",
        "timestamp": str(int(timezone.now().timestamp())),
        "type": "text",
        "text": {"body": text},
    }
    with capture(execute=True):
        return _signed_post(_value({"messages": [message]}))


def _status(message_id: str, status: str, **extra) -> dict:
    report = {
        "id": message_id,
        "status": status,
        "timestamp": str(int(timezone.now().timestamp())),
        "recipient_id": SENDER,
        **extra,
    }
    return _value({"statuses": [report]})


@pytest.fixture
def period(db, hermosillo):
    """A participatory budget of Hermosillo in its vote."""
    agency = AgencyFactory(municipality=hermosillo)
    return Period.objects.create(
        slug="hermosillo-2026",
        municipality=hermosillo,
        agency=agency,
        year=2026,
        title="Presupuesto participativo de Hermosillo 2026",
        total_budget=Decimal("1000000"),
        ballot_budget=Decimal("500000"),
        rules_text="Una boleta por persona.",
        proposals_from=date(2026, 1, 1),
        review_from=date(2026, 2, 1),
        voting_from=date(2026, 3, 1),
        voting_until=date(2026, 3, 31),
        results_on=date(2026, 4, 15),
        phase=PeriodPhase.VOTING,
    )


def _code(period: Period):
    return vote_code_request(
        period=period, channel="whatsapp", address=TYPED, actor=PUBLIC_VOTE
    )


def test_a_voting_code_goes_as_the_code_template_with_no_window_open(cloud_api, period):
    _code(period)
    [(path, _headers, body)] = cloud_api.requests
    assert path.endswith("/messages")
    assert body["type"] == "template"
    assert body["to"] == "526621234567"
    assert body["template"]["name"] == "ruta_codigo"
    code = body["template"]["components"][0]["parameters"][0]["text"]
    assert code.isdigit()
    assert len(code) == 6
    assert body["template"]["components"][1]["parameters"][0]["text"] == code
    message = OutgoingMessage.objects.get()
    assert (message.kind, message.template) == (MessageKind.VOTE_CODE, "ruta_codigo")
    assert message.message_id == "wamid.1"


def test_the_webhooks_statuses_are_recorded_against_the_message_sent(cloud_api, period):
    _code(period)
    for status in ("sent", "delivered", "read", "sent"):  # the last one late
        assert _signed_post(_status("wamid.1", status)).status_code == 200
    message = OutgoingMessage.objects.get()
    assert message.status == MessageStatus.READ
    assert message.status_at is not None


def test_a_failed_status_keeps_the_apis_error(cloud_api, period):
    _code(period)
    error = {"code": 131026, "title": "Message undeliverable"}
    _signed_post(_status("wamid.1", "failed", errors=[error]))
    message = OutgoingMessage.objects.get()
    assert message.status == MessageStatus.FAILED
    assert message.error == "131026: Message undeliverable"


def test_a_status_with_a_forged_signature_changes_nothing(cloud_api, period):
    _code(period)
    body = json.dumps(_status("wamid.1", "read")).encode()
    answer = Client().post(
        WEBHOOK,
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature_of(body, "otro")},
    )
    assert answer.status_code == 403
    assert OutgoingMessage.objects.get().status == MessageStatus.ACCEPTED


def test_free_text_never_goes_to_a_number_that_did_not_write(
    cloud_api, work, django_capture_on_commit_callbacks
):
    target = target_resolve("work", work.public_id)
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(
            target=target, channel=ChannelKind.WHATSAPP, phone=SENDER, actor=ACTOR
        )
    assert cloud_api.requests == []  # the confirmation is free text: not sent


def test_free_text_stops_24_hours_after_the_persons_message_but_alerts_go(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _write(django_capture_on_commit_callbacks, f"SEGUIR {work.public_id}")
    assert cloud_api.bodies()[-1]["type"] == "text"  # the reply, inside
    MessagingContact.objects.update(
        last_inbound_at=timezone.now() - timedelta(hours=25)
    )
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    events_detect(actor=ACTOR)
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 1
    alert = cloud_api.bodies()[-1]
    assert (alert["type"], alert["template"]["name"]) == ("template", "ruta_aviso")
    message = OutgoingMessage.objects.get(kind=MessageKind.ALERT)
    assert message.delivery == Delivery.objects.get()
    target = target_resolve("work", work.public_id)
    before = len(cloud_api.requests)
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(
            target=target, channel=ChannelKind.WHATSAPP, phone=SENDER, actor=ACTOR
        )
    assert len(cloud_api.requests) == before  # its window closed: no free text


def test_writing_opens_one_window_for_both_spellings_of_the_number(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _write(django_capture_on_commit_callbacks, "hola")
    assert contact_of("526621234567") == contact_of(SENDER)
    assert contact_of(SENDER).last_inbound_at is not None


def test_after_baja_no_code_is_sent_until_the_number_writes_votar(
    cloud_api, period, django_capture_on_commit_callbacks
):
    _write(django_capture_on_commit_callbacks, "STOP")
    assert "No recibirá nada más" in cloud_api.bodies()[-1]["text"]["body"]
    sent = len(cloud_api.requests)
    with pytest.raises(ValidationError, match="BAJA"):
        _code(period)
    assert len(cloud_api.requests) == sent
    _write(django_capture_on_commit_callbacks, "votar hermosillo-2026")
    reply = cloud_api.bodies()[-1]["text"]["body"]
    assert "/votar/" in reply
    assert "hermosillo-2026" in reply
    _code(period)
    assert cloud_api.bodies()[-1]["template"]["name"] == "ruta_codigo"


def test_votar_without_an_open_vote_says_there_is_none(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _write(django_capture_on_commit_callbacks, "VOTAR")
    assert "No hay ninguna votación" in cloud_api.bodies()[-1]["text"]["body"]


def test_administrators_see_what_became_of_the_messages_sent(
    cloud_api, period, make_user
):
    _code(period)
    _code(period)
    error = {"code": 131026, "title": "Message undeliverable"}
    _signed_post(_status("wamid.1", "delivered"))
    _signed_post(_status("wamid.2", "failed", errors=[error]))
    administrator = Client()
    administrator.force_login(make_user(Role.ADMINISTRATOR))
    page = administrator.get("/es-mx/avisos/suscriptores/").content.decode()
    assert '<th scope="row">Código para votar</th><td>Entregado</td><td>1</td>' in page
    assert '<th scope="row">Código para votar</th><td>Falló</td><td>1</td>' in page
    assert "131026: Message undeliverable" in page
    assert "526621234567" not in page  # the number is never kept


def test_retention_drops_old_messages_and_idle_numbers_but_keeps_an_opt_out(
    cloud_api, period, settings, django_capture_on_commit_callbacks
):
    _code(period)  # to a number that never wrote
    _write(django_capture_on_commit_callbacks, "BAJA", phone="5216629999999")
    later = timezone.now() + timedelta(
        days=settings.RUTA_ALERTS_ENDED_RETENTION_DAYS + 1
    )
    outcome = retention_enforce(now=later, actor=ACTOR)
    assert outcome.messages_deleted == 2  # the code and the reply to BAJA
    assert not OutgoingMessage.objects.exists()
    assert outcome.contacts_deleted == 1  # the code's number, idle
    assert contact_of("5216629999999").opted_out_at is not None
