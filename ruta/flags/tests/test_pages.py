"""Kept flags on the work, company and agency pages, in the API and the dataset."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from ruta.flags.selectors import flag_rows
from ruta.flags.services import flags_refresh
from ruta.opendata.datasets import dataset_get
from ruta.works.models import Payment
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import ContractFactory, WorkFactory
from testkit.world import constraints_settled

pytestmark = pytest.mark.django_db
RFC = "CDD150312AB1"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A published work whose contract was paid a centavo over its amount."""
    with django_db_blocker.unblock(), transaction.atomic():
        agency = AgencyFactory(code="sidur-prueba", name="Secretaría de Prueba")
        work = WorkFactory(executing_agency=agency, published=True)
        contract = ContractFactory(
            work=work, number="C-OVER", amount=Decimal("1000.00"), contractor_rfc=RFC
        )
        Payment.objects.create(
            contract=contract, paid_on=date(2024, 4, 1), amount=Decimal("1000.01")
        )
        hidden = WorkFactory(executing_agency=agency)  # proposed: not public
        over = ContractFactory(work=hidden, number="C-HIDDEN", amount=Decimal(1))
        Payment.objects.create(
            contract=over, paid_on=date(2024, 4, 1), amount=Decimal(2)
        )
        flags_refresh(actor=TEST_ACTOR, today=date(2024, 7, 1))
        constraints_settled()
        yield SimpleNamespace(work=work, agency=agency)
        transaction.set_rollback(True)


def test_the_work_page_shows_the_flag_with_its_figures_and_how_to_read_it(
    world, client
):
    page = client.get(world.work.get_absolute_url()).content.decode()
    assert "Señales que merecen una mirada" in page
    assert "Pagos por encima del contrato" in page
    assert "$1,000.01" in page
    assert "Cómo leerla" in page
    assert "arts. 54 y 59" in page


def test_the_company_page_shows_its_flags(world, client):
    page = client.get(reverse("works:contractor", args=[RFC])).content.decode()
    assert "Pagos por encima del contrato" in page
    assert world.work.public_id in page


def test_the_agency_page_shows_the_flags_of_its_public_works_only(world, client):
    page = client.get(reverse("flags:agency", args=["sidur-prueba"])).content.decode()
    assert "C-OVER" in page
    assert "C-HIDDEN" not in page


def test_the_flags_page_explains_every_rule_with_its_threshold(world, client):
    page = client.get(reverse("flags:index")).content.decode()
    assert "Ley de Obras Públicas y Servicios Relacionados con las Mismas" in page
    assert "Código Fiscal de la Federación, art. 69-B" in page
    assert "Umbral: 6 meses." in page


def test_the_english_page_words_the_flag_in_english(world, client):
    with translation.override("en"):
        address = world.work.get_absolute_url()
    page = client.get(address).content.decode()
    assert "Payments above the contract" in page


def test_the_api_gives_the_public_flags_with_figures(world, client):
    answer = client.get("/api/v1/flags/", {"agency": "sidur-prueba"}).json()
    assert [flag["contract"] for flag in answer] == ["C-OVER"]
    assert answer[0]["values"]["over"] == "0.01"
    kinds = client.get("/api/v1/flags/kinds").json()
    assert {kind["kind"] for kind in kinds} >= {"sat-69b", "fraccionamiento"}


def test_the_dataset_rows_match_its_schema(world):
    dataset = dataset_get("senales")
    rows = list(flag_rows())
    assert [row["CONTRATO"] for row in rows] == ["C-OVER"]
    assert set(rows[0]) == set(dataset.columns)
    assert json.loads(rows[0]["CIFRAS"])["paid"] == "1000.01"
