"""Grants pages: public calls and results without personal data; the staff runs
the allocation in the browser; an application's file shows personal data only
to whom may see it, and logs the read."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.grants import services
from ruta.grants.models import AllocationRun, Application
from testkit.grants import (
    apply,
    complete_documents,
    funded_agreement,
    make_call,
    make_organization,
    marks_for,
    user_with,
)

D = Decimal


@pytest.fixture
def funded(db):
    return funded_agreement()


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_public_results_show_scores_statuses_amounts_and_reasons(funded):
    agreement, _staff, _applicant = funded
    call = agreement.application.call
    page = client_for().get(reverse("grants:results", args=[call.code]))
    text = page.content.decode()
    assert page.status_code == 200
    assert agreement.application.organization.rfc in text
    assert "80.00" in text
    assert "Apoyada" in text or "Convenio firmado" in text
    assert "$100,000.00" in text
    for secret in ("Coordinación 1", "coord1@example.org", "Representante 1"):
        assert secret not in text


def test_results_downloads_and_api_carry_no_personal_data(funded):
    agreement, _staff, _applicant = funded
    code = agreement.application.call.code
    client = client_for()
    csv_text = client.get(reverse("grants:results_download", args=[code, "csv"]))
    data = client.get(reverse("grants:results_download", args=[code, "json"])).json()
    api = client.get(f"/api/v1/grants/calls/{code}/results").json()
    assert data["results"][0]["folio"] == 1
    assert api[0]["amount"] == "100000.00"
    assert (api[0]["status"], api[0]["status_label"]) == (
        "formalized",
        "Convenio firmado",
    )
    assert (api[0]["allocation"], api[0]["allocation_label"]) == (
        "supported",
        "Apoyada",
    )
    for body in (csv_text.content.decode(), json.dumps(data), json.dumps(api)):
        assert "coord1@example.org" not in body
        assert "Representante 1" not in body
    assert client.get("/api/v1/grants/calls").json()[0]["shortfall"] == "stop"


def test_the_results_are_published_in_the_works_formats(funded):
    """CSV with a BOM and Spanish headers, and a workbook with amounts as numbers."""
    from openpyxl import load_workbook

    agreement, _staff, _applicant = funded
    code = agreement.application.call.code
    client = client_for()
    csv_body = client.get(reverse("grants:results_download", args=[code, "csv"]))
    header = csv_body.content.decode("utf-8").splitlines()[0]
    assert header.startswith("\ufeffconvocatoria,folio,organizacion,rfc_organizacion")
    assert "monto_asignado" in header
    assert "motivo" in header
    xlsx = client.get(reverse("grants:results_download", args=[code, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    amount = rows[0].index("monto_asignado")
    assert rows[1][rows[0].index("folio")] == 1
    assert rows[1][amount] == 100000
    for row in rows:
        assert "coord1@example.org" not in repr(row)
    assert client.get(f"/es-mx/apoyos/{code}/fallo.xml").status_code == 404


def test_the_results_download_gives_each_code_its_spanish_label_beside_it(funded):
    agreement, _staff, _applicant = funded
    code = agreement.application.call.code
    client = client_for()
    with translation.override("en"):
        url = reverse("grants:results_download", args=[code, "csv"])
    body = client.get(url).content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body)))
    assert (
        row["resultado_de_la_asignacion"],
        row["resultado_de_la_asignacion_nombre"],
    ) == (
        "supported",
        "Apoyada",
    )
    assert (row["estatus"], row["estatus_nombre"]) == ("formalized", "Convenio firmado")
    header = list(row)
    assert header.index("estatus_nombre") == header.index("estatus") + 1
    data = client.get(reverse("grants:results_download", args=[code, "json"])).json()
    assert data["results"][0]["status_label"] == "Convenio firmado"


def test_staff_run_the_allocation_and_read_its_explanation_in_the_browser(db):
    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    reviewer = user_with(Role.REVIEWER, call.agency)
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1, day=2)
    complete_documents(application, applicant, staff)
    client = client_for(staff)
    url = application.get_absolute_url()
    at = [call.code, application.folio]
    decided = client.post(reverse("grants:eligibility", args=at), follow=True)
    assert "Solicitud elegible" in decided.content.decode()
    application.refresh_from_db()
    assert application.status == "eligible"
    client_for(reviewer).post(
        reverse("grants:score", args=at),
        {
            f"mark_{number}": str(points)
            for number, points in marks_for(D("70")).items()
        },
    )
    response = client.post(reverse("grants:manage", args=[call.code]), follow=True)
    assert AllocationRun.objects.filter(call=call).count() == 1
    text = response.content.decode()
    assert "Lugar 1 por calificación" in text
    assert "detenerse" in text
    page = client.get(url).content.decode()
    # The status, then why: the reason does not say the status again.
    assert "Apoyada: Lugar 1 por calificación" in page


def test_an_agreement_action_before_any_agreement_is_refused_with_a_message(db):
    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1, day=2)

    answer = client_for(staff).post(
        reverse("grants:agreement_sign", args=[call.code, application.folio]),
        {"date": "2021-06-01"},
        follow=True,
    )

    assert answer.status_code == 200
    refusal = "No puede realizar esa acción sobre este registro."
    assert refusal in answer.content.decode()


def test_the_file_shows_personal_data_to_staff_and_logs_it(funded):
    agreement, staff, applicant = funded
    url = agreement.application.get_absolute_url()
    text = client_for(staff).get(url).content.decode()
    assert "Coordinación 1" in text
    assert "Representante 1" not in text  # the organisation's own: its members
    reads = MiddlewareEvents.objects.filter(
        user=staff.pk, pgh_label=PERSONAL_DATA_VIEWED
    )
    assert set(reads.values_list("pgh_context__url", flat=True)) == {url}
    own = client_for(applicant).get(url).content.decode()
    assert "Representante 1" in own


def test_a_reviewer_who_may_not_open_the_files_does_not_read_their_names(funded):
    agreement, _staff, _applicant = funded
    application = agreement.application
    reviewer = user_with(Role.REVIEWER, application.call.agency)
    text = client_for(reviewer).get(application.get_absolute_url()).content.decode()
    assert "documento entregado" in text
    assert application.documents.exists()
    assert not any(d.name in text for d in application.documents.all())


def test_others_may_not_open_an_application(funded):
    agreement, _staff, _applicant = funded
    url = agreement.application.get_absolute_url()
    assert client_for(user_with(Role.APPLICANT)).get(url).status_code == 403
    assert client_for().get(url).status_code == 302  # to sign in


def test_an_applicant_applies_in_the_browser(db):
    from django.utils import timezone

    today = timezone.localdate()
    call = make_call(opens_on=today, closes_on=today)
    applicant = user_with(Role.APPLICANT)
    organization = make_organization(1, applicant)
    response = client_for(applicant).post(
        reverse("grants:apply", args=[call.code]),
        {
            "organization": organization.pk,
            "scheme": "subsidy",
            "theme": "Seguridad alimentaria y nutrición",
            "title": "Comedor",
            "summary": "Comidas",
            "coordinator_name": "Ana",
            "coordinator_curp": "BOXW310820HNERXN09",
            "coordinator_email": "ana@example.org",
            "concept_1": "Talleres",
            "category_1": "training",
            "support_1": "70000",
            "own_money_1": "70000",
            "concept_2": "Contador",
            "category_2": "accountant",
            "support_2": "30000",
            "own_money_2": "30000",
            "other_support": "none",
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.folio == 1
    assert application.budget_lines.count() == 2
    assert application.other_support_declared_at is not None
    assert not application.declared_supports.exists()


def test_the_register_publishes_only_aggregates(funded):
    agreement, _staff, applicant = funded
    from testkit.factories.catalog import MunicipalityFactory

    municipality = MunicipalityFactory()
    for n in range(6):
        services.beneficiary_add(
            agreement=agreement,
            full_name=f"Persona {n}",
            age=30 + n,
            sex="M",
            benefit="Despensa",
            municipality=municipality,
            locality="Centro",
            privacy_notice_version="2021-01",
            actor=applicant,
        )
    code = agreement.application.call.code
    text = client_for().get(reverse("grants:register", args=[code])).content.decode()
    assert "Persona 0" not in text
    assert "Despensa" in text
    api = client_for().get(f"/api/v1/grants/calls/{code}/beneficiaries").json()
    assert {"dimension": "sex", "value": "Mujer", "people": 6} in api
    assert {"dimension": "age", "value": "30–59", "people": 6} in api


def test_staff_create_and_publish_a_call_in_the_browser(db):
    from ruta.grants.models import Call
    from testkit.factories.catalog import AgencyFactory

    agency = AgencyFactory(name="DIF Sonora")
    staff = user_with(Role.VALIDATOR, agency)
    data = {
        "agency": agency.pk,
        "code": "pxp-2022",
        "title": "Peso por Peso 2022",
        "fiscal_year": 2022,
        "objective": "Objetivo",
        "bases": "Bases",
        "selection_criteria": "§3.4.1",
        "coverage": "Sonora",
        "opens_on": "2022-03-01",
        "closes_on": "2022-03-31",
        "ends_on": "2022-12-31",
        "administering_rfc": "FAD0901015K7",
        "max_per_project": "200000",
        "shortfall": "skip",
        "report_reading": "natural_days",
        "cofunding_base": "project",
        "publish": "on",
        "scheme_1": "subsidy",
        "theme_1": "Nutrición",
        "amount_1": "900000",
        **{f"points_{n}": "10" for n in "123456"},
    }
    response = client_for(staff).post(reverse("grants:call_new"), data)
    call = Call.objects.get(code="pxp-2022")
    assert response.status_code == 302
    assert call.is_published
    assert call.shortfall == "skip"
    assert call.rubric.count() == 6
    assert call.budgets.get().amount == D("900000")
    applicant = user_with(Role.APPLICANT)
    assert client_for(applicant).get(reverse("grants:call_new")).status_code == 403


def test_the_dashboard_shows_what_is_due_and_overdue(funded):
    agreement, staff, applicant = funded
    text = client_for(staff).get(reverse("grants:dashboard")).content.decode()
    report = agreement.reports.order_by("period_end").first()
    assert date_format(report.due_on, "DATE_FORMAT") in text  # as people write it
    assert report.due_on.isoformat() not in text
    assert "Vencido" in text  # the 2021 reports are long overdue today
    own = client_for(applicant).get(reverse("grants:dashboard")).content.decode()
    assert escape(agreement.application.reference) in own
    stranger = client_for(user_with(Role.APPLICANT))
    assert (
        escape(agreement.application.reference)
        not in stranger.get(reverse("grants:dashboard")).content.decode()
    )
