"""What a person sees first on the Sonora demo is the annual report's own figures.

The report counts as invested the works whose funds were released: 612
works of Transforma Sonora Apoyo a Municipios and 44 of Gestión Emergente
(its two tables' total rows). The demo's other 2024 works, approved but never
released or cancelled, are shown beside that, never added to it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ruta.common.text.money import format_mxn
from ruta.portal.selectors import works_year_choice, year_money
from ruta.works.models import Work, WorkStatus
from ruta.works.published import SUBPROGRAM, published_works_rows
from ruta.works.selectors.route import status_timeline

pytestmark = pytest.mark.usefixtures("demo_world")


@pytest.fixture
def sonora_instance(db, settings):
    settings.RUTA_STATE = "26"


def _report_invested() -> tuple[int, Decimal]:
    """Return the works and amount of the report's subprogram tables' totals."""
    totals = [
        row
        for row in published_works_rows()
        if row.dimension == SUBPROGRAM and row.is_total
    ]
    # Gestión Emergente's table prints only the state's money: it is its total.
    return (
        sum(row.works for row in totals),
        sum((row.total or row.state for row in totals), Decimal(0)),
    )


def test_the_home_opens_on_2024_with_the_reports_invested_works(
    client, sonora_instance
):
    works, invested = _report_invested()
    assert (works, invested) == (656, Decimal("332174772.24"))
    assert works_year_choice().default == 2024
    html = client.get("/es-mx/").content.decode()
    assert "El dinero de las obras de 2024" in html
    stats = html[html.index('<dl class="stats">') : html.index("</dl>")]
    assert f"Invertido</a> (recursos liberados)</dt><dd>{format_mxn(invested)}" in stats
    assert f"en {works} obras" in stats


def test_approved_and_cancelled_works_stand_beside_the_investment(sonora_instance):
    totals = year_money(2024).totals
    phases = {row.group: (row.works, row.amount) for row in totals.phases}
    approved = Work.objects.published().of_year(2024).filter(status=WorkStatus.APPROVED)
    cancelled = (
        Work.objects.published().of_year(2024).filter(status=WorkStatus.CANCELLED)
    )
    assert phases["pending_release"][0] == approved.count() > 0
    assert phases["cancelled"][0] == cancelled.count() > 0
    assert totals.works == sum(works for works, _amount in phases.values())
    assert totals.invested == _report_invested()[1]


@pytest.mark.parametrize(
    "address",
    [
        "/es-mx/",
        "/es-mx/mapa/",
        "/es-mx/municipios/26003/",
        "/es-mx/impulso-social/",
        "/es-mx/presupuesto/",
        "/es-mx/obras/?year=2024",
        "/es-mx/pregunta/?q=¿Cuánto se invirtió en Álamos en 2024?",
    ],
)
def test_every_summary_of_demo_works_says_so(client, sonora_instance, address):
    html = client.get(address).content.decode()
    assert "Datos de demostración" in html


def test_a_demo_contractors_page_says_its_works_are_demonstration(
    client, sonora_instance
):
    rfc = (
        Work.objects.published()
        .demo()
        .filter(contracts__isnull=False)
        .values_list("contracts__contractor_rfc", flat=True)
        .first()
    )
    html = client.get(f"/es-mx/obras/contratistas/{rfc}/").content.decode()
    assert "Datos de demostración" in html


def test_demo_histories_are_dated_within_each_works_life(sonora_instance):
    for status in (WorkStatus.HANDED_OVER, WorkStatus.CANCELLED):
        work = Work.objects.published().filter(status=status).first()
        steps = status_timeline(work)
        assert steps[-1].status == status
        assert all(step.from_file for step in steps)
        assert all(step.when.year == 2024 for step in steps)
        if status == WorkStatus.HANDED_OVER:
            assert steps[-1].when >= work.end_date
