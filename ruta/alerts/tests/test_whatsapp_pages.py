"""Pages offer WhatsApp with the number and a chat link, or not at all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from ruta.budgeting.models import Period, PeriodPhase
from testkit.factories.catalog import AgencyFactory

NUMBER = "526621234567"


@pytest.fixture
def period(db, hermosillo):
    return Period.objects.create(
        slug="hermosillo-2026",
        municipality=hermosillo,
        agency=AgencyFactory(municipality=hermosillo),
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


def test_the_follow_page_links_the_chat_with_the_works_keyword(work, settings):
    settings.RUTA_WHATSAPP_NUMBER = NUMBER
    page = Client().get(f"/es-mx/avisos/seguir/work/{work.public_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    link = f"https://wa.me/{NUMBER}?text=SEGUIR%20OBRA%20{work.public_id}"
    assert f'href="{link}"' in html
    assert "+52 662 123 4567" in html


def test_without_a_number_no_page_offers_or_promises_whatsapp(work, settings):
    settings.RUTA_WHATSAPP_NUMBER = ""
    follow = Client().get(f"/es-mx/avisos/seguir/work/{work.public_id}/")
    municipality = Client().get(f"/es-mx/municipios/{work.municipality.code}/")
    for page in (follow, municipality):
        assert page.status_code == 200
        html = page.content.decode()
        assert "wa.me" not in html
        assert "WhatsApp" not in html


def test_the_vote_page_links_the_chat_with_the_votes_keyword(period, settings):
    settings.RUTA_WHATSAPP_NUMBER = NUMBER
    page = Client().get(f"/es-mx/presupuesto-participativo/{period.slug}/votar/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f"https://wa.me/{NUMBER}?text=VOTAR%20HERMOSILLO-2026" in html
    settings.RUTA_WHATSAPP_NUMBER = ""
    page = Client().get(f"/es-mx/presupuesto-participativo/{period.slug}/votar/")
    assert "wa.me" not in page.content.decode()
