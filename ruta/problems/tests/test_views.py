from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pghistory.models import MiddlewareEvents

from ruta.problems import services
from ruta.problems.models import CONTACT_VIEWED, Category, ProblemReport
from ruta.problems.tests.conftest import jpeg_with_gps
from ruta.problems.tokens import contact_token
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import WorkFactory


def _form(**overrides):
    return {
        "category": "mala-calidad",
        "description": "Se cayó parte de la barda recién construida.",
        "name": "Ana Ficticia",
        "email": "ana.ficticia@example.org",
        "phone": "662 123 4567",
        **overrides,
    }


def _new(work):
    return f"/es-mx/problematicas/reportar/{work.public_id}/"


def test_a_citizen_files_a_report_with_a_photo_and_is_thanked(client, work):
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(_new(work), _form(photo=photo))
    assert response.status_code == 302
    assert response["Location"].startswith("/es-mx/problematicas/gracias/?reporte=")
    report = ProblemReport.objects.get()
    assert report.photo
    assert client.get(f"/es-mx/problematicas/{report.pk}/foto.jpg").status_code == 200
    thanks = client.get(response["Location"]).content.decode()
    assert f"Su reporte es el número {report.pk}." in thanks
    assert f'href="/es-mx/problematicas/{report.pk}/"' in thanks
    assert f'href="/es-mx/avisos/seguir/work/{work.public_id}/"' in thanks
    assert "ana.ficticia" not in thanks


def test_the_thank_you_page_names_only_a_report_its_signed_link_names(client, work):
    report = ProblemReportFactory(work=work)
    for forged in (str(report.pk), f"{report.pk}:forged", ""):
        page = client.get("/es-mx/problematicas/gracias/", {"reporte": forged})
        assert page.status_code == 200
        assert "Su reporte es el número" not in page.content.decode()


def test_the_honeypot_filled_looks_like_success_and_stores_nothing(client, work):
    response = client.post(_new(work), _form(sitio_web="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/es-mx/problematicas/gracias/"
    assert not ProblemReport.objects.exists()


def test_a_report_on_a_missing_or_unpublished_work_is_not_found(client, agency):
    assert client.get("/es-mx/problematicas/reportar/NO-EXISTE-1/").status_code == 404
    draft = WorkFactory(executing_agency=agency)
    assert client.post(_new(draft), _form()).status_code == 404
    assert not ProblemReport.objects.exists()


def test_a_bad_photo_is_explained_at_its_field_and_nothing_stored(client, work):
    photo = SimpleUploadedFile("x.jpg", b"no soy una imagen", content_type="image/jpeg")
    response = client.post(_new(work), _form(photo=photo))
    assert response.status_code == 400
    assert "no es una imagen legible" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_flood_is_refused_with_a_clear_message(client, work, settings):
    settings.RUTA_PROBLEM_REPORTS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(_new(work), _form()).status_code == 302
    response = client.post(_new(work), _form())
    assert response.status_code == 400
    assert "demasiados reportes" in response.content.decode()
    assert ProblemReport.objects.count() == 2


def test_the_form_suggests_open_reports_of_the_same_work(client, work):
    existing = ProblemReportFactory(
        work=work, description="Bache enorme frente a la escuela"
    )
    page = client.get(_new(work)).content.decode()
    assert "Bache enorme frente a la escuela" in page
    assert existing.get_absolute_url() in page


def test_public_pages_show_the_report_and_timeline_but_never_the_contact(
    client, work, staff
):
    report = ProblemReportFactory(work=work)
    services.report_status_change(
        report=report,
        status="acknowledged",
        response="Revisaremos la barda esta semana.",
        actor=staff["capture"],
    )
    for url in (
        work.get_absolute_url(),
        report.get_absolute_url(),
        "/es-mx/problematicas/",
    ):
        page = client.get(url).content.decode()
        assert report.description in page, url
        assert report.reporter_email not in page, url
        assert report.reporter_name not in page, url
    work_page = client.get(work.get_absolute_url()).content.decode()
    assert "Revisaremos la barda esta semana." in work_page


def test_a_hidden_report_shows_the_moderation_reason_instead(client, work, staff):
    report = ProblemReportFactory(work=work, description="Texto con insultos")
    services.report_hide(
        report=report, reason="lenguaje ofensivo", actor=staff["capture"]
    )
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Oculto por moderación: lenguaje ofensivo" in page
    assert "Texto con insultos" not in page


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "municipality=x",
        "municipality=26999",
        "page=0",
        "page=99999999999",
    ],
)
def test_bad_list_filters_are_a_clear_error(client, work, query):
    response = client.get(f"/es-mx/problematicas/?{query}")
    assert response.status_code in (400, 404)


def test_the_list_filters_by_status_and_municipality(client, work, staff, cajeme):
    open_one = ProblemReportFactory(work=work, description="Abierto en Hermosillo")
    other = ProblemReportFactory(
        work=WorkFactory(municipality=cajeme, published=True),
        description="Abierto en Cajeme",
    )
    services.report_status_change(
        report=open_one,
        status="in_progress",
        response="En eso.",
        actor=staff["capture"],
    )
    page = client.get("/es-mx/problematicas/?status=in_progress").content.decode()
    assert open_one.description in page
    assert other.description not in page
    page = client.get("/es-mx/problematicas/?municipality=26018").content.decode()
    assert other.description in page
    assert open_one.description not in page
    page = client.get(f"/es-mx/problematicas/?obra={work.public_id}").content.decode()
    assert open_one.description in page
    assert other.description not in page


def test_the_queue_shows_staff_only_their_scope_and_contact_only_with_the_right(
    work, staff
):
    report = ProblemReportFactory(work=work)
    for who, sees_report, sees_contact in (
        ("capture", True, False),
        ("validator", True, True),
        ("other_validator", False, False),
    ):
        client = Client()
        client.force_login(staff[who])
        page = client.get("/es-mx/problematicas/moderacion/").content.decode()
        assert (report.description in page) is sees_report, who
        assert (report.reporter_email in page) is sees_contact, who
    reads = MiddlewareEvents.objects.tracks(report).filter(pgh_label=CONTACT_VIEWED)
    assert list(reads.values_list("user", flat=True)) == [staff["validator"].pk]


def test_anonymous_readers_are_sent_to_sign_in_for_the_queue(client):
    response = client.get("/es-mx/problematicas/moderacion/")
    assert response.status_code == 302
    assert "/cuentas/entrar/" in response["Location"]


def test_staff_answer_from_the_moderation_page(work, staff):
    report = ProblemReportFactory(work=work)
    client = Client()
    client.force_login(staff["capture"])
    url = f"/es-mx/problematicas/moderacion/{report.pk}/"
    response = client.post(
        url,
        {
            "action": "status",
            "status": "acknowledged",
            "response": "Recibido, gracias.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "acknowledged"
    refused = client.post(
        url, {"action": "status", "status": "open", "response": "Reabrir sin regla."}
    )
    assert refused.status_code == 400
    outsider = Client()
    outsider.force_login(staff["other_validator"])
    assert outsider.get(url).status_code == 403


def test_the_private_link_lets_the_reporter_correct_and_delete_their_contact(
    client, work
):
    report = ProblemReportFactory(work=work)
    url = f"/es-mx/problematicas/mis-datos/{contact_token(report.pk)}/"
    assert report.reporter_email in client.get(url).content.decode()
    client.post(url, {"action": "correct", "name": "Ana", "email": "nueva@example.org"})
    report.refresh_from_db()
    assert report.reporter_email == "nueva@example.org"
    client.post(url, {"action": "erase"})
    report.refresh_from_db()
    assert not report.has_contact
    assert client.get("/es-mx/problematicas/mis-datos/forjado/").status_code == 404
    other = ProblemReportFactory(work=work)
    forged = contact_token(report.pk).replace(contact_token(report.pk)[:3], "abc")
    assert client.get(f"/es-mx/problematicas/mis-datos/{forged}/").status_code == 404
    assert other.reporter_email not in client.get(url).content.decode()


def test_administrators_issue_and_revoke_keys_on_their_page(administrator, staff):
    client = Client()
    client.force_login(administrator)
    page = client.post(
        "/es-mx/problematicas/claves/", {"action": "issue", "name": "App"}
    )
    assert "cópiela ahora" in page.content.decode()
    validator = Client()
    validator.force_login(staff["validator"])
    assert validator.get("/es-mx/problematicas/claves/").status_code == 403


def test_photo_of_a_hidden_report_is_not_served(client, work, staff):
    original = jpeg_with_gps()
    report = services.report_file(
        work=work,
        category=Category.objects.get(code="otro"),
        description="Foto de la barda caída.",
        photo=BytesIO(original),
        photo_size=len(original),
        actor=services.PUBLIC_FORM,
    )
    services.report_hide(report=report, reason="foto ofensiva", actor=staff["capture"])
    assert client.get(f"/es-mx/problematicas/{report.pk}/foto.jpg").status_code == 404


def test_the_work_page_offers_its_agency_staff_the_queue(work, staff):
    client = Client()
    assert (
        "/problematicas/moderacion/"
        not in client.get(work.get_absolute_url()).content.decode()
    )
    client.force_login(staff["capture"])
    page = client.get(work.get_absolute_url()).content.decode()
    assert "/problematicas/moderacion/" in page


def _kept(administrator, **overrides):
    key = services.api_key_issue(name="App Cívica", actor=administrator)[0]
    fields = {
        "category": Category.objects.get(code="otro"),
        "description": "Hay escombro tirado en la banqueta.",
        "address": "Calle 5, Centro",
        "contact": services.Contact("Ana", "vecina@example.org", ""),
        "api_key": key,
        "actor": administrator,
        **overrides,
    }
    return services.pending_report_keep(**fields)


def test_staff_place_a_kept_report_on_a_work_of_their_scope_from_its_page(work, staff):
    pending = _kept(staff["administrator"])
    client = Client()
    client.force_login(staff["capture"])
    listed = client.get("/es-mx/problematicas/por-ubicar/").content.decode()
    assert "Calle 5, Centro" in listed
    url = f"/es-mx/problematicas/por-ubicar/{pending.pk}/"
    page = client.get(url).content.decode()
    assert "vecina@example.org" not in page  # capture staff read no contact
    assert "Descartar" not in page  # nor decline: the report names no agency
    unknown = client.post(url, {"action": "place", "work": "NO-EXISTE-1"})
    assert unknown.status_code == 400
    assert "No hay una obra publicada con folio" in unknown.content.decode()
    placed = client.post(url, {"action": "place", "work": work.public_id})
    report = ProblemReport.objects.get()
    assert placed["Location"] == f"/es-mx/problematicas/moderacion/{report.pk}/"
    assert report.work == work
    assert (
        "Calle 5, Centro"
        not in client.get("/es-mx/problematicas/por-ubicar/").content.decode()
    )


def test_a_kept_report_is_not_placed_on_another_agencys_work(work, staff):
    pending = _kept(staff["administrator"])
    client = Client()
    client.force_login(staff["other_validator"])
    url = f"/es-mx/problematicas/por-ubicar/{pending.pk}/"
    refused = client.post(url, {"action": "place", "work": work.public_id})
    assert refused.status_code == 400
    assert "no es de su ámbito" in refused.content.decode()
    assert not ProblemReport.objects.exists()


def test_an_administrator_reads_the_contact_logged_and_declines_with_a_reason(
    client, work, staff
):
    pending = _kept(staff["administrator"])
    admin = Client()
    admin.force_login(staff["administrator"])
    url = f"/es-mx/problematicas/por-ubicar/{pending.pk}/"
    assert "vecina@example.org" in admin.get(url).content.decode()
    reads = MiddlewareEvents.objects.tracks(pending).filter(pgh_label=CONTACT_VIEWED)
    assert list(reads.values_list("user", flat=True)) == [staff["administrator"].pk]
    short = admin.post(url, {"action": "decline", "reason": "no"})
    assert short.status_code == 400
    done = admin.post(
        url, {"action": "decline", "reason": "La dirección está fuera del estado."}
    )
    assert done.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.reporter_email) == ("declined", "")
    [answer] = client.get(f"/open311/v2/tokens/{pending.token}.json").json()
    assert answer["service_request_id"] is None
    assert answer["service_notice"] == (
        "Descartado: La dirección está fuera del estado."
    )
    again = admin.post(url, {"action": "place", "work": work.public_id})
    assert again.status_code == 400
    assert "ya se resolvió" in again.content.decode()
