"""The pages: bounded input, clear refusals, nothing shown or written by mistake."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from ruta.budgeting import services
from ruta.budgeting.models import Proposal
from ruta.budgeting.services import PUBLIC_PROPOSALS, Contact, Place
from ruta.budgeting.tests.conftest import CALENDAR

pytestmark = pytest.mark.django_db
BASE = "/es-mx/presupuesto-participativo"


@pytest.fixture
def period(town):
    period = services.period_open(
        municipality=town.alamos,
        year=2025,
        title="Presupuesto participativo de Álamos 2025",
        total_budget=Decimal("1000000"),
        ballot_budget=Decimal("600000"),
        rules_text="Cada persona vota una vez por obras viables dentro del tope.",
        calendar=CALENDAR,
        actor=town.capture,
    )
    services.proposal_submit(
        period=period,
        title="Techumbre en la cancha escolar",
        description="Techar la cancha de la escuela para dar sombra al recreo.",
        place=Place("La Aduana"),
        estimated_cost=Decimal("400000"),
        contact=Contact("Vecina", "vecina@example.org"),
        actor=PUBLIC_PROPOSALS,
    )
    return period


def test_an_unknown_status_filter_is_a_clear_400(period):
    page = Client().get(f"{BASE}/{period.slug}/?estado=todas-las-cosas")
    assert page.status_code == 400
    assert "Seleccione una opción válida" in page.content.decode()


@pytest.mark.parametrize("number", ["0", "99999999999999999999"])
def test_a_proposal_number_out_of_range_is_not_found(period, number):
    assert Client().get(f"{BASE}/{period.slug}/propuestas/{number}/").status_code == 404


def test_a_bad_proposal_is_refused_with_its_reasons_and_nothing_stored(period):
    page = Client().post(
        f"{BASE}/{period.slug}/proponer/",
        {
            "title": "Corto",
            "description": "Muy corta",
            "locality": "La Aduana",
            "estimated_cost": "-5",
            "name": "Vecina",
        },
    )
    assert page.status_code == 400
    errors = page.context["form"].errors
    assert set(errors) >= {"title", "description", "estimated_cost"}
    assert Proposal.objects.filter(period=period).count() == 1


def test_a_robot_filling_the_trap_is_sent_away_with_nothing_stored(period):
    page = Client().post(
        f"{BASE}/{period.slug}/proponer/",
        {
            "title": "Propuesta de un robot con enlaces",
            "description": "Texto largo de un robot que llena todos los campos.",
            "locality": "Internet",
            "estimated_cost": "1000",
            "name": "Robot",
            "email": "robot@example.org",
            "sitio_web": "https://spam.example",
        },
    )
    assert page.status_code == 302
    assert Proposal.objects.filter(period=period).count() == 1


@pytest.mark.parametrize("step", ["codigo", "boleta"])
def test_a_vote_step_without_its_signed_token_refuses(period, step):
    page = Client().get(f"{BASE}/{period.slug}/votar/{step}/?t=falso")
    assert page.status_code == 403
    assert "Verifique su contacto" in page.content.decode()


def test_the_ballot_files_wait_for_the_results(period):
    assert Client().get(f"{BASE}/{period.slug}/boletas.csv").status_code == 404


def test_staff_of_another_municipality_get_no_desk_page(town, period):
    client = Client()
    client.force_login(town.stranger)
    assert client.get(f"{BASE}/mesa/{period.slug}/").status_code == 403
    assert client.get(f"{BASE}/mesa/{period.slug}/propuestas/1/").status_code == 403


def test_the_pages_read_in_english(period):
    page = Client().get(f"/en/presupuesto-participativo/{period.slug}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Propose a work" in text
    assert "Under review" in text


def test_a_validator_reads_the_proposers_contact_and_the_read_is_logged(town, period):
    from ruta.budgeting.models import CONTACT_VIEWED
    from ruta.common.audit.history import history_of

    proposal = period.proposals.get(number=1)
    client = Client()
    client.force_login(town.validator)
    page = client.get(f"{BASE}/mesa/{period.slug}/propuestas/1/")
    assert "vecina@example.org" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    reads = history_of(Proposal).objects.filter(
        pgh_obj_id=proposal.pk, pgh_label=CONTACT_VIEWED
    )
    assert [event.pgh_context.metadata["user"] for event in reads] == [
        town.validator.pk
    ]


def test_a_vote_leaves_the_sites_caches_alone_and_the_result_renews_them():
    from ruta.common.db.versioning import versioned_tables

    tables = set(versioned_tables())
    assert {"budgeting_period", "budgeting_proposal"} <= tables
    assert (
        not {
            "budgeting_votecode",
            "budgeting_voter",
            "budgeting_ballot",
            "budgeting_ballotchoice",
        }
        & tables
    )
