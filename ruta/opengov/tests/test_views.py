"""The plan and commitment pages, their downloads, and withheld official names."""

import json

import pytest
from django.urls import reverse

from ruta.demo.documents.demonstration import DEMONSTRATIONS, GTO_ACTION_PLAN
from ruta.ingest.loaders.actionplan import action_plan_import
from ruta.opengov.models import ActionPlan, Commitment
from testkit.actors import TEST_ACTOR

# Guanajuato's report (the project's demonstration document in its layout)
# and a name its staff answer of IPLANEG prints.
REPORT = next(d for d in DEMONSTRATIONS if d.seed == GTO_ACTION_PLAN)
OFFICIAL = "Arturo Medina Solís"


@pytest.fixture
def plan(catalog, tmp_path):
    path = tmp_path / REPORT.file_name
    path.write_text(REPORT.text(), encoding="utf-8")
    action_plan_import(path=path, actor=TEST_ACTOR)
    return ActionPlan.objects.get()


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_plan_list_links_the_plan(client, plan):
    assert plan.get_absolute_url() in page(client, "opengov:plans")


def test_plan_page_shows_progress_bars_and_semaforos(client, plan):
    html = page(client, "opengov:plan", plan.key)
    assert html.count("<progress") == 3
    assert 'value="40"' in html
    assert html.count('value="80"') == 2
    assert html.count("semaphore-yellow") == 2  # the SFIA commitment and the legend
    assert "Comunicación con la ciudadanía Conéctate GTO" in html


def test_commitment_page_shows_activities_and_next_step(client, plan):
    html = page(client, "opengov:commitment", plan.key, 2)
    assert "Data Warehouse y BI" in html
    assert "Carga de Información" in html
    assert "comparar las herramientas de chatbot" in html


def test_commitment_page_shows_answers_and_evidence_links(client, plan):
    html = page(client, "opengov:commitment", plan.key, 5)
    assert 'href="http://facebook.com/desarrolloinfantilguajuato"' in html
    assert "64 solicitudes atendidas" in html


def test_official_names_shown_as_published_by_default(client, plan, settings):
    settings.RUTA_WITHHOLD_OFFICIAL_NAMES = False
    assert OFFICIAL in page(client, "opengov:commitment", plan.key, 3)
    assert OFFICIAL in page(client, "opengov:download", plan.key, "respuestas", "json")


def test_official_names_withheld_by_setting(client, plan, settings):
    settings.RUTA_WITHHOLD_OFFICIAL_NAMES = True
    html = page(client, "opengov:commitment", plan.key, 3)
    assert OFFICIAL not in html
    assert "A los 46 municipios del estado" in html
    data = json.loads(page(client, "opengov:download", plan.key, "respuestas", "json"))
    assert OFFICIAL not in json.dumps(data, ensure_ascii=False)
    staff = [row for row in data if row["withheld"]]
    assert len(staff) == 4
    assert all(row["answer"] is None for row in staff)
    csv = client.get(reverse("opengov:download", args=[plan.key, "respuestas", "csv"]))
    assert OFFICIAL not in b"".join(csv.streaming_content).decode()


def test_commitments_download_has_every_period(client, plan):
    data = json.loads(page(client, "opengov:download", plan.key, "compromisos", "json"))
    assert [row["progress_pct"] for row in data] == [
        40.0,
        None,
        None,
        80.0,
        None,
        None,
        80.0,
    ]
    assert data[0]["status"] == "yellow"


def test_commitment_csv_download_has_spanish_header(client, plan):
    response = client.get(
        reverse("opengov:download", args=[plan.key, "compromisos", "csv"])
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("plan,fecha_informe,numero,compromiso")
    assert len(text.splitlines()) == 8


@pytest.mark.parametrize(
    "path",
    [
        "/es/gobierno-abierto/no-existe/",
        "/es/gobierno-abierto/{key}/compromisos/99/",
        "/es/gobierno-abierto/{key}/compromisos/99999999999999999999/",
        "/es/gobierno-abierto/{key}/datos/otra.csv",
        "/es/gobierno-abierto/{key}/datos/respuestas.xml",
    ],
)
def test_unknown_pages_are_404(client, plan, path):
    assert client.get(path.format(key=plan.key)).status_code == 404


def test_commitment_url_uses_its_number(plan):
    commitment = Commitment.objects.get(number=4)
    assert commitment.get_absolute_url().endswith("/compromisos/4/")


def test_plan_page_lists_the_reports_findings(client, plan):
    html = page(client, "opengov:plan", plan.key)
    assert "; su sección nombra a «Coordinación General de Información" in html
    assert html.count("no imprime el nombre de su compromiso; se lee como") == 2
    assert "Coordinación General de Información Estratégica (CGIE)" in html
