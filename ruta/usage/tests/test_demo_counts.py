"""The demo's usage counts: rows of their own, said to be demonstration data."""

from __future__ import annotations

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from ruta.accounts.actors import command_actor
from ruta.alerts.models import ChannelKind, Subscription, SubscriptionState
from ruta.datarequests.services import data_request_file
from ruta.usage.counter import counts_add
from ruta.usage.models import DailyCount
from ruta.usage.selectors import usage_rows

pytestmark = pytest.mark.django_db
migration = importlib.import_module("ruta.usage.migrations.0003_demo_counts_marked")


def _yesterday():
    return timezone.localdate() - timedelta(days=1)


def test_the_sites_own_counting_never_adds_to_the_demos_row():
    day = _yesterday()
    counts_add({(day, "page", "obras", "app"): 5}, demo=True)
    counts_add({(day, "page", "obras", "app"): 2})
    counts_add({(day, "page", "obras", "app"): 1})
    rows = DailyCount.objects.filter(name="obras").values_list("is_demo", "count")
    assert sorted(rows) == [(False, 3), (True, 5)]


def test_the_usage_page_says_how_many_answers_the_demo_wrote(client):
    day = _yesterday()
    counts_add({(day, "page", "obras", "app"): 7}, demo=True)
    counts_add({(day, "page", "datos", "app"): 4})
    html = client.get("/es-mx/uso/").content.decode()
    assert "Datos de demostración" in html
    assert "7 de estas respuestas no las contó el sitio" in html
    obras = html[html.index('<th scope="row">/obras/') :]
    datos = html[html.index('<th scope="row">/datos/') :]
    assert obras[: obras.index("</th>")].endswith("demostración</span>")
    assert "demostración" not in datos[: datos.index("</th>")]


def test_a_usage_page_without_demo_counts_marks_nothing(client):
    counts_add({(_yesterday(), "page", "datos", "app"): 4})
    html = client.get("/en/uso/").content.decode()
    assert "Demonstration data" not in html
    assert "demonstration</span>" not in html


def test_the_usage_page_in_english_says_so_too(client):
    counts_add({(_yesterday(), "page", "obras", "app"): 7}, demo=True)
    html = client.get("/en/uso/").content.decode()
    assert "Demonstration data" in html
    assert "demonstration</span>" in html


def test_the_open_dataset_says_which_counts_are_demonstration():
    day = _yesterday()
    counts_add({(day, "page", "obras", "app"): 5}, demo=True)
    counts_add({(day, "page", "obras", "app"): 2})
    rows = [(row["CUENTA"], row["DEMOSTRACION"]) for row in usage_rows()]
    assert rows == [(2, False), (5, True)]


def _before_the_mark(days: int, *, earlier: bool = False) -> None:
    """Write a database the demo loaded before counts were marked."""
    data_request_file(
        what="Las fechas de pago de cada contrato de obra de 2024.",
        is_demo=True,
        actor=command_actor("demo"),
    )
    today = timezone.localdate()
    counts = {
        (today - timedelta(days=back), "page", "inicio", "app"): 10
        for back in range(1, days + 1)
    }
    if earlier:
        counts[(today - timedelta(days=40), "page", "inicio", "app")] = 3
    counts_add(counts)
    counts_add({(today, "page", "inicio", "app"): 1})  # counted since


def test_the_migration_marks_the_two_weeks_the_demo_wrote():
    _before_the_mark(migration.DEMO_DAYS)
    migration.demo_counts_mark(apps, SimpleNamespace(connection=connection))
    marked = DailyCount.objects.filter(is_demo=True)
    assert marked.count() == migration.DEMO_DAYS
    assert not marked.filter(day=timezone.localdate()).exists()


@pytest.mark.parametrize(
    ("days", "earlier"), [(migration.DEMO_DAYS, True), (migration.DEMO_DAYS - 3, False)]
)
def test_the_migration_leaves_counts_the_demo_did_not_write(days, earlier):
    # Counts before the window, or a window not full: the site's own.
    _before_the_mark(days, earlier=earlier)
    migration.demo_counts_mark(apps, SimpleNamespace(connection=connection))
    assert not DailyCount.objects.filter(is_demo=True).exists()


def test_the_usage_page_marks_the_demos_followers_apart(client):
    for is_demo in (False, True):
        Subscription.objects.create(
            channel=ChannelKind.EMAIL,
            target_kind="work",
            target_key="TSAM-2024-0001",
            target_label="Obra",
            email=f"seguidor-{is_demo}@example.org",
            state=SubscriptionState.CONFIRMED,
            confirmed_at=timezone.now(),
            is_demo=is_demo,
        )
    html = client.get("/es-mx/uso/").content.decode()
    section = html[html.index('id="uso-avisos"') :]
    assert "Las filas marcadas «demostración» cuentan seguidores" in section
    assert section.count("demostración</span>") == 1
