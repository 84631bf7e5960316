"""The requests the demo files are marked, and their pages say so."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from ruta.accounts.actors import command_actor
from ruta.datarequests.models import DataRequest
from ruta.datarequests.services import REQUESTER, data_request_file

pytestmark = pytest.mark.django_db
DEMO = command_actor("demo")
migration = importlib.import_module(
    "ruta.datarequests.migrations.0003_demo_requests_marked"
)


@pytest.fixture
def requests():
    real = data_request_file(
        what="Las actas de entrega de las obras de Cajeme.", actor=REQUESTER
    )
    demo = data_request_file(
        what="Los padrones de beneficiarios por localidad.", is_demo=True, actor=DEMO
    )
    return real, demo


def test_the_list_marks_the_demos_requests_and_says_why(client, requests):
    real, demo = requests
    html = client.get("/es-mx/peticiones-de-datos/").content.decode()
    assert "Las peticiones marcadas «demostración» no las hizo nadie" in html
    items = {
        item.pk: html[html.index(f'href="{item.get_absolute_url()}"') :]
        for item in requests
    }
    assert "demostración</span>" in items[demo.pk][: items[demo.pk].index("</li>")]
    assert "demostración</span>" not in items[real.pk][: items[real.pk].index("</li>")]


def test_a_demo_requests_page_says_it_in_both_languages(client, requests):
    _real, demo = requests
    spanish = client.get(f"/es-mx/peticiones-de-datos/{demo.pk}/").content.decode()
    english = client.get(f"/en/peticiones-de-datos/{demo.pk}/").content.decode()
    assert "Esta petición no la hizo nadie" in spanish
    assert "This request was made by no one" in english


def test_a_real_requests_page_and_a_list_without_demo_say_nothing(client, requests):
    real, demo = requests
    page = client.get(f"/es-mx/peticiones-de-datos/{real.pk}/").content.decode()
    assert "Datos de demostración" not in page
    DataRequest.objects.filter(pk=demo.pk).delete()
    listed = client.get("/es-mx/peticiones-de-datos/").content.decode()
    assert "Datos de demostración" not in listed


def test_the_migration_marks_the_requests_the_demo_filed_before_the_mark():
    filed = [
        data_request_file(what=what, actor=DEMO) for what in migration.DEMO_REQUESTS
    ]
    other = data_request_file(
        what="Los padrones de beneficiarios por colonia.", actor=REQUESTER
    )
    migration.demo_requests_mark(apps, SimpleNamespace(connection=connection))
    assert set(DataRequest.objects.demo()) == set(filed)
    other.refresh_from_db()
    assert not other.is_demo
