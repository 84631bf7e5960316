"""Data requests: filed by anyone, public without contact, answered by the agency."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.accounts.personal import personal_data_models
from ruta.datarequests.models import DataRequest, RequestStatus
from ruta.datarequests.rules import page_valid
from ruta.datarequests.selectors import open_by_agency
from ruta.datarequests.services import (
    REQUESTER,
    data_request_answer,
    data_request_file,
)
from testkit.factories.catalog import AgencyFactory

WHAT = "Las fechas de pago de cada obra de 2024, por contrato."
EMAIL = "canario.peticion@example.org"


@pytest.fixture
def agency(db):
    return AgencyFactory(code="sidur", name="Secretaría de Infraestructura")


@pytest.fixture
def filed(agency):
    return data_request_file(
        what=WHAT, dataset="obras", agency=agency, email=EMAIL, actor=REQUESTER
    )


def test_a_page_must_be_one_of_the_sites_own():
    assert page_valid("/es-mx/obras/SON-1/")
    assert not page_valid("https://example.org/es-mx/")
    assert not page_valid("//example.org/")
    assert not page_valid("/es-mx/a b")


def test_the_contact_is_declared_personal_data():  # the one declaration
    declared = personal_data_models()["datarequests.DataRequest"]
    assert declared.is_personal("contact_email", EMAIL)


def test_bad_input_is_refused_and_nothing_is_written(agency):
    for bad in (
        {"what": "poco"},
        {"what": WHAT, "dataset": "no-existe"},
        {"what": WHAT, "page": "https://example.org/"},
    ):
        with pytest.raises(ValidationError):
            data_request_file(actor=REQUESTER, **bad)
    assert not DataRequest.objects.exists()


def test_open_requests_are_counted_per_agency(filed, agency):
    data_request_file(what=WHAT + " Otra.", actor=REQUESTER)
    counts = {row.agency: row.open for row in open_by_agency()}
    assert counts == {agency.name: 1, "": 1}


def test_the_public_pages_never_show_the_contact(client, filed):
    for path in (
        "/es-mx/peticiones-de-datos/",
        f"/es-mx/peticiones-de-datos/{filed.pk}/",
        f"/en/peticiones-de-datos/{filed.pk}/",
    ):
        page = client.get(path)
        assert page.status_code == 200
        assert WHAT[:40] in page.content.decode()
        assert EMAIL not in page.content.decode()


def test_filing_on_the_site_keeps_the_request_and_shows_it(client, agency):
    page = client.post(
        "/es-mx/peticiones-de-datos/nueva/?conjunto=obras",
        {"what": WHAT, "agency": agency.pk, "email": EMAIL},
    )
    request = DataRequest.objects.get()
    assert page.status_code == 302
    page = client.get(page["Location"])
    assert "Petición recibida" in page.content.decode()
    assert (request.dataset, request.contact_email) == ("obras", EMAIL)
    assert EMAIL not in page.content.decode()


def test_a_short_request_is_refused_with_the_reason(client, db):
    page = client.post("/es-mx/peticiones-de-datos/nueva/", {"what": "x"})
    assert page.status_code == 400
    assert not DataRequest.objects.exists()


def test_the_agencys_validator_answers_and_the_requester_is_told_once(
    filed, agency, make_user
):
    validator = make_user(Role.VALIDATOR, agency=agency)
    answered = data_request_answer(
        request=filed,
        outcome=RequestStatus.ANSWERED,
        answer="Se publican en el conjunto de pagos desde hoy.",
        answer_url="https://datos.example.gob.mx/pagos",
        actor=validator,
    )
    assert answered.status == RequestStatus.ANSWERED
    assert answered.contact_email == ""  # kept only for the message
    assert answered.answered_by == validator
    sent = mail.outbox
    assert [message.to for message in sent] == [[EMAIL]]
    assert "Se publican en el conjunto de pagos" in sent[0].body
    with pytest.raises(ValidationError, match="ya fue respondida"):
        data_request_answer(
            request=answered,
            outcome=RequestStatus.DECLINED,
            answer="Otra respuesta cualquiera.",
            actor=validator,
        )


def test_staff_of_another_agency_may_not_answer(filed, make_user):
    other = make_user(Role.VALIDATOR, agency=AgencyFactory(code="otra"))
    with pytest.raises(PermissionDenied):
        data_request_answer(
            request=filed,
            outcome=RequestStatus.DECLINED,
            answer="No nos corresponde esta petición.",
            actor=other,
        )
    filed.refresh_from_db()
    assert filed.status == RequestStatus.OPEN


def test_an_auditor_reads_the_contact_logged_and_may_not_answer(
    client, filed, agency, make_user
):
    auditor = make_user(Role.AUDITOR, agency=agency)
    client.force_login(auditor)
    answer = reverse("datarequests:answer", args=[filed.pk])
    detail = client.get(filed.get_absolute_url()).content.decode()
    assert answer in detail
    page = client.get(answer)
    assert page.status_code == 200
    assert EMAIL in page.content.decode()
    assert "Publicar la respuesta" not in page.content.decode()
    reads = MiddlewareEvents.objects.tracks(filed).filter(
        pgh_label=PERSONAL_DATA_VIEWED
    )
    assert list(reads.values_list("user", flat=True)) == [auditor.pk]
    refused = client.post(answer, {"outcome": "declined", "answer": "No corresponde."})
    assert refused.status_code == 403
    filed.refresh_from_db()
    assert filed.status == RequestStatus.OPEN
