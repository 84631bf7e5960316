"""The alerts' pages: who sees subscribers, what a GET may not do, bad input."""

from __future__ import annotations

import io
import json

from django.test import Client
from django.urls import reverse

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.alerts.channels import ConsoleStream, WhatsAppChannel
from ruta.alerts.message_templates import VOTE_CODE
from ruta.alerts.models import (
    MessageKind,
    Subscription,
    SubscriptionState,
    TargetKind,
)
from ruta.alerts.rules import signature_of
from ruta.alerts.tests.conftest import APP_SECRET
from ruta.alerts.tests.helpers import follow_by_email
from ruta.alerts.texts import links_of
from ruta.alerts.webhook import incoming_texts

SUBSCRIBERS = "/es-mx/avisos/suscriptores/"


def test_administrators_read_subscribers_and_each_read_is_logged(work, make_user):
    subscription = follow_by_email(work, "mara@example.org")
    administrator = Client()
    administrator.force_login(make_user(Role.ADMINISTRATOR))
    page = administrator.get(SUBSCRIBERS)
    assert page.status_code == 200
    assert "mara@example.org" in page.content.decode()
    assert subscription.events.filter(pgh_label=PERSONAL_DATA_VIEWED).count() == 1


def test_no_one_else_reads_subscribers(work, make_user):
    follow_by_email(work, "nora@example.org")
    validator = Client()
    validator.force_login(make_user(Role.VALIDATOR, agency=work.executing_agency))
    assert validator.get(SUBSCRIBERS).status_code == 403
    assert Client().get(SUBSCRIBERS).status_code == 302  # to sign in


def test_opening_the_unsubscribe_link_asks_before_ending(work):
    subscription = follow_by_email(work, "olga@example.org")
    address = links_of(subscription).unsubscribe.split("8000", 1)[1]
    assert Client().get(address).status_code == 200
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.CONFIRMED


def test_a_forged_unsubscribe_link_changes_nothing(work):
    subscription = follow_by_email(work, "paco@example.org")
    answer = Client().post("/es-mx/avisos/baja/abc:def/")
    assert answer.status_code == 400
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.CONFIRMED


def test_following_something_that_is_not_public_is_not_found(db, client):
    missing = reverse("alerts:follow", args=[TargetKind.WORK, "NO-EXISTE"])
    assert client.get(missing).status_code == 404
    assert client.get("/es-mx/avisos/seguir/planeta/x/").status_code == 404


def test_a_signed_body_that_is_not_json_is_refused(db, cloud_api):
    body = b"no es json"
    answer = Client().post(
        "/avisos/whatsapp/webhook/",
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature_of(body, APP_SECRET)},
    )
    assert answer.status_code == 400
    assert Subscription.objects.count() == 0


def test_only_text_messages_are_read_from_a_webhook():
    payload = {
        "entry": [
            {
                "changes": [
                    {
                        "value": {
                            "statuses": [{"id": "wamid.1", "status": "delivered"}],
                            "messages": [
                                {"from": "+52 1 662", "type": "image"},
                                {
                                    "from": "+52 662 1",
                                    "type": "text",
                                    "text": {"body": "BAJA"},
                                },
                                "basura",
                            ],
                        }
                    }
                ]
            }
        ]
    }
    assert incoming_texts(payload) == [("526621", "BAJA")]
    assert incoming_texts(["no", "es", "un", "objeto"]) == []


def test_the_console_adapter_prints_the_cloud_api_request():
    stream = io.StringIO()
    WhatsAppChannel(post=ConsoleStream(stream)).template(
        "526620000000", VOTE_CODE, ["123456"], MessageKind.VOTE_CODE
    )
    printed = json.loads(stream.getvalue())
    assert printed["to"] == "526620000000"
    assert printed["template"]["components"][0]["parameters"][0]["text"] == "123456"


def test_the_audit_history_never_records_a_links_token(work):
    subscription = follow_by_email(work, "rosa@example.org")
    token = links_of(subscription).my_data.rstrip("/").rsplit("/", 1)[1]
    address = links_of(subscription).my_data.split("8000", 1)[1]
    Client().post(address, {"action": "end"})
    urls = [
        (event.pgh_context.metadata or {}).get("url", "")
        for event in subscription.events.select_related("pgh_context")
        if event.pgh_context
    ]
    assert any("[enlace]" in url for url in urls)
    assert all(token not in url for url in urls)
