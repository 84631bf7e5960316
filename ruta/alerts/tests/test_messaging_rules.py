"""The WhatsApp rules without a database: window, statuses, templates, webhooks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ruta.alerts.message_templates import (
    ALERT,
    TEMPLATES,
    VOTE_CODE,
    TemplateMisused,
    text_payload,
)
from ruta.alerts.rules import (
    VOTE,
    keyword_parse,
    messaging_key,
    status_after,
    window_open,
)
from ruta.alerts.webhook import inbound_messages, status_reports
from ruta.common.text.chatwords import vote_keyword
from ruta.common.whatsapp import chat_link, number_written

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
DOCS = Path(__file__).resolve().parents[3] / "docs" / "alerts.md"


@pytest.mark.parametrize(
    ("last", "open_"),
    [
        (None, False),
        (NOW - timedelta(hours=23, minutes=59), True),
        (NOW - timedelta(hours=24), False),
        (NOW - timedelta(days=3), False),
        (NOW + timedelta(minutes=5), True),  # a clock ahead counts as now
    ],
)
def test_free_text_goes_only_within_24_hours_of_the_persons_message(last, open_):
    assert window_open(last, NOW) is open_


@pytest.mark.parametrize(
    ("current", "reported", "after"),
    [
        ("accepted", "sent", "sent"),
        ("sent", "delivered", "delivered"),
        ("delivered", "read", "read"),
        ("read", "sent", "read"),  # a late report never moves it back
        ("read", "delivered", "read"),
        ("sent", "failed", "failed"),
        ("delivered", "failed", "delivered"),
        ("failed", "read", "failed"),
        ("sent", "deleted", "sent"),  # unknown statuses change nothing
    ],
)
def test_a_message_status_only_moves_forward(current, reported, after):
    assert status_after(current, reported) == after


def test_both_spellings_of_a_mexican_mobile_are_one_number():
    assert messaging_key("5216621234567") == messaging_key("+52 662 123 4567")
    assert messaging_key("14155550100") == "14155550100"


def test_the_alert_template_carries_its_three_parameters_in_order(settings):
    settings.RUTA_WHATSAPP_TEMPLATE = "aviso_obra"
    settings.RUTA_WHATSAPP_TEMPLATE_LANGUAGE = "es_MX"
    payload = ALERT.payload("526621234567", ["Cambió", "https://a/obra", "https://a/d"])
    template = payload["template"]
    assert (payload["type"], payload["to"]) == ("template", "526621234567")
    assert template["name"] == "aviso_obra"
    assert template["language"] == {"code": "es_MX"}
    [body] = template["components"]
    assert [p["text"] for p in body["parameters"]] == [
        "Cambió",
        "https://a/obra",
        "https://a/d",
    ]


def test_the_code_template_carries_the_code_in_its_body_and_copy_button(settings):
    settings.RUTA_WHATSAPP_CODE_TEMPLATE = "ruta_codigo"
    payload = VOTE_CODE.payload("526621234567", ["042137"])
    body, button = payload["template"]["components"]
    assert payload["template"]["name"] == "ruta_codigo"
    assert body == {"type": "body", "parameters": [{"type": "text", "text": "042137"}]}
    assert button["type"] == "button"
    assert button["sub_type"] == "url"
    assert button["parameters"] == [{"type": "text", "text": "042137"}]


def test_a_template_given_other_parameters_than_declared_is_refused():
    with pytest.raises(TemplateMisused, match="3 parameters, 1 given"):
        ALERT.payload("526621234567", ["solo uno"])


def test_free_text_is_cut_to_what_the_api_takes():
    payload = text_payload("526621234567", "x" * 5000)
    assert len(payload["text"]["body"]) == 4096
    assert payload["text"]["preview_url"] is False


def test_every_declared_template_is_in_the_operators_guide(settings):
    guide = DOCS.read_text(encoding="utf-8")
    for declared in TEMPLATES:
        assert f"`{declared.name}`" in guide
        assert declared.category in guide


def _webhook(value: dict) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "waba", "changes": [{"field": "messages", "value": value}]}],
    }


def test_any_message_opens_the_window_but_only_text_is_read():
    payload = _webhook(
        {
            "messages": [
                {"from": "5216621234567", "timestamp": "1773144000", "type": "image"},
                {
                    "from": "5216621234567",
                    "timestamp": "1773144060",
                    "type": "text",
                    "text": {"body": "BAJA"},
                },
                {"from": "", "type": "text", "text": {"body": "sin remitente"}},
            ]
        }
    )
    photo, baja = inbound_messages(payload)
    assert (photo.text, photo.at) == ("", datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    assert (baja.phone, baja.text) == ("5216621234567", "BAJA")


def test_status_reports_are_read_with_the_first_error_and_bad_ones_skipped():
    payload = _webhook(
        {
            "statuses": [
                {"id": "wamid.1", "status": "delivered", "timestamp": "1773144000"},
                {
                    "id": "wamid.2",
                    "status": "failed",
                    "timestamp": "bad",
                    "errors": [{"code": 131047, "title": "Re-engagement message"}],
                },
                {"id": "wamid.3", "status": "deleted"},
                {"status": "read"},
                "basura",
            ]
        }
    )
    delivered, failed = status_reports(payload)
    assert (delivered.message_id, delivered.status) == ("wamid.1", "delivered")
    assert delivered.at == datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert (failed.status, failed.at) == ("failed", None)
    assert failed.error == "131047: Re-engagement message"
    assert status_reports(["no", "es", "un", "objeto"]) == []


def test_the_chat_link_opens_whatsapp_with_the_keyword_typed(settings):
    settings.RUTA_WHATSAPP_NUMBER = "526621234567"
    assert chat_link("SEGUIR OBRA HMO-1") == (
        "https://wa.me/526621234567?text=SEGUIR%20OBRA%20HMO-1"
    )
    assert number_written("526621234567") == "+52 662 123 4567"
    settings.RUTA_WHATSAPP_NUMBER = ""
    assert chat_link("SEGUIR OBRA HMO-1") == ""


def test_the_vote_pages_keyword_is_the_one_the_number_understands():
    keyword = keyword_parse(vote_keyword("alamos-2025"))
    assert (keyword.action, keyword.argument) == (VOTE, "ALAMOS-2025")
