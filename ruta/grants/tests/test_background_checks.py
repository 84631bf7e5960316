"""The background checks of the rules, from the platform's own records: §3.4
req. 4 (a report or a refund owed from an earlier call), §3.6.2 a and §3.6.3 a
(no other current public support for the same project), and the public
directory of organisations (§3.4 req. 12)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

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
    SCHEME,
    THEME,
    TZ,
    apply,
    budget_lines,
    company_rfc,
    complete_documents,
    curp,
    funded_agreement,
    make_call,
    make_organization,
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


def test_the_directory_dataset_is_the_page_without_contacts(db):
    from ruta.opendata.datasets import dataset_get

    agreement, _staff, applicant = funded_agreement()
    organization = agreement.application.organization
    make_organization(7, applicant)  # approved, applied nowhere yet
    dataset = dataset_get("apoyos-organizaciones")
    rows = {row["RFC"]: row for row in dataset.rows()}
    assert set(rows) == {organization.rfc, company_rfc(7)}
    assert rows[organization.rfc] == {
        "RFC": organization.rfc,
        "ORGANIZACION": organization.name,
        "CLUNI": "",
        "FOLIO_REGISTRO_ESTATAL": "",
        "MUNICIPIOS": "",
        "CONVOCATORIAS": "pxp-2021",
        "SOLICITUDES": 1,
        "APOYADAS": 1,
        "DEMOSTRACION": False,
    }
    assert rows[company_rfc(7)]["SOLICITUDES"] == 0
    assert set(rows[organization.rfc]) == {field.name for field in dataset.fields}


def test_a_subsidy_for_a_project_already_supported_is_not_eligible(db):
    from ruta.grants.rules.requirements import (
        CurrentSupport,
        other_support_conflicts,
        project_key,
    )

    assert project_key("Comedor  comunitario.") == project_key("COMEDOR COMUNITARIO")
    held = [CurrentSupport("pxp-2021", 1, "Comedor comunitario")]
    assert other_support_conflicts("subsidy", "Comedor Comunitario", held) == held
    assert other_support_conflicts("coinvestment", "Comedor comunitario", held) == []
    assert other_support_conflicts("subsidy", "Albergue", held) == []

    agreement, staff, applicant = funded_agreement()
    organization = agreement.application.organization
    later = make_call(agency=agreement.application.call.agency, code="pxp-2022")
    application = services.application_submit(
        call=later,
        organization=organization,
        scheme=SCHEME,
        theme=THEME,
        title="proyecto  1.",  # the supported project, written otherwise
        summary="Comedor comunitario.",
        coordinator_name="Coordinación 2",
        coordinator_curp=curp(2),
        coordinator_email="coord2@example.org",
        lines=budget_lines(Decimal("100000")),
        compliance_opinion_on=date(2021, 2, 20),
        received_at=datetime(2021, 3, 3, 10, 0, tzinfo=TZ),
        actor=applicant,
    )
    complete_documents(application, applicant, staff)
    services.application_eligibility_decide(
        application=application,
        actor=user_with(Role.VALIDATOR, later.agency),
        today=date(2021, 6, 1),
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_ELIGIBLE
    assert "§3.6.2 a" in application.status_reason
    assert "convocatoria pxp-2021, folio" in application.status_reason


def test_the_results_carry_the_commissions_act_naming_no_member(db):
    from django.test import Client

    from ruta.grants.models import Score

    agreement, _staff, _applicant = funded_agreement()
    call = agreement.application.call
    reviewer = Score.objects.filter(application=agreement.application).first().reviewer
    text = Client().get(f"/es-mx/apoyos/{call.code}/fallo/").content.decode()
    assert "Acta de dictaminación (§4.3)" in text
    assert "1 integrante calificó" in text
    assert "80.00" in text  # the member's total and the final score
    assert reviewer.email not in text
    assert not reviewer.full_name or reviewer.full_name not in text


def test_the_declaration_of_other_support_warns_against_what_the_platform_knows():
    from ruta.grants.rules.requirements import (
        CurrentSupport,
        SupportDeclared,
        declared_support_warnings,
    )

    known = [
        CurrentSupport("pxp-2021", 1, "Comedor", "100000.00"),
        CurrentSupport("pxp-2022", 4, "Albergue", "80000.00"),
    ]
    same = SupportDeclared("DIF Sonora, Peso por Peso", Decimal("100000"))

    def codes(scheme, declared):
        return [w.code for w in declared_support_warnings(scheme, declared, known)]

    assert codes("coinvestment", None) == ["not_declared"]
    assert codes("coinvestment", []) == ["known_not_declared"] * 2
    assert codes("coinvestment", [same]) == ["declared_known", "known_not_declared"]
    assert codes("subsidy", [same])[0] == "declared_single"
    assert declared_support_warnings("coinvestment", [], []) == []


def test_a_subsidy_whose_applicant_declares_other_support_is_not_eligible(db):
    from ruta.grants.rules.requirements import SupportDeclared

    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    applicant = user_with(Role.APPLICANT)
    organization = make_organization(1, applicant)
    declared = SupportDeclared("Secretaría de Bienestar, comedores", Decimal("50000"))
    application = apply(call, organization, applicant, 1, other_support=[declared])
    assert application.other_support_declared_at is not None
    assert application.declared_supports.get().source == declared.source
    complete_documents(application, applicant, staff)
    services.application_eligibility_decide(
        application=application,
        actor=user_with(Role.VALIDATOR, call.agency),
        today=date(2021, 4, 1),
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_ELIGIBLE
    assert "§3.6.2 a" in application.status_reason
    assert (
        "Secretaría de Bienestar, comedores por $50,000.00, declarado por la "
        "organización" in application.status_reason
    )


def test_a_declaration_said_wrongly_is_refused_and_nothing_is_kept(db):
    from ruta.grants.forms import ApplicationForm
    from ruta.grants.rules.requirements import SupportDeclared

    call = make_call()
    applicant = user_with(Role.APPLICANT)
    organization = make_organization(1, applicant)
    with pytest.raises(ValidationError) as refused:
        apply(
            call,
            organization,
            applicant,
            1,
            other_support=[SupportDeclared("Programa", Decimal("0"))],
        )
    assert refused.value.error_dict["other_support"][0].code == (
        "declared_amount_not_positive"
    )
    assert not call.applications.exists()
    form = ApplicationForm(
        {"other_support": "some", "other_amount_1": "5000"},
        organizations=[organization],
    )
    assert not form.is_valid()
    assert "Diga quién otorga el apoyo y su monto." in form.errors["other_source_1"]


def test_the_commission_reads_the_declaration_beside_the_platforms_agreements(db):
    from django.test import Client

    from ruta.grants.rules.requirements import SupportDeclared

    agreement, _staff, applicant = funded_agreement()
    organization = agreement.application.organization
    later = make_call(agency=agreement.application.call.agency, code="pxp-2022")
    declared = SupportDeclared("DIF Sonora, Peso por Peso 2021", agreement.amount)
    application = apply(later, organization, applicant, 2, other_support=[declared])
    reviewer = user_with(Role.REVIEWER, later.agency)
    viewer = Client()
    viewer.force_login(reviewer)
    text = viewer.get(application.get_absolute_url()).content.decode()
    assert "DIF Sonora, Peso por Peso 2021" in text
    assert "coincide con el convenio vigente de la convocatoria pxp-2021" in text
    assert "no es elegible" in text  # a subsidy admits no other support


def test_a_granted_aid_known_to_the_platform_has_its_own_warnings():
    from ruta.grants.rules.requirements import (
        CurrentSupport,
        KnownAid,
        SupportDeclared,
        declared_support_warnings,
        known_aids_since,
    )

    aid = KnownAid("AYU-2025-0007", "Donativos", "250000.00", date(2025, 5, 2))
    agreement = CurrentSupport("pxp-2021", 1, "Comedor", "100000.00")
    same = SupportDeclared("CECOP, donativo", Decimal("250000"))

    def codes(declared):
        found = declared_support_warnings("coinvestment", declared, [agreement, aid])
        return [w.code for w in found]

    assert codes([]) == ["known_not_declared", "aid_not_declared"]
    assert codes([same]) == ["declared_aid", "known_not_declared"]
    assert known_aids_since(date(2026, 3, 15)) == date(2025, 3, 15)
    assert known_aids_since(date(2024, 2, 29)) == date(2023, 2, 28)


def test_the_commission_reads_the_aids_granted_to_the_organisations_rfc(db):
    from django.test import Client
    from django.utils import timezone

    from ruta.works.models import AidConcept, AidStatus
    from testkit.factories.works import AidFactory

    call = make_call()
    applicant = user_with(Role.APPLICANT)
    organization = make_organization(1, applicant)
    application = apply(call, organization, applicant, 1, other_support=[])
    today = timezone.localdate()

    def aid(folio, rfc=organization.rfc, days=30, status=AidStatus.GRANTED):
        return AidFactory(
            public_id=folio,
            concept=AidConcept.NONPROFITS,
            amount=Decimal("250000.00"),
            recipient_rfc=rfc,
            status=status,
            granted_on=today - timedelta(days=days),
        )

    aid("AYU-2025-0001")
    aid("AYU-2024-0002", days=400)  # more than a year ago
    aid("AYU-2025-0003", status=AidStatus.DENIED)
    aid("AYU-2025-0004", rfc=company_rfc(2))  # another organisation
    reviewer = Client()
    reviewer.force_login(user_with(Role.REVIEWER, call.agency))
    text = reviewer.get(application.get_absolute_url()).content.decode()
    assert (
        "La plataforma registra una ayuda social otorgada a la organización que la "
        "declaración no menciona: folio AYU-2025-0001 (Ayudas sociales a "
        "instituciones sin fines de lucro, $250,000.00," in text
    )
    for folio in ("AYU-2024-0002", "AYU-2025-0003", "AYU-2025-0004"):
        assert folio not in text
