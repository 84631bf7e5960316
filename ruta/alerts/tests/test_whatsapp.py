"""The WhatsApp adapter against a local fake of the Cloud API."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from ruta.alerts.models import (
    AlertEvent,
    ChannelKind,
    Delivery,
    DeliveryState,
    Subscription,
    SubscriptionState,
)
from ruta.alerts.rules import signature_of
from ruta.alerts.services import deliveries_send, events_detect
from ruta.alerts.tests.conftest import APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN
from ruta.alerts.tests.helpers import ACTOR
from ruta.opengov.models import (
    ActionPlan,
    Commitment,
    CommitmentReport,
    ReportingPeriod,
    ReportStatus,
)
from ruta.portal.questions.answers import answer_question
from ruta.works.models import Work, WorkStatus

WEBHOOK = "/avisos/whatsapp/webhook/"
PHONE = "5216621234567"


def _incoming(text: str, phone: str = PHONE) -> bytes:
    """Return a Cloud API webhook body carrying one text message."""
    message = {"from": phone, "id": "wamid.in", "type": "text", "text": {"body": text}}
    value = {"messaging_product": "whatsapp", "messages": [message]}
    entry = {"id": "waba", "changes": [{"field": "messages", "value": value}]}
    return json.dumps(
        {"object": "whatsapp_business_account", "entry": [entry]}
    ).encode()


def _post(body: bytes, signature: str | None = None):
    signature = signature or signature_of(body, APP_SECRET)
    return Client(enforce_csrf_checks=True).post(
        WEBHOOK,
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature},
    )


def _send(capture, text: str):
    with capture(execute=True):
        return _post(_incoming(text))


def test_the_verification_handshake_echoes_the_challenge(cloud_api):
    answer = Client().get(
        WEBHOOK,
        {
            "hub.mode": "subscribe",
            "hub.verify_token": VERIFY_TOKEN,
            "hub.challenge": "42",
        },
    )
    assert answer.status_code == 200
    assert answer.content == b"42"


def test_a_wrong_verify_token_is_refused(cloud_api):
    answer = Client().get(
        WEBHOOK,
        {"hub.mode": "subscribe", "hub.verify_token": "otro", "hub.challenge": "42"},
    )
    assert answer.status_code == 403


def test_a_forged_signature_is_refused_and_nothing_is_stored_or_sent(
    cloud_api, work, django_capture_on_commit_callbacks
):
    body = _incoming(f"SEGUIR {work.public_id}")
    with django_capture_on_commit_callbacks(execute=True):
        forged = _post(body, signature_of(body, "no-es-el-secreto"))
        unsigned = Client().post(WEBHOOK, body, content_type="application/json")
    assert (forged.status_code, unsigned.status_code) == (403, 403)
    assert Subscription.objects.count() == 0
    assert cloud_api.requests == []


def test_a_signed_body_nested_too_deep_is_refused_before_parsing(
    cloud_api, db, django_capture_on_commit_callbacks
):
    body = b'{"entry": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with django_capture_on_commit_callbacks(execute=True):
        answer = _post(body)
    assert answer.status_code == 400
    assert "más de 32 arreglos u objetos" in answer.content.decode()
    assert Subscription.objects.count() == 0
    assert cloud_api.requests == []


def test_seguir_follows_a_work_and_the_reply_says_how_to_leave(
    cloud_api, work, django_capture_on_commit_callbacks
):
    answer = _send(django_capture_on_commit_callbacks, f"seguir {work.public_id}")
    assert answer.status_code == 200
    subscription = Subscription.objects.get()
    assert (subscription.channel, subscription.phone) == (ChannelKind.WHATSAPP, PHONE)
    assert subscription.state == SubscriptionState.CONFIRMED
    ((path, headers, body),) = cloud_api.requests
    assert path == f"/v21.0/{PHONE_NUMBER_ID}/messages"
    assert headers["Authorization"] == "Bearer prueba-token"
    assert body["to"] == PHONE
    assert body["type"] == "text"
    assert "BAJA" in body["text"]["body"]


def test_seguir_municipio_by_name_follows_the_municipality(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, "SEGUIR MUNICIPIO Hermosillo")
    assert Subscription.objects.get().target_key == "26030"


def test_an_unknown_folio_gets_an_answer_and_no_subscription(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, "SEGUIR OBRA-QUE-NO-EXISTE")
    assert Subscription.objects.count() == 0
    assert "No encontramos" in cloud_api.bodies()[0]["text"]["body"]


def test_one_template_message_per_event_even_when_the_sender_runs_twice(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, f"SEGUIR {work.public_id}")
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    for _run in range(2):
        events_detect(actor=ACTOR)
        deliveries_send(now=timezone.now(), actor=ACTOR)
    templates = [b for b in cloud_api.bodies() if b["type"] == "template"]
    assert len(templates) == 1
    assert templates[0]["to"] == PHONE
    parameters = templates[0]["template"]["components"][0]["parameters"]
    assert work.public_id in parameters[0]["text"]
    assert "/avisos/mis-datos/" in parameters[2]["text"]
    assert AlertEvent.objects.count() == 1


def test_baja_ends_every_subscription_and_nothing_more_is_sent(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, f"SEGUIR {work.public_id}")
    _send(django_capture_on_commit_callbacks, "SEGUIR MUNICIPIO 26030")
    events_detect(actor=ACTOR)
    _send(django_capture_on_commit_callbacks, "baja")
    assert set(Subscription.objects.values_list("state", flat=True)) == {
        SubscriptionState.ENDED
    }
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    events_detect(actor=ACTOR)
    deliveries_send(now=timezone.now(), actor=ACTOR)
    assert [b for b in cloud_api.bodies() if b["type"] == "template"] == []
    assert "dejó de recibir" in cloud_api.bodies()[-1]["text"]["body"]


def test_a_failed_send_is_retried_later_with_backoff(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, f"SEGUIR {work.public_id}")
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    events_detect(actor=ACTOR)
    cloud_api.fail_next = 1
    now = timezone.now()
    assert deliveries_send(now=now, actor=ACTOR).failed == 1
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.PENDING
    assert delivery.next_attempt_at > now
    assert deliveries_send(now=now, actor=ACTOR).sent == 0  # not due yet
    assert deliveries_send(now=delivery.next_attempt_at, actor=ACTOR).sent == 1


def test_the_rate_limit_holds_messages_for_the_next_minute(
    cloud_api, work, settings, django_capture_on_commit_callbacks
):
    settings.RUTA_ALERTS_RATE_PER_MINUTE = {"email": 10, "whatsapp": 1}
    _send(django_capture_on_commit_callbacks, f"SEGUIR {work.public_id}")
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.IN_EXECUTION)
    events_detect(actor=ACTOR)
    outcome = deliveries_send(now=timezone.now(), actor=ACTOR)
    assert (outcome.sent, outcome.waiting) == (1, 1)


def test_following_again_is_answered_and_makes_no_second_subscription(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, f"SEGUIR {work.public_id}")
    _send(django_capture_on_commit_callbacks, f"SEGUIR {work.public_id}")
    assert Subscription.objects.count() == 1
    assert len(cloud_api.requests) == 2


def test_a_question_in_words_gets_the_question_boxs_answer_and_its_link(
    cloud_api, work, django_capture_on_commit_callbacks, settings
):
    settings.RUTA_SITE_URL = "https://obras.example.gob.mx"
    question = "¿Cuántas obras hay en Hermosillo?"
    _send(django_capture_on_commit_callbacks, question)
    [body] = cloud_api.bodies()
    reply = body["text"]["body"]
    answer = answer_question(question)
    assert answer.answered
    assert reply.startswith(answer.text)
    assert reply.endswith(f"\nhttps://obras.example.gob.mx{answer.sources[0].url}")
    assert Subscription.objects.count() == 0


def test_a_question_it_does_not_understand_is_declined_not_guessed(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, "¿Quién ganará las elecciones?")
    reply = cloud_api.bodies()[0]["text"]["body"]
    assert reply.startswith("No entendí")
    assert "/pregunta/?q=" in reply


def test_the_help_quotes_the_folio_of_a_published_work(
    cloud_api, work, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, "AYUDA")
    reply = cloud_api.bodies()[0]["text"]["body"]
    assert f"SEGUIR {work.public_id}" in reply
    assert "BAJA" in reply


def test_seguir_compromiso_follows_a_commitment_and_its_report_is_sent(
    db, cloud_api, django_capture_on_commit_callbacks
):
    plan = ActionPlan.objects.create(key="pal", title="Plan de Acción Local")
    commitment = Commitment.objects.create(
        plan=plan, number=1, name="Portal presupuestario", name_key="portal"
    )
    assert (
        _send(
            django_capture_on_commit_callbacks, f"seguir compromiso {commitment.pk}"
        ).status_code
        == 200
    )
    subscription = Subscription.objects.get(phone=PHONE)
    assert (subscription.target_kind, subscription.state) == (
        "commitment",
        SubscriptionState.CONFIRMED,
    )
    events_detect(actor=ACTOR)
    CommitmentReport.objects.create(
        commitment=commitment,
        period=ReportingPeriod.objects.create(plan=plan, as_of=date(2020, 8, 5)),
        progress_pct=Decimal("80"),
        status=ReportStatus.PUBLISHED,
    )
    assert events_detect(actor=ACTOR) == 1
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 1
    template = cloud_api.bodies()[-1]["template"]["components"][0]["parameters"]
    assert "Portal presupuestario" in template[0]["text"]
    assert "80.00 %" in template[0]["text"]
