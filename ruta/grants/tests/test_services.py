"""The grants services refuse bad input with a clear message and change nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from ruta.accounts.models import Role
from ruta.grants import services
from ruta.grants.models import Application, Cfdi
from ruta.grants.rules.budget import BudgetLine, Category
from testkit.cfdi import BILLION_LAUGHS, cfdi_xml
from testkit.grants import (
    ADMINISTERING_RFC,
    PDF,
    apply,
    curp,
    funded_agreement,
    make_call,
    make_organization,
    user_with,
)

D = Decimal


@pytest.fixture
def applicant(db):
    return user_with(Role.APPLICANT)


def test_folios_follow_the_order_of_receipt(applicant):
    call = make_call()
    organizations = [make_organization(n, applicant) for n in (1, 2, 3)]
    folios = [
        apply(call, org, applicant, n).folio for n, org in enumerate(organizations, 1)
    ]
    assert folios == [1, 2, 3]


def test_section_3_4_req_13_a_coordinator_may_hold_only_one_project(applicant):
    call = make_call()
    apply(call, make_organization(1, applicant), applicant, 1)
    with pytest.raises(ValidationError, match="requisito 13"):
        services.application_submit(
            call=call,
            organization=make_organization(2, applicant),
            scheme="subsidy",
            theme="Seguridad alimentaria y nutrición",
            title="Otro",
            summary="x",
            coordinator_name="C",
            coordinator_curp=curp(1),
            coordinator_email="c@x.org",
            lines=[BudgetLine("T", Category.ACCOUNTANT, D("10"), D("10"))],
            received_at=Application.objects.get().received_at,
            actor=applicant,
        )
    assert Application.objects.count() == 1


def test_a_budget_over_the_calls_maximum_is_refused(applicant):
    call = make_call()
    with pytest.raises(ValidationError, match="máximo por proyecto"):
        apply(
            call, make_organization(1, applicant), applicant, 1, requested=D("250000")
        )
    assert not Application.objects.exists()


def test_an_applicant_acts_only_for_their_organisation(applicant):
    call = make_call()
    organization = make_organization(1, applicant)
    stranger = user_with(Role.APPLICANT)
    with pytest.raises(PermissionDenied):
        apply(call, organization, stranger, 1)


def test_a_company_rfc_is_required(applicant):
    with pytest.raises(ValidationError, match="persona moral"):
        services.organization_register(
            name="X",
            rfc="GODE561231GR8",
            legal_representative="R",
            contact_email="x@example.org",
            actor=applicant,
        )


def test_a_document_for_an_unknown_requirement_is_refused_naming_it(applicant):
    call = make_call()
    application = apply(call, make_organization(1, applicant), applicant, 1)
    with pytest.raises(ValidationError, match="«99»") as refused:
        services.document_upload(
            application=application,
            requirement="99",
            file=ContentFile(b"%PDF-1.4", name="acta.pdf"),
            actor=applicant,
        )
    assert refused.value.error_dict["requirement"][0].code == "unknown_requirement"


def test_documents_of_the_wrong_type_are_refused_naming_the_file(applicant):
    call = make_call()
    application = apply(call, make_organization(1, applicant), applicant, 1)
    with pytest.raises(ValidationError, match="acta.exe"):
        services.document_upload(
            application=application,
            requirement="7",
            file=ContentFile(b"MZ\x90\x00", name="acta.exe"),
            actor=applicant,
        )
    assert not application.documents.exists()


def test_cfdi_hostile_xml_is_refused_and_nothing_is_saved(db):
    agreement, _staff, applicant = funded_agreement()
    disbursement = agreement.disbursements.get(number=1)
    with pytest.raises(ValidationError, match="entidades"):
        services.cfdi_submit(
            disbursement=disbursement,
            xml=ContentFile(BILLION_LAUGHS, name="f.xml"),
            pdf=ContentFile(PDF, name="f.pdf"),
            actor=applicant,
        )
    assert not Cfdi.objects.exists()


def test_cfdi_needs_a_pdf_as_well(db):
    agreement, _staff, applicant = funded_agreement()
    disbursement = agreement.disbursements.get(number=1)
    xml = cfdi_xml(
        emitter=agreement.application.organization.rfc, receiver=ADMINISTERING_RFC
    )
    with pytest.raises(ValidationError, match="factura.txt"):
        services.cfdi_submit(
            disbursement=disbursement,
            xml=ContentFile(xml, name="f.xml"),
            pdf=ContentFile(b"plain text", name="factura.txt"),
            actor=applicant,
        )


def test_cfdi_wrong_emitter_and_amount_are_refused_naming_them(db):
    agreement, _staff, applicant = funded_agreement()
    disbursement = agreement.disbursements.get(number=1)
    xml = cfdi_xml(
        emitter="ASO1503127H4",
        receiver=ADMINISTERING_RFC,
        total="49000.00",
        fecha="2021-06-02T10:00:00",
    )
    with pytest.raises(ValidationError) as refused:
        services.cfdi_submit(
            disbursement=disbursement,
            xml=ContentFile(xml, name="f.xml"),
            pdf=ContentFile(PDF, name="f.pdf"),
            actor=applicant,
        )
    text = " ".join(refused.value.messages)
    assert "no es la organización apoyada" in text
    assert "no es el de la ministración" in text


def test_the_uuid_is_unique_across_disbursements_in_the_database(db):
    agreement, _staff, applicant = funded_agreement()
    first, second = agreement.disbursements.order_by("number")
    uuid = "6F1D2C3B-4A59-4E8F-9A1B-2C3D4E5F6A7B"
    row = {
        "kind": "I",
        "emitter_rfc": "X",
        "receiver_rfc": "Y",
        "total": D("1"),
        "issued_at": "2021-06-02T10:00:00-06:00",
    }
    Cfdi.objects.create(disbursement=first, uuid=uuid, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cfdi.objects.create(disbursement=second, uuid=uuid.lower(), **row)


def test_section_3_7_2_5_a_minor_needs_a_guardians_written_consent(db):
    agreement, _staff, applicant = funded_agreement()
    municipality = agreement.application.call.agency.municipality
    from testkit.factories.catalog import MunicipalityFactory

    municipality = municipality or MunicipalityFactory()
    entry = {
        "agreement": agreement,
        "full_name": "Niña",
        "age": 9,
        "sex": "M",
        "benefit": "Comida",
        "municipality": municipality,
        "locality": "Centro",
        "privacy_notice_version": "2021-01",
        "actor": applicant,
    }
    with pytest.raises(ValidationError, match="tutor"):
        services.beneficiary_add(**entry)
    added = services.beneficiary_add(
        **entry, guardian_name="Madre", guardian_consent_on=date(2021, 6, 1)
    )
    assert added.privacy_notice_version == "2021-01"


def test_section_3_7_2_8_the_agreement_is_due_15_natural_days_after_citation(db):
    agreement, staff, _applicant = funded_agreement()
    assert agreement.due_on == date(2021, 5, 29)


def test_section_5_a_one_report_extension_asked_before_the_deadline(db):
    agreement, _staff, applicant = funded_agreement()
    report = agreement.reports.order_by("period_end").first()
    services.report_extension_request(
        report=report, requested_on=report.due_on, days=5, actor=applicant
    )
    with pytest.raises(ValidationError, match="otra"):
        services.report_extension_request(
            report=report, requested_on=report.due_on, days=1, actor=applicant
        )
