"""The calendar's pages: the rules and agencies, an agency's timeliness, the desk."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_calendar_page_lists_the_rules_and_the_agencies_that_owe(client, unit):
    response = client.get(reverse("calendar:index"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "10 días hábiles después del cierre del trimestre" in text
    assert "Dentro del primer bimestre del año siguiente" in text
    assert reverse("calendar:agency", args=[unit.agency.code]) in text
    assert "public" in response["Cache-Control"]


def test_an_agencys_page_shows_each_period_on_time_late_or_missing(client, unit):
    response = client.get(reverse("calendar:agency", args=[unit.agency.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "2024, trimestre 1" in text
    assert "Entregado a tiempo" in text
    assert "2024, trimestre 2" in text
    assert "Vencido sin entregar" in text
    assert "sin fecha registrada" in text  # the 2023 annual report's document
    assert 'class="stacked"' in text  # one column per row on a phone


def test_an_agency_outside_the_catalog_is_not_found(client, unit):
    response = client.get(reverse("calendar:agency", args=["no-existe"]))
    assert response.status_code == 404


def test_the_desk_lists_the_overdue_quarter_to_the_units_staff(client, unit):
    client.force_login(unit.capture)
    response = client.get(reverse("calendar:desk"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "2024, trimestre 2" in text
    assert "2024, trimestre 1" not in text  # delivered on time
    home = client.get(reverse("accounts:desk")).content.decode()
    assert "Informes vencidos y por vencer" in home


def test_staff_of_another_agency_see_nothing_of_it_on_their_desk(client, unit):
    client.force_login(unit.stranger)
    text = client.get(reverse("calendar:desk")).content.decode()
    assert "2024, trimestre 2" not in text
    assert "Nada vencido ni por vencer" in text


def test_the_desk_asks_who_you_are(client, unit):
    response = client.get(reverse("calendar:desk"))
    assert response.status_code == 302
