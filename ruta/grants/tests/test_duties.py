"""An organisation's dashboard tells what it owes: documents, closing, reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.grants import services
from ruta.grants.cycles import DOCUMENT
from ruta.grants.models import Application, ApplicationStatus
from ruta.grants.selectors.duties import (
    completion_duties,
    missing_requirements,
)
from ruta.grants.selectors.pages import dashboard
from testkit.grants import (
    PDF,
    apply,
    complete_documents,
    funded_agreement,
    make_call,
    make_organization,
    user_with,
)


def _upload(application, applicant, code: str):
    return services.document_upload(
        application=application,
        requirement=code,
        file=ContentFile(PDF, name=f"req-{code}.pdf"),
        actor=applicant,
    )


@pytest.fixture
def applied(db):
    """An application with two of its documents presented, its call still open."""
    applicant = user_with(Role.APPLICANT)
    closes = timezone.localdate() + timedelta(days=30)
    call = make_call(closes_on=closes)
    organization = make_organization(1, applicant)
    application = apply(call, organization, applicant, 1)
    _upload(application, applicant, "2.1")
    _upload(application, applicant, "7")
    return application, applicant


def _fresh(application: Application) -> Application:
    return (
        Application.objects.select_related("call")
        .prefetch_related("documents")
        .get(pk=application.pk)
    )


def test_the_organisations_dashboard_lists_each_missing_document_and_the_closing(
    applied,
):
    application, applicant = applied
    client = Client()
    client.force_login(applicant)
    page = client.get(reverse("grants:dashboard")).content.decode()
    closes = date_format(application.call.closes_on, "DATE_FORMAT")
    assert "Nada pendiente" not in page
    assert "Documento faltante (§3.4): 8. Acta protocolizada" in page
    assert "7. Acta constitutiva" not in page  # presented
    assert page.count("Documento faltante (§3.4)") == 10
    assert "Cierre de la convocatoria (§4.2)" in page
    assert closes in page
    assert "Súbalo en la página de la solicitud" in page
    own = client.get(application.organization.get_absolute_url()).content.decode()
    assert "Nada pendiente" not in own
    assert own.count("Documento faltante (§3.4)") == 10


def test_a_rejected_document_is_owed_again_and_dnias_only_where_it_applies(applied):
    application, applicant = applied
    staff = user_with(Role.VALIDATOR, application.call.agency)
    rejected = _upload(application, applicant, "9")
    step_take(DOCUMENT, rejected, "reject", reason="Ilegible.", actor=staff)
    codes = {r.code for r in missing_requirements(_fresh(application))}
    assert "9" in codes
    assert "6.2" in codes
    Application.objects.filter(pk=application.pk).update(dnias_applies=False)
    codes = {r.code for r in missing_requirements(_fresh(application))}
    assert "6.2" not in codes
    assert not {"11.1", "11.2"} & codes  # asked once approved, as the account


def test_observed_documents_are_owed_by_the_result_and_overdue_after_it(applied):
    application, _applicant = applied
    call = application.call
    call.result_on = call.closes_on + timedelta(days=20)
    call.save()
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.OBSERVED
    )
    after = call.result_on + timedelta(days=1)
    items = completion_duties([_fresh(application)], after)
    assert {item.due_on for item in items} == {call.result_on}
    assert all(item.overdue for item in items)
    assert "call_closes" not in {item.what for item in items}  # it has closed


def test_a_complete_application_owes_no_document(db):
    applicant = user_with(Role.APPLICANT)
    call = make_call()
    application = apply(call, make_organization(2, applicant), applicant, 2)
    complete_documents(application, applicant, user_with(Role.VALIDATOR, call.agency))
    assert completion_duties([_fresh(application)], date(2021, 3, 15)) == []


def test_staff_do_not_get_the_organisations_missing_documents_as_their_duties(
    applied,
):
    application, _applicant = applied
    staff = user_with(Role.VALIDATOR, application.call.agency)
    assert [
        i
        for i in dashboard(staff, timezone.localdate())
        if i.what in ("document", "call_closes")
    ] == []


def test_reports_due_say_what_to_do_on_the_organisations_page(db):
    agreement, _staff, applicant = funded_agreement()
    client = Client()
    client.force_login(applicant)
    page = client.get(
        agreement.application.organization.get_absolute_url()
    ).content.decode()
    assert "Informe (§4.6, §5)" in page
    assert "Presente el informe técnico-financiero del periodo" in page
