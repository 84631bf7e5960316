"""Alerts speak of the place whose money the instance publishes: the
municipality on a municipality's own instance, the state on a state's."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from ruta.alerts.services import deliveries_send, events_detect
from ruta.alerts.tests.helpers import ACTOR, follow_by_email
from ruta.works.models import Work, WorkStatus
from testkit.municipal import MEXICALI, mexicali_world

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def municipal(settings, hermosillo):
    world = mexicali_world(hermosillo)
    settings.RUTA_SITE_NAME = "Ruta del Dinero"
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = MEXICALI
    return world


def _follow_page(public_id: str) -> str:
    return f"/es-mx/avisos/seguir/work/{public_id}/"


def test_the_follow_page_and_the_confirmation_name_the_municipality(
    client, smtp, municipal, django_capture_on_commit_callbacks
):
    page = client.get(_follow_page("MXL-MUN")).content.decode()
    assert "Un servicio de avisos de Ruta del Dinero en Mexicali." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_follow_page("MXL-MUN"), {"email": "ana@example.org"})
    (confirmation,) = smtp.parsed()
    assert (
        confirmation["Subject"] == "Confirme sus avisos de Ruta del Dinero en Mexicali"
    )


def test_an_alert_and_a_feed_name_the_municipality(client, smtp, municipal):
    work = Work.objects.get(public_id="MXL-MUN")
    follow_by_email(work, "beto@example.org")
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    events_detect(actor=ACTOR)
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 1
    (alert,) = smtp.parsed()
    assert alert.get_content().rstrip().endswith("Ruta del Dinero en Mexicali")
    feed = client.get("/es-mx/avisos/canal/work/MXL-MUN.atom").content
    title = ElementTree.fromstring(feed).find(f"{ATOM}title").text
    assert title.startswith("Ruta del Dinero en Mexicali: avisos de MXL-MUN")


def test_another_municipality_and_its_works_cannot_be_followed(client, municipal):
    assert client.get("/es-mx/avisos/seguir/municipality/02004/").status_code == 404
    assert client.get(_follow_page("TIJ-EDO")).status_code == 404
    assert client.get("/es-mx/avisos/seguir/municipality/02002/").status_code == 200


def test_a_state_instance_names_its_state(client, settings, municipal):
    settings.RUTA_MUNICIPALITY = ""
    settings.RUTA_STATE = "02"
    page = client.get(_follow_page("TIJ-EDO")).content.decode()
    assert "Un servicio de avisos de Ruta del Dinero en Baja California." in page
