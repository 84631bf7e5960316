"""§3.4 req. 4: an organisation owing a report or a refund from an earlier
call is not up to date, read from the platform's own grants records."""

from __future__ import annotations

from datetime import date

from ruta.accounts.models import Role
from ruta.grants import services
from ruta.grants.models import ApplicationStatus, Call, ReportStatus
from ruta.grants.rules.requirements import (
    OwedRefund,
    OwedReport,
    earlier_call_debts,
)
from ruta.grants.selectors.organizations import organization_debts
from testkit.grants import (
    apply,
    complete_documents,
    funded_agreement,
    make_call,
    user_with,
)

TODAY = date(2026, 3, 15)


def test_only_what_is_past_due_from_an_earlier_call_is_a_debt():
    reports = [
        OwedReport("pxp-2021", 2021, "final", "pending", date(2022, 1, 15)),
        OwedReport("pxp-2021", 2021, "quarterly", "accepted", date(2021, 7, 15)),
        OwedReport("pxp-2026", 2026, "final", "pending", date(2026, 1, 15)),
        OwedReport("pxp-2025", 2025, "final", "pending", date(2026, 6, 1)),
    ]
    refunds = [
        OwedRefund("pxp-2023", 2023, "owed", date(2024, 2, 1), "1500.00"),
        OwedRefund("pxp-2023", 2023, "confirmed", date(2024, 2, 1), "900.00"),
    ]
    debts = earlier_call_debts(reports, refunds, call_year=2026, today=TODAY)
    assert [(d.kind, d.call_year) for d in debts] == [
        ("report", 2021),
        ("refund", 2023),
    ]
    assert earlier_call_debts(reports[1:2], [], call_year=2026, today=TODAY) == []


def test_an_undelivered_2021_report_refuses_a_2026_application_naming_req_4(db):
    agreement, staff, applicant = funded_agreement()
    organization = agreement.application.organization
    assert organization_debts(organization, call_year=2026, today=TODAY)
    later = make_call(agency=agreement.application.call.agency, code="pxp-2026")
    Call.objects.filter(pk=later.pk).update(fiscal_year=2026)
    later.refresh_from_db()
    application = apply(later, organization, applicant, 2, day=3)
    complete_documents(application, applicant, staff)
    decider = user_with(Role.VALIDATOR, later.agency)
    services.application_eligibility_decide(
        application=application, actor=decider, today=TODAY
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_ELIGIBLE
    assert "§3.4 4 " in application.status_reason
    assert (
        "adeuda un informe de la convocatoria pxp-2021 (2021)"
        in application.status_reason
    )


def test_delivered_reports_leave_no_debt(db):
    agreement, _staff, _applicant = funded_agreement()
    agreement.reports.update(status=ReportStatus.ACCEPTED)
    organization = agreement.application.organization
    assert organization_debts(organization, call_year=2026, today=TODAY) == []


def test_the_directory_lists_organisations_and_their_calls_without_contacts(db):
    from django.test import Client

    agreement, _staff, _applicant = funded_agreement()
    organization = agreement.application.organization
    organization.cluni = "OCA0901015K7A1"
    organization.save(update_fields=["cluni"])
    page = Client().get("/es-mx/apoyos/directorio/")
    assert page.status_code == 200
    text = page.content.decode()
    assert organization.name in text
    assert organization.rfc in text
    assert "OCA0901015K7A1" in text
    assert agreement.application.title in text
    for private in (
        organization.contact_email,
        organization.legal_representative,
        agreement.application.coordinator_name,
        agreement.application.coordinator_curp,
    ):
        assert private not in text
    assert Client().get("/es-mx/apoyos/directorio/?pagina=x").status_code == 200
