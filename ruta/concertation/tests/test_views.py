"""The planning staff's pages and the municipality's public section."""

from __future__ import annotations

import pytest
from django.test import Client
from pghistory.models import Events

from ruta.concertation.models import LineamientoCheck
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db

DESK = "/es-mx/concertacion/convenios"


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_planner_ticks_a_lineamiento_on_the_site_and_the_write_is_audited(
    world,
):
    client = _as(world.planner)
    url = f"{DESK}/{world.agreement.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Marcar cumplido" in page.text
    sent = client.post(
        f"{url}lineamientos/",
        {"item": "bank-account", "evidence": "Oficio 12/2024"},
    )
    assert sent.status_code == 302
    check = LineamientoCheck.objects.get(agreement=world.agreement)
    assert check.checked_by == world.planner
    event = Events.objects.tracks(check).get(pgh_label="insert")
    assert event.pgh_context["service"] == "lineamiento_check"


def test_an_empty_evidence_is_refused_on_the_page_and_nothing_is_stored(world):
    page = _as(world.planner).post(
        f"{DESK}/{world.agreement.pk}/lineamientos/",
        {"item": "bank-account", "evidence": "  "},
    )
    assert page.status_code == 400
    assert not LineamientoCheck.objects.exists()


def test_the_auditor_reads_the_agreement_without_a_form_and_others_find_nothing(
    world,
):
    page = _as(world.auditor).get(f"{DESK}/{world.agreement.pk}/")
    assert page.status_code == 200
    assert "Marcar cumplido" not in page.text
    assert _as(world.elsewhere).get(f"{DESK}/{world.agreement.pk}/").status_code == 404
    refused = _as(world.auditor).post(
        f"{DESK}/{world.agreement.pk}/lineamientos/",
        {"item": "bank-account", "evidence": "Oficio"},
    )
    assert refused.status_code == 403


def test_the_desk_lists_the_agreement_and_the_municipalities_without_one(world):

    WorkFactory(
        program=world.program,
        executing_agency=world.cecop,
        municipality=world.cajeme,
        published=True,
    )
    page = _as(world.planner).get(f"{DESK}/?year=2024")
    assert page.status_code == 200
    assert "Hermosillo" in page.text
    assert "Cajeme" in page.text  # concerted works and no agreement


def test_the_municipality_page_shows_the_agreement_and_its_floors_use(world):
    page = Client().get("/es-mx/municipios/26030/?year=2024")
    assert page.status_code == 200
    assert "Convenio de concertación 2024" in page.text
    assert "sin firma todavía" in page.text
    assert "$1,000,000.00" in page.text
    # Its two approved works take $1,100,000 of the state's: $100,000 over.
    assert "pasa el piso por</dt><dd>$100,000.00</dd>" in page.text
    other = Client().get("/es-mx/municipios/26018/?year=2024")
    assert "Convenio de concertación" not in other.text
