"""Subscription figures as open data: per month and channel, no contact."""

from __future__ import annotations

from datetime import UTC, datetime

from django.test import Client

from ruta.accounts.actors import command_actor
from ruta.alerts.models import ChannelKind, Subscription, SubscriptionState
from ruta.alerts.selectors import subscription_figure_rows
from ruta.opendata.datasets import DATASETS
from ruta.opendata.services import publish_datasets


def _subscription(channel: str, confirmed: datetime | None, ended: datetime | None):
    return Subscription.objects.create(
        channel=channel,
        target_kind="municipality",
        target_key="26030",
        target_label="Hermosillo",
        email="x@example.org" if channel == ChannelKind.EMAIL else "",
        phone="5216620000000" if channel == ChannelKind.WHATSAPP else "",
        state=SubscriptionState.ENDED if ended else SubscriptionState.CONFIRMED,
        confirmed_at=confirmed,
        ended_at=ended,
    )


def test_sign_ups_and_drop_outs_are_counted_per_month_and_channel(db):
    march, april = datetime(2019, 3, 5, tzinfo=UTC), datetime(2019, 4, 9, tzinfo=UTC)
    _subscription(ChannelKind.WHATSAPP, march, None)
    _subscription(ChannelKind.WHATSAPP, march, april)
    _subscription(ChannelKind.EMAIL, april, None)
    Subscription.objects.create(  # never confirmed: not a sign-up
        channel=ChannelKind.EMAIL,
        target_kind="work",
        target_key="X",
        target_label="X",
        email="p@example.org",
    )
    assert list(subscription_figure_rows()) == [
        {
            "MES": "2019-03",
            "CANAL": "whatsapp",
            "ALTAS": 2,
            "BAJAS": 0,
            "DEMOSTRACION": False,
        },
        {
            "MES": "2019-04",
            "CANAL": "email",
            "ALTAS": 1,
            "BAJAS": 0,
            "DEMOSTRACION": False,
        },
        {
            "MES": "2019-04",
            "CANAL": "whatsapp",
            "ALTAS": 0,
            "BAJAS": 1,
            "DEMOSTRACION": False,
        },
    ]


def test_the_demos_followers_are_figures_of_their_own(db):
    march = datetime(2019, 3, 5, tzinfo=UTC)
    _subscription(ChannelKind.EMAIL, march, None)
    demo = _subscription(ChannelKind.WHATSAPP, march, None)
    Subscription.objects.filter(pk=demo.pk).update(is_demo=True)
    rows = {
        (row["CANAL"], row["DEMOSTRACION"]): row["ALTAS"]
        for row in subscription_figure_rows()
    }
    assert rows == {("email", False): 1, ("whatsapp", True): 1}


def test_the_figures_are_a_published_dataset_without_contacts(db):
    _subscription(ChannelKind.EMAIL, datetime(2019, 3, 5, tzinfo=UTC), None)
    assert "avisos-suscripciones" in DATASETS
    publish_datasets(actor=command_actor("test"))
    answer = Client().get("/es-mx/datos/avisos-suscripciones/ultimo.csv")
    assert answer.status_code == 200
    text = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert "2019-03" in text.decode("utf-8-sig")
    assert "x@example.org" not in text.decode("utf-8-sig")
