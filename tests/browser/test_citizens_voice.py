"""Citizens' voice on a phone: follow a commitment and get its next progress by
e-mail; ask for missing data and read the answer; the usage page and dataset
count this very run; a work's gallery shows its photos.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from ruta.accounts.actors import command_actor
from ruta.accounts.models import Role
from ruta.alerts.services import deliveries_send, events_detect
from ruta.opendata.services import publish_datasets
from ruta.opengov.models import ActionPlan, Commitment
from ruta.opengov.rules import STANDARD_QUESTIONNAIRE
from ruta.participation.models import VisitPhoto
from ruta.usage.counter import pending_discard
from ruta.works.models import DocumentKind, WorkDocument
from testkit.factories.catalog import AgencyFactory
from testkit.factories.participation import CommitteeFactory, OversightVisitFactory
from testkit.oversight import jpeg_with_location
from tests.browser.conftest import axe_violations, fits_narrow_phone, sign_in

ACTOR = command_actor("browser test")
COMMITMENT = "Portal Estatal de Transparencia Presupuestaria"
CITIZEN = "ciudadana.ficticia@example.org"


def _mail_to(address: str) -> list[str]:
    """Return the bodies of the messages sent to ``address``, in order.

    The suite's mail backend keeps them in ``mail.outbox`` (pytest-django),
    the live server's thread included.
    """
    return [message.body for message in mail.outbox if address in message.to]


def _link(text: str, fragment: str) -> str:
    found = re.search(r"https?://\S*" + re.escape(fragment) + r"\S*", text)
    assert found, f"no {fragment} link in {text!r}"
    return urlsplit(found[0]).path


def _checked(page) -> None:
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)


# ------------------------------------------------- follow a commitment


@pytest.fixture
def plan(transactional_db, make_user):
    strc = AgencyFactory(code="guanajuato-strc", name="Secretaría de la Transparencia")
    sfia = AgencyFactory(code="guanajuato-sfia", name="Secretaría de Finanzas")
    plan = ActionPlan.objects.create(
        key="pal-guanajuato", title="Plan de Acción Local", coordinator=strc
    )
    Commitment.objects.create(
        plan=plan,
        number=1,
        name=COMMITMENT,
        name_key="portal",
        agency=sfia,
        agency_printed="SFIA",
    )
    return {
        "agency": make_user(Role.CAPTURE, agency=sfia),
        "coordinator": make_user(Role.VALIDATOR, agency=strc),
    }


def _report_and_publish(page, plan, progress: str) -> None:
    sign_in(page, plan["coordinator"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Plan de Acción Local").click()
    page.get_by_label("Fecha a la que se informa").fill("2020-02-05")
    page.get_by_role("button", name="Abrir el periodo").click()
    expect(page.get_by_role("status")).to_contain_text("Periodo abierto")
    page.get_by_role("button", name="Salir").click()
    sign_in(page, plan["agency"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name=f"1. {COMMITMENT}").first.click()
    page.get_by_label("Avance del compromiso (%)").fill(progress)
    page.get_by_label("Avance del compromiso: lo que se hizo en el periodo").fill(
        "Primeros módulos del portal publicados."
    )
    page.get_by_label("Actividad 1: nombre").fill("Anteproyecto")
    page.get_by_label("Planificación del próximo avance").fill("Publicar el resto.")
    for number in range(1, len(STANDARD_QUESTIONNAIRE) + 1):
        page.locator(f"#id_answer_{number}").fill("No aplica en este periodo.")
    page.get_by_role("button", name="Guardar y enviar a revisión").click()
    expect(page.get_by_role("status")).to_contain_text("Informe enviado")
    page.get_by_role("button", name="Salir").click()
    sign_in(page, plan["coordinator"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name=f"1. {COMMITMENT}").click()
    page.get_by_role("button", name="Publicar el informe").click()
    expect(page.get_by_role("status")).to_contain_text("Informe publicado")
    page.get_by_role("button", name="Salir").click()


def test_a_citizen_follows_a_commitment_and_gets_its_next_progress_by_email(
    page, plan, settings
):
    settings.RUTA_WHATSAPP_NUMBER = "526621234567"  # WhatsApp offered beside mail
    page.goto("/es-mx/gobierno-abierto/pal-guanajuato/compromisos/1/")
    page.get_by_role(
        "link", name="Recibir avisos de este compromiso por correo o WhatsApp"
    ).click()
    page.wait_for_url("**/avisos/seguir/commitment/*/")
    chat = "https://wa.me/526621234567?text=SEGUIR%20COMPROMISO%20"
    expect(page.locator(f"a[href^='{chat}']")).to_be_visible()
    _checked(page)
    page.get_by_role("textbox", name="Correo electrónico").fill(CITIZEN)
    page.get_by_role("button", name="Pedir avisos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise su correo")
    (confirmation,) = _mail_to(CITIZEN)
    page.goto(_link(confirmation, "/avisos/confirmar/"))
    page.get_by_role("button", name="Sí, quiero recibir los avisos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avisos confirmados")
    events_detect(actor=ACTOR)  # the worker's first run: nothing old is news

    _report_and_publish(page, plan, "40")
    assert events_detect(actor=ACTOR) == 1
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 1
    _confirmation, alert = _mail_to(CITIZEN)
    assert COMMITMENT in alert
    assert "nuevo informe de avance publicado: 40.00 %" in alert
    page.goto(_link(alert, "/compromisos/1/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(COMMITMENT)

    commitment = Commitment.objects.get(name_key="portal")
    page.goto(f"/en/avisos/seguir/commitment/{commitment.pk}/")
    _checked(page)


# ------------------------------------------------------- data requests


def test_a_data_request_is_filed_and_answered_on_the_site(page, world, make_user):
    validator = make_user(Role.VALIDATOR, agency=world["vado"].executing_agency)
    agency_name = world["vado"].executing_agency.name
    page.goto("/es-mx/datos/")
    page.get_by_role("link", name="¿Faltan datos en esta página? Pídalos").click()
    page.wait_for_url(re.compile(r"/peticiones-de-datos/nueva/\?pagina="))
    _checked(page)
    page.get_by_label("¿Qué datos faltan?").fill(
        "Las fechas de pago de cada obra de 2024, por contrato."
    )
    page.get_by_label("Dependencia que los tendría (si la conoce)").select_option(
        label=agency_name
    )
    page.get_by_label("Correo para avisarle cuando se responda (opcional)").fill(
        CITIZEN
    )
    page.get_by_role("button", name="Enviar la petición").click()
    expect(page.get_by_role("status")).to_contain_text("Petición recibida")
    assert CITIZEN not in page.content()
    _checked(page)
    page.goto("/es-mx/peticiones-de-datos/")
    table = page.get_by_role("table", name="Peticiones que esperan respuesta")
    expect(table).to_contain_text(agency_name)
    _checked(page)

    sign_in(page, validator, then="/es-mx/cuentas/mesa/")
    page.get_by_role(
        "link", name=re.compile("Petición \\d+: Las fechas de pago")
    ).click()
    page.wait_for_url("**/peticiones-de-datos/*/responder/")
    _checked(page)
    page.get_by_label("Respondida: los datos están o se explica dónde").check()
    page.get_by_label("Respuesta pública").fill(
        "Se publican desde hoy en el conjunto de pagos de obras."
    )
    page.get_by_role("button", name="Publicar la respuesta").click()
    expect(page.get_by_role("status")).to_contain_text("Respuesta publicada")
    page.get_by_role("button", name="Salir").click()

    page.goto("/en/peticiones-de-datos/")
    expect(page.get_by_text("No request is awaiting an answer.")).to_be_visible()
    page.get_by_role("link", name=re.compile("Request \\d+")).first.click()
    expect(page.locator("main")).to_contain_text("Se publican desde hoy")
    assert CITIZEN not in page.content()
    _checked(page)
    (answer,) = _mail_to(CITIZEN)
    assert "Se publican desde hoy en el conjunto de pagos de obras." in answer


# ------------------------------------------------------------ usage counts


def test_the_usage_page_and_dataset_show_the_counts_of_this_run(page, world):
    pending_discard()  # what earlier tests of this process read is not this run
    for _ in range(3):
        page.goto("/es-mx/obras/")
    page.goto("/en/pregunta/?q=cuantos+ornitorrincos+hay")
    page.goto("/es-mx/uso/")
    pages = page.get_by_role("table", name="Páginas vistas en los últimos 30 días")
    works_row = re.compile(r"^\/obras\/ 3 0 3$")  # slashes escaped for Playwright
    expect(pages.get_by_role("row", name=works_row)).to_be_visible()
    questions = page.get_by_role("table", name="Preguntas en los últimos 30 días")
    expect(
        questions.get_by_role("row", name=re.compile("^Declinadas 1"))
    ).to_be_visible()
    _checked(page)
    page.goto("/en/uso/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Site usage")
    _checked(page)

    publish_datasets(actor=ACTOR)
    page.goto("/es-mx/datos/uso-del-sitio/")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (UTF-8)", exact=True).first.click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    today = timezone.localdate().isoformat()
    obras = [
        r
        for r in rows
        if (r["DIA"], r["TIPO"], r["NOMBRE"]) == (today, "page", "obras")
    ]
    assert [row["CUENTA"] for row in obras] == ["3"]


# -------------------------------------------------------------- the gallery


def test_a_works_gallery_shows_its_photos_on_a_phone(page, world):
    work = world["vado"]
    WorkDocument.objects.create(
        work=work,
        title="Colado de la losa",
        kind=DocumentKind.PHOTO,
        file=ContentFile(jpeg_with_location(), name="losa.jpg"),
        date=date(2024, 6, 1),
    )
    visit = OversightVisitFactory(
        committee=CommitteeFactory(work=work), visited_on=date(2024, 7, 3)
    )
    VisitPhoto.objects.create(
        visit=visit, image=ContentFile(jpeg_with_location(), name="visita.jpg")
    )
    page.goto(f"/es-mx/obras/{work.public_id}/")
    gallery = page.get_by_role("region", name="Galería de fotos")
    images = gallery.get_by_role("img")
    expect(images).to_have_count(2)
    expect(images.first).to_have_attribute("loading", "lazy")
    expect(
        gallery.get_by_role("img", name=re.compile("Colado de la losa"))
    ).to_be_visible()
    gallery.get_by_role("link").first.focus()
    expect(gallery.get_by_role("link").first).to_be_focused()
    _checked(page)
    page.goto(f"/en/obras/{work.public_id}/")
    expect(page.get_by_role("region", name="Photo gallery")).to_be_visible()
    _checked(page)
