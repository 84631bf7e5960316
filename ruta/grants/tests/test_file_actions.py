"""The actions of an application's file, each at its own address.

The organisation's forms and staff's steps that ask for more than a reason
post to their own view under the application's address; the steps that ask
at most a reason post to the one page of steps (``accounts:decide``).
Whoever may not open the file is refused every action; a refusal changes
nothing and is the next page's message; whoever submitted what staff decide
never decides it.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from ruta.accounts.models import Role, RoleAssignment
from ruta.grants import services
from ruta.grants.cycles import (
    APPLICATION,
    DISBURSEMENT,
    DOCUMENT,
    REFUND,
    REPORT,
    SANCTION,
)
from ruta.grants.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    DisbursementStatus,
    DocumentStatus,
    Observation,
    RefundStatus,
    ReportStatus,
    Sanction,
    SanctionStatus,
)
from ruta.grants.urls import FILE_ACTIONS
from testkit.cfdi import cfdi_xml
from testkit.grants import (
    ADMINISTERING_RFC,
    PDF,
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


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def at(application: Application, name: str, *pk: int) -> str:
    """Return the address of one action of ``application``'s file."""
    return reverse(
        f"grants:{name}", args=[application.call.code, application.folio, *pk]
    )


def said(response) -> str:
    return response.content.decode()


def cited_agreement() -> tuple[Agreement, object]:
    """Return an agreement cited on 14 May 2021 (due the 29th), and its staff."""
    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    reviewer = user_with(Role.REVIEWER, call.agency)
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1, day=2)
    complete_documents(application, applicant, staff)
    services.application_eligibility_decide(application=application, actor=staff)
    services.application_score(
        application=Application.objects.get(pk=application.pk),
        marks=marks_for(D("80")),
        actor=reviewer,
    )
    services.allocation_run(call=call, actor=staff)
    agreement = services.agreement_cite(
        application=Application.objects.get(pk=application.pk),
        cited_on=date(2021, 5, 14),
        actor=staff,
    )
    return agreement, staff


# ------------------------------------------------------------ one address each


def test_the_file_posts_each_action_to_its_own_address(funded):
    agreement, staff, applicant = funded
    url = agreement.application.get_absolute_url()
    for user in (staff, applicant):
        page = said(client_for(user).get(url))
        assert 'name="action"' not in page
        forms = re.findall(r"<form [^>]*>", page)
        assert forms
        assert all('action="/' in form for form in forms)
    assert client_for(staff).post(url, {"action": "sign"}).status_code == 405


def test_whoever_may_not_open_the_file_is_refused_every_action(funded):
    agreement, staff, _applicant = funded
    application = agreement.application
    stranger = client_for(user_with(Role.APPLICANT))
    other_staff = client_for(user_with(Role.VALIDATOR))  # of no agency
    for route, _view, name in FILE_ACTIONS:
        address = at(application, name, *([1] if "<int:pk>" in route else []))
        assert stranger.post(address).status_code == 403, name
        assert other_staff.post(address).status_code == 403, name
        assert Client().post(address).status_code == 302, name  # to sign in
        assert client_for(staff).get(address).status_code == 405, name
    document = application.documents.first()
    accept = DOCUMENT.url(document, DOCUMENT.step("accept"))
    assert other_staff.post(accept).status_code == 404
    missing = reverse("grants:agreement_sign", args=[application.call.code, 99])
    assert client_for(staff).post(missing).status_code == 404


def test_an_action_on_a_record_of_another_file_changes_nothing(funded, db):
    agreement, staff, _applicant = funded
    other, _other_staff, _other_applicant = funded_agreement(
        make_call(agency=agreement.application.call.agency, code="pxp-2021-b"), n=2
    )
    foreign = other.sanctions.create(
        kind="suspension",
        cause="report_late",
        section="5 A",
        started_on=date(2021, 9, 8),
        reason="Informe vencido.",
    )
    answer = client_for(staff).post(
        at(agreement.application, "sanction_lift", foreign.pk), follow=True
    )
    assert "No puede realizar esa acción sobre este registro." in said(answer)
    foreign.refresh_from_db()
    assert foreign.status == SanctionStatus.IN_FORCE


# ------------------------------------------------------ the application's steps


def test_whoever_submitted_an_application_does_not_decide_its_eligibility(db):
    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    administrator = user_with(Role.ADMINISTRATOR)
    organization = make_organization(1, user_with(Role.APPLICANT))
    application = apply(call, organization, administrator, 1, day=2)
    complete_documents(application, administrator, staff)
    refused = client_for(administrator).post(
        at(application, "eligibility"), follow=True
    )
    assert "nadie aprueba su propio trabajo" in said(refused)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    # Reading the file's personal data (the coordinator) is not writing it.
    client_for(staff).get(application.get_absolute_url())
    decided = client_for(staff).post(at(application, "eligibility"), follow=True)
    assert str(APPLICATION.step("eligible").done) in said(decided)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    assert application.eligible_at is not None
    again = client_for(staff).post(at(application, "eligibility"), follow=True)
    assert "ya se decidió" in said(again)


def test_documents_are_accepted_or_rejected_on_the_one_page_of_steps(db):
    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1, day=2)
    uploaded = client_for(applicant).post(
        at(application, "document_upload"),
        {"requirement": "7", "file": ContentFile(PDF, name="acta.pdf")},
    )
    assert uploaded.status_code == 302
    document = application.documents.get()
    page = said(client_for(staff).get(application.get_absolute_url()))
    reject = DOCUMENT.url(document, DOCUMENT.step("reject"))
    assert f'action="{reject}"' in page
    # A rejection needs its observation: shown on the step's page, nothing changed.
    refused = client_for(staff).post(reject, {"reason": "  "})
    assert refused.status_code == 200
    assert 'id="id_reason-error"' in said(refused)
    document.refresh_from_db()
    assert document.status == DocumentStatus.RECEIVED
    client_for(staff).post(reject, {"reason": "Ilegible."})
    document.refresh_from_db()
    assert (document.status, document.note) == (DocumentStatus.REJECTED, "Ilegible.")
    # The organisation may not review its own documents.
    answer = client_for(applicant).post(DOCUMENT.url(document, DOCUMENT.step("accept")))
    assert answer.status_code == 404


# ------------------------------------------------------ the agreement's steps


def test_the_signature_and_the_lapse_are_taken_at_their_addresses(db):
    agreement, staff = cited_agreement()
    application = agreement.application
    client = client_for(staff)
    for posted, refusal in (
        ("31/05/2021", "no es una fecha AAAA-MM-DD"),
        ("2021-06-01", "El plazo de firma venció"),
    ):
        answer = client.post(
            at(application, "agreement_sign"), {"date": posted}, follow=True
        )
        assert refusal in said(answer)
        agreement.refresh_from_db()
        assert agreement.status == AgreementStatus.CITED
    early = client.post(
        at(application, "agreement_lapse"), {"date": "2021-05-20"}, follow=True
    )
    assert "El plazo de firma aún corre" in said(early)
    assert not Sanction.objects.exists()
    client.post(at(application, "agreement_sign"), {"date": "2021-05-20"})
    agreement.refresh_from_db()
    application.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == (
        AgreementStatus.SIGNED,
        date(2021, 5, 20),
    )
    assert application.status == ApplicationStatus.FORMALIZED
    assert "Convenio firmado" in application.status_reason


def test_an_agreement_not_signed_in_time_lapses_with_its_sanction(db):
    agreement, staff = cited_agreement()
    application = agreement.application
    client_for(staff).post(at(application, "agreement_lapse"), {"date": "2021-05-30"})
    agreement.refresh_from_db()
    application.refresh_from_db()
    assert agreement.status == AgreementStatus.NOT_FORMALIZED
    assert application.status == ApplicationStatus.NOT_FORMALIZED
    assert application.status_reason == agreement.status_reason
    assert agreement.sanctions.get().kind == "no_transfer"


def test_a_cancellation_needs_a_cause_of_the_rules(funded):
    agreement, staff, _applicant = funded
    application = agreement.application
    client = client_for(staff)
    refused = client.post(
        at(application, "agreement_cancel"), {"cause": "whim"}, follow=True
    )
    assert "«whim» no es una causa de las reglas" in said(refused)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    done = client.post(
        at(application, "agreement_cancel"),
        {"cause": "misuse", "reason": "Desvío comprobado."},
        follow=True,
    )
    assert "Apoyo cancelado." in said(done)
    agreement.refresh_from_db()
    application.refresh_from_db()
    assert agreement.status == AgreementStatus.CANCELLED
    assert (application.status, application.status_reason) == (
        ApplicationStatus.CANCELLED,
        "Desvío comprobado.",
    )
    assert {d.status for d in agreement.disbursements.all()} == {
        DisbursementStatus.CANCELLED
    }
    assert agreement.sanctions.get().kind == "cancellation"


# ---------------------------------------------------- disbursements and reports


def test_a_disbursement_is_invoiced_approved_and_transferred(funded):
    agreement, staff, applicant = funded
    application = agreement.application
    disbursement = agreement.disbursements.get(number=1)
    xml = cfdi_xml(
        emitter=application.organization.rfc,
        receiver=ADMINISTERING_RFC,
        fecha="2021-06-02T10:00:00",
    )
    client_for(applicant).post(
        at(application, "disbursement_cfdi", disbursement.pk),
        {
            "xml": ContentFile(xml, name="factura.xml"),
            "pdf": ContentFile(PDF, name="factura.pdf"),
        },
    )
    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.INVOICED
    # Whoever scored the application does not approve its money.
    scorer = application.scores.first().reviewer
    RoleAssignment.objects.create(
        user=scorer, role=Role.VALIDATOR, agency=application.call.agency
    )
    approve = DISBURSEMENT.url(disbursement, DISBURSEMENT.step("approve"))
    assert f'action="{approve}"' in said(
        client_for(staff).get(application.get_absolute_url())
    )
    refused = client_for(scorer).post(approve, follow=True)
    assert "Quien calificó la solicitud no aprueba" in said(refused)
    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.INVOICED
    client_for(staff).post(approve)
    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.APPROVED
    assert disbursement.approved_by == staff
    assert disbursement.approved_at is not None
    transfer = at(application, "disbursement_transfer", disbursement.pk)
    assert DISBURSEMENT.url(disbursement, DISBURSEMENT.step("transfer")) == transfer
    client_for(staff).post(transfer, {"date": "el lunes"})
    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.APPROVED
    client_for(staff).post(transfer, {"date": "2021-06-04"})
    disbursement.refresh_from_db()
    assert (disbursement.status, disbursement.transferred_on) == (
        DisbursementStatus.TRANSFERRED,
        date(2021, 6, 4),
    )


def test_a_report_is_submitted_observed_answered_and_solved(funded):
    agreement, staff, applicant = funded
    application = agreement.application
    report = agreement.reports.order_by("period_end").first()
    organisation = client_for(applicant)
    too_much = organisation.post(
        at(application, "report_submit", report.pk),
        {"spent": "999999", "content": "Avance"},
        follow=True,
    )
    assert "Lo ejercido va de 0 al monto del convenio." in said(too_much)
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING
    organisation.post(
        at(application, "report_submit", report.pk),
        {
            "spent": "20000",
            "content": "Avance del trimestre.",
            "file": ContentFile(PDF, name="informe.pdf"),
        },
    )
    report.refresh_from_db()
    assert (report.status, report.spent) == (ReportStatus.SUBMITTED, D("20000.00"))
    assert report.file_name == "informe.pdf"
    assert report.file.read() == PDF
    # The organisation does not observe its own report.
    observe = at(application, "report_observe", report.pk)
    assert REPORT.url(report, REPORT.step("observe")) == observe
    denied = organisation.post(observe, {"text": "Nada"}, follow=True)
    assert "No puede realizar esa acción" in said(denied)
    client_for(staff).post(observe, {"text": "Falta la evidencia fotográfica."})
    report.refresh_from_db()
    assert report.status == ReportStatus.OBSERVED
    observation = report.observations.get()
    resolve = REPORT.url(report, REPORT.step("resolve"))
    assert resolve not in said(client_for(staff).get(application.get_absolute_url()))
    organisation.post(
        at(application, "observation_answer", observation.pk),
        {"answer": "Se adjuntan las fotografías."},
    )
    assert resolve in said(client_for(staff).get(application.get_absolute_url()))
    client_for(staff).post(resolve)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert Observation.objects.get().resolved


def test_a_suspension_is_lifted_at_its_address(funded):
    agreement, staff, _applicant = funded
    application = agreement.application
    suspension = services.suspension_apply(
        agreement=agreement,
        cause="report_late",
        reason="Informe vencido.",
        today=date(2021, 9, 8),
        actor=staff,
    )
    assert {d.status for d in agreement.disbursements.all()} == {
        DisbursementStatus.SUSPENDED
    }
    lift = SANCTION.url(suspension, SANCTION.step("lift"))
    assert f'action="{lift}"' in said(
        client_for(staff).get(application.get_absolute_url())
    )
    client_for(staff).post(lift, {"date": "2021-09-20"})
    suspension.refresh_from_db()
    application.refresh_from_db()
    assert (suspension.status, suspension.lifted_on) == (
        SanctionStatus.LIFTED,
        date(2021, 9, 20),
    )
    assert {d.status for d in agreement.disbursements.all()} == {
        DisbursementStatus.SCHEDULED
    }
    assert application.status == ApplicationStatus.FORMALIZED
    again = client_for(staff).post(lift, follow=True)
    assert "Levantada" in said(again)


# ------------------------------------------------------------------- refunds


def test_a_refund_is_recorded_with_its_proof_and_confirmed(funded):
    agreement, staff, applicant = funded
    application = agreement.application
    agreement.disbursements.filter(number=1).update(status="transferred")
    refund = services.unspent_refund_claim(
        agreement=agreement, spent=D("42000.00"), actor=staff
    )
    pay = at(application, "refund_pay", refund.pk)
    without = client_for(applicant).post(pay, follow=True)
    assert "Adjunte el comprobante del reintegro (PDF)." in said(without)
    refund.refresh_from_db()
    assert refund.status == RefundStatus.OWED
    client_for(applicant).post(pay, {"proof": ContentFile(PDF, name="pago.pdf")})
    refund.refresh_from_db()
    assert (refund.status, refund.proof_name) == (RefundStatus.PAID, "pago.pdf")
    assert refund.proof.read() == PDF
    confirmed = client_for(staff).post(
        REFUND.url(refund, REFUND.step("confirm")), follow=True
    )
    assert "Reintegro confirmado." in said(confirmed)
    refund.refresh_from_db()
    assert refund.status == RefundStatus.CONFIRMED
