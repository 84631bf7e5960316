"""The agreements as the question box and the pages read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings

from ruta.catalog.models import Agency, Municipality
from ruta.concertation.models import Agreement
from ruta.concertation.selectors import unsigned_municipalities
from ruta.works.loader import works_catalog_load

pytestmark = pytest.mark.django_db


def _agreement(code: str, signed: date | None) -> None:
    Agreement.objects.create(
        agency=Agency.objects.get(code="sonora-cecop"),
        municipality=Municipality.objects.get(code=code),
        fiscal_year_id=2024,
        floor=Decimal(100),
        municipal_contribution=Decimal(0),
        community_contribution=Decimal(0),
        signed_on=signed,
    )


@override_settings(RUTA_STATE="26")
def test_a_municipality_without_a_signed_agreement_is_named_registered_or_not(
    catalog,
):
    works_catalog_load()
    _agreement("26030", date(2024, 2, 1))  # Hermosillo, signed
    _agreement("26018", None)  # Cajeme, registered without a date
    unsigned = unsigned_municipalities(2024)
    assert "Hermosillo" not in unsigned
    assert "Cajeme" in unsigned
    assert len(unsigned) == Municipality.objects.filter(state_id="26").count() - 1
