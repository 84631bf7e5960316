"""A municipality's own instance publishes its own agencies' indicators,
grants calls, open-government commitments and consultations, and counts
its own on the about page; another municipality's never show."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from decimal import Decimal

import pytest

from ruta.accounts.models import Role
from ruta.indicators.models import Evaluation, IndicatorResult, ResultStatus
from ruta.opendata.datasets import dataset_get
from ruta.opengov.models import (
    ActionPlan,
    Commitment,
    CommitmentReport,
    DraftRegulation,
    ReportingPeriod,
)
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import Work
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory
from testkit.factories.works import published_file
from testkit.grants import apply, make_call, make_organization, user_with
from testkit.municipal import MEXICALI, mexicali_world, poa_of

pytestmark = pytest.mark.django_db


def _cards(world) -> None:
    own = IndicatorCardFactory(agency=world["unit"], name="Indicador de Mexicali")
    other = IndicatorCardFactory(
        agency=world["tijuana_city"], name="Indicador de Tijuana"
    )
    for card in (own, other):
        IndicatorResultFactory(card=card, year=2024)
        Evaluation.objects.create(
            agency=card.agency,
            title=f"Evaluación: {card.name}",
            year=2024,
            evaluator="X",
        )
    # A result of Mexicali's card in another municipality is not its place.
    for place, value in ((world["mexicali"], "11"), (world["tijuana"], "77")):
        IndicatorResult.objects.create(
            card=own,
            year=2024,
            municipality=place,
            value=Decimal(value),
            status=ResultStatus.APPROVED,
        )


def _grants(world) -> None:
    applicant = user_with(Role.APPLICANT)
    own = make_call(agency=world["unit"], code="pxp-mexicali")
    other = make_call(agency=world["tijuana_city"], code="pxp-tijuana")
    apply(own, make_organization(1, applicant), applicant, 1, day=2)
    apply(other, make_organization(2, applicant), applicant, 2, day=2)
    make_organization(3, applicant)  # signed up, applied nowhere yet


def _open_government(world) -> None:
    own = ActionPlan.objects.create(
        key="pal-mexicali", title="PAL Mexicali", coordinator=world["city"]
    )
    other = ActionPlan.objects.create(
        key="pal-tijuana", title="PAL Tijuana", coordinator=world["tijuana_city"]
    )
    state = ActionPlan.objects.create(key="pal-bc", title="PAL Baja California")
    for plan, number, name, agency in (
        (own, 1, "Compromiso sin dependencia", None),
        (other, 1, "Compromiso de Tijuana", world["tijuana_city"]),
        (state, 1, "Compromiso de Bienestar Social", world["unit"]),
        (state, 2, "Compromiso de SIDURT", world["state_agency"]),
    ):
        commitment = Commitment.objects.create(
            plan=plan, number=number, name=name, name_key=name.lower(), agency=agency
        )
        period, _ = ReportingPeriod.objects.get_or_create(
            plan=plan, as_of=date(2025, 6, 30)
        )
        CommitmentReport.objects.create(
            commitment=commitment, period=period, progress_pct=Decimal("50")
        )
    for slug, agency in (
        ("reglamento-mxl", "unit"),
        ("reglamento-tij", "tijuana_city"),
    ):
        DraftRegulation.objects.create(
            slug=slug,
            title=f"Anteproyecto {slug}",
            agency=world[agency],
            opens_on=date(2026, 1, 1),
            closes_on=date(2026, 1, 31),
        )


def _documents(world) -> None:
    """A federal list publishing a work located in Mexicali, one publishing
    only a Tijuana work, and a budget statement of each ayuntamiento."""
    published_file(Work.objects.get(public_id="MXL-FED"), as_of=date(2021, 12, 31))
    published_file(Work.objects.get(public_id="TIJ-EDO"), as_of=date(2019, 12, 31))
    for agency, name in (("city", "mexicali"), ("tijuana_city", "tijuana")):
        SourceDocument.objects.create(
            sha256=hashlib.sha256(name.encode()).hexdigest(),
            kind=DocumentKind.BUDGET_EXPENDITURE,
            name=f"egresos-{name}.csv",
            agency=world[agency],
        )


@pytest.fixture
def world(hermosillo):
    world = mexicali_world(hermosillo)
    world["city"] = world["unit"].parent
    world["state_agency"] = world["unit"].__class__.objects.get(code="bc-sidurt")
    _cards(world)
    _grants(world)
    _open_government(world)
    poa_of(world["unit"], 2025, ramo="31", achieved=(2, 0))
    poa_of(world["tijuana_city"], 2025, ramo="41", achieved=(2, 2, 2))
    _documents(world)
    return world


@pytest.fixture
def municipal(settings, world):
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = MEXICALI
    return world


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_indicators_are_its_own_agencies_and_places(client, municipal):
    html = _page(client, "/es-mx/indicadores/")
    assert "Indicador de Mexicali" in html
    assert "Indicador de Tijuana" not in html
    cards = client.get("/api/v1/indicators/cards").json()
    assert [card["name"] for card in cards] == ["Indicador de Mexicali"]
    places = {period["place_name"] for period in cards[0]["periods"]}
    assert places == {"Mexicali"}
    assert {row["INDICADOR"] for row in dataset_get("indicadores").rows()} == {
        "Indicador de Mexicali"
    }
    places = {row["LUGAR"] for row in dataset_get("indicadores-periodos").rows()}
    assert places == {"Mexicali"}
    evaluations = _page(client, "/es-mx/indicadores/evaluaciones/")
    assert "Evaluación: Indicador de Mexicali" in evaluations
    assert "Tijuana" not in evaluations


def test_grants_calls_and_directory_are_its_own(client, municipal):
    calls = _page(client, "/es-mx/apoyos/")
    assert "/apoyos/pxp-mexicali/" in calls
    assert "pxp-tijuana" not in calls
    assert client.get("/es-mx/apoyos/pxp-tijuana/").status_code == 404
    assert client.get("/es-mx/apoyos/pxp-tijuana/fallo/").status_code == 404
    listed = client.get("/api/v1/grants/calls").json()
    assert [call["code"] for call in listed] == ["pxp-mexicali"]
    assert client.get("/api/v1/grants/calls/pxp-tijuana/results").status_code == 404
    rows = dataset_get("apoyos-resultados").rows()
    assert {row["CONVOCATORIA"] for row in rows} == {"pxp-mexicali"}
    directory = _page(client, "/es-mx/apoyos/directorio/")
    assert "Organización 1" in directory
    assert "Organización 3" in directory  # signed up here, applied nowhere yet
    assert "Organización 2" not in directory
    listed = {
        row["ORGANIZACION"] for row in dataset_get("apoyos-organizaciones").rows()
    }
    assert listed == {"Organización 1", "Organización 3"}


def test_open_government_shows_its_own_commitments_and_consultations(client, municipal):
    plans = _page(client, "/es-mx/gobierno-abierto/")
    assert "PAL Mexicali" in plans
    assert "PAL Baja California" in plans  # one commitment is Mexicali's
    assert "PAL Tijuana" not in plans
    assert client.get("/es-mx/gobierno-abierto/pal-tijuana/").status_code == 404
    state_plan = _page(client, "/es-mx/gobierno-abierto/pal-bc/")
    assert "Compromiso de Bienestar Social" in state_plan
    assert "Compromiso de SIDURT" not in state_plan
    assert (
        client.get("/es-mx/gobierno-abierto/pal-bc/compromisos/2/").status_code == 404
    )
    rows = client.get("/es-mx/gobierno-abierto/pal-bc/datos/compromisos.json")
    assert [row["name"] for row in rows.json()] == ["Compromiso de Bienestar Social"]
    drafts = _page(client, "/es-mx/gobierno-abierto/consultas/")
    assert "reglamento-mxl" in drafts
    assert "reglamento-tij" not in drafts


def test_the_about_page_counts_its_own_agencies_and_goals(client, municipal):
    html = _page(client, "/es-mx/acerca-de-los-datos/")
    assert re.search(r"Dependencias y unidades de Mexicali</dt><dd>2</dd>", html)
    assert re.search(r"Metas de programas operativos</dt><dd><a [^>]*>3</a>", html)
    assert "Municipios de Baja California" not in html
    assert "Regiones de" not in html


def test_the_documents_listed_and_counted_are_its_own(client, municipal):
    listed = _page(client, "/es-mx/documentos/")
    assert "opa-2021-12-31.csv" in listed  # it publishes a work in Mexicali
    assert "egresos-mexicali.csv" in listed
    assert "opa-2019-12-31.csv" not in listed
    assert "egresos-tijuana.csv" not in listed
    page = client.get("/api/v1/documents/").json()
    names = {row["name"] for row in page["items"]}
    assert names == {"opa-2021-12-31.csv", "egresos-mexicali.csv"}
    about = _page(client, "/es-mx/acerca-de-los-datos/")
    assert re.search(r"Documentos publicados leídos</dt><dd><a [^>]*>2</a>", about)


def test_a_state_instance_still_publishes_every_agencys(client, settings, world):
    settings.RUTA_STATE = "02"
    assert "Indicador de Tijuana" in _page(client, "/es-mx/indicadores/")
    assert "pxp-tijuana" in _page(client, "/es-mx/apoyos/")
    assert "Organización 2" in _page(client, "/es-mx/apoyos/directorio/")
    assert "PAL Tijuana" in _page(client, "/es-mx/gobierno-abierto/")
    about = _page(client, "/es-mx/acerca-de-los-datos/")
    assert re.search(r"Metas de programas operativos</dt><dd><a [^>]*>7</a>", about)
    # Every document: both federal lists, both statements, both POA forms.
    assert re.search(r"Documentos publicados leídos</dt><dd><a [^>]*>6</a>", about)
