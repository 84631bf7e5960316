"""Public pages open on the latest year with money invested, not on a proposal's.

The world: the Sonora demo (its 2024 works, invested), the demo's 2024 budget
statements, and one 2026 work a capture clerk proposed and a validator
approved through the works' services, as staff do on the desk. Approval
publishes it, so 2026 is a year with published works and nothing invested.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import transaction

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role, User
from ruta.accounts.services import role_assign, user_create
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.demo.statements import statements_demo_load
from ruta.portal.forms import YearForm
from ruta.portal.selectors import budget_year_choice, works_year_choice
from ruta.works.cycles import WORK
from ruta.works.models import Subprogram, Work, WorksProgram, WorkStatus
from ruta.works.published import TSAM
from ruta.works.services import FundingLine, work_create
from testkit.actors import TEST_ACTOR
from testkit.world import constraints_settled

AGENCY = "sonora-cecop-dg-concertacion-apoyo-tecnico"
HERMOSILLO = "26030"


def _staff(email: str, role: Role, agency: Agency) -> User:
    user = user_create(email=email, password=None, actor=TEST_ACTOR)
    role_assign(user=user, role=role, agency_id=agency.pk, actor=TEST_ACTOR)
    return user


def _approved_proposal_2026() -> Work:
    """Return a 2026 work proposed by capture staff and approved by a validator."""
    agency = Agency.objects.get(code=AGENCY)
    capture = _staff("capturista-2026@example.org", Role.CAPTURE, agency)
    validator = _staff("validadora-2026@example.org", Role.VALIDATOR, agency)
    work = work_create(
        public_id="TSAM-2026-0001",
        fiscal_year=FiscalYear.objects.get(year=2026),
        program=WorksProgram.objects.get(code=TSAM),
        subprogram=Subprogram.objects.order_by("code").first(),
        executing_agency=agency,
        municipality=Municipality.objects.get(code=HERMOSILLO),
        title="Pavimentación de la calle Reforma (propuesta 2026)",
        total_investment=Decimal("2500000.00"),
        funding=[FundingLine("state", Decimal("2500000.00"))],
        actor=capture,
    )
    return step_take(WORK, work, "approve", actor=validator)


@pytest.fixture(scope="module")
def approved_2026(demo_world, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        statements_demo_load()
        work = _approved_proposal_2026()
        constraints_settled()
        yield work
        transaction.set_rollback(True)


@pytest.fixture
def sonora(approved_2026, db, settings):
    settings.RUTA_STATE = "26"
    return approved_2026


def _picker(html: str) -> tuple[list[str], list[str]]:
    """Return the year picker's options and the ones it shows chosen."""
    start = html.index('<select name="year"')
    select = html[start : html.index("</select>", start)]
    options = re.findall(r'<option value="(\d+)"', select)
    chosen = re.findall(r'<option value="(\d+)" selected', select)
    return options, chosen


def test_the_approved_2026_work_is_published_with_nothing_invested(sonora):
    assert sonora.status == WorkStatus.APPROVED
    assert sonora.published_at is not None
    choice = works_year_choice()
    assert choice.years[0] == 2026
    assert choice.default == 2024


def test_the_budget_opens_on_the_latest_year_with_a_statement(sonora):
    choice = budget_year_choice()
    assert 2026 in choice.years
    assert choice.default == 2024


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("/es-mx/", "El dinero de las obras de 2024"),
        ("/es-mx/mapa/", "Inversión en obras por municipio, 2024"),
        ("/es-mx/impulso-social/", "Los municipios más desatendidos de Sonora, 2024"),
        (f"/es-mx/municipios/{HERMOSILLO}/", "Obras de 2024"),
        ("region", "Obras de 2024"),
        ("/es-mx/presupuesto/", "Ejercicio 2024, cifras al"),
    ],
)
def test_each_page_opens_on_2024_and_offers_2026(client, sonora, address, shown):
    if address == "region":
        region = Municipality.objects.get(code=HERMOSILLO).region_id
        address = f"/es-mx/regiones/{region}/"
    html = client.get(address).content.decode()
    options, chosen = _picker(html)
    assert chosen == ["2024"]
    assert "2026" in options
    assert shown in html
    assert "No hay estados analíticos" not in html
    assert "$0.00 en 0 obras" not in html


def test_asking_for_2026_still_shows_it(client, sonora):
    html = client.get(f"/es-mx/municipios/{HERMOSILLO}/?year=2026").content.decode()
    assert _picker(html)[1] == ["2026"]
    assert "Obras de 2026" in html


def test_a_picker_asked_for_something_else_shows_the_year_it_opens_on():
    form = YearForm({"estado": "26"}, years=[2026, 2024], default=2024)
    assert form.chosen_year() == 2024
    assert _picker(str(form["year"])) == (["2026", "2024"], ["2024"])
