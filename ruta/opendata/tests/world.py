"""A published work with every kind of record the open-data packages carry.

Funding from three sources, two progress reports, a company's and a
person's captured contract, a process read from OCDS with an organisation
and a person among its parties and payments to both, and a committee of
three members. Beside it, a work that is not published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from ruta.participation.models import MemberRole
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import (
    ContractingAward,
    ContractingContract,
    ContractingParty,
    ContractingPayment,
    ContractingProcess,
    ContractingRelease,
    FundingSource,
    Payment,
    ProcurementProcedure,
    Work,
    WorkDocument,
    WorkStatus,
)
from ruta.works.models import (
    DocumentKind as WorkDocumentKind,
)
from testkit.factories.catalog import (
    AgencyFactory,
    MunicipalityFactory,
    RegionFactory,
    StateFactory,
)
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory

PERSON_RFC = "GOMA800229HJ5"
PERSON_NAME = "Persona Física Licitante Reservada"
# A natural person's name as a contractor is public, as in the API: only the
# RFC is personal (``ruta.accounts.personal``).
CONTRACTOR_PERSON = "Juana Contratista Pérez"
PAYEE_PERSON = "Beneficiaria Persona Reservada"
MEMBER_NAME = "Integrante Reservado del Comité"
OCID = "ocds-07smqs-1234"


@dataclass(frozen=True)
class World:
    work: Work
    hidden: Work


def _work() -> Work:
    sonora = StateFactory(code="26", name="Sonora")
    region = RegionFactory(state=sonora, number=7, name="Capital")
    hermosillo = MunicipalityFactory(
        code="26030", name="Hermosillo", state=sonora, region=region
    )
    return WorkFactory(
        public_id="SON-2024-00042",
        title="Pavimentación de la calle Reforma",
        description="Pavimentación con concreto hidráulico de 1.2 km.",
        executing_agency=AgencyFactory(code="sidur", name="Secretaría de Obras"),
        municipality=hermosillo,
        locality="Hermosillo",
        latitude=Decimal("29.072967"),
        longitude=Decimal("-110.955919"),
        beneficiaries=2350,
        total_investment=Decimal("3500000.50"),
        status=WorkStatus.IN_EXECUTION,
        published_at=timezone.now(),
        funding=[
            (FundingSource.STATE, Decimal("1750000.25")),
            (FundingSource.MUNICIPALITY, Decimal("700000.00")),
            (FundingSource.FEDERAL, Decimal("1050000.25"), "FAIS"),
        ],
    )


# The folio fiscal of the CFDI invoice the first captured payment paid.
INVOICE_UUID = "6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5B"


def _captured_contracts(work: Work) -> None:
    company = ContractFactory(
        work=work,
        number="SIDUR-LP-2024-001",
        contractor_name="Constructora del Desierto, S.A. de C.V.",
        contractor_rfc="CDD150312AB1",
        procedure=ProcurementProcedure.LICITACION_PUBLICA,
        amount=Decimal("2900000.00"),
        signed_on=date(2024, 2, 20),
        start_date=date(2024, 3, 1),
        end_date=date(2024, 9, 30),
    )
    person = ContractFactory(
        work=work,
        number="SIDUR-AD-2024-002",
        contractor_name=CONTRACTOR_PERSON,
        contractor_rfc=PERSON_RFC,
        procedure=ProcurementProcedure.ADJUDICACION_DIRECTA,
        amount=Decimal("150000.00"),
        signed_on=date(2024, 4, 2),
    )
    Payment.objects.create(
        contract=company,
        paid_on=date(2024, 4, 15),
        amount=Decimal("1225000.18"),
        invoice_uuid=INVOICE_UUID.lower(),
    )
    Payment.objects.create(
        contract=person, paid_on=date(2024, 5, 2), amount=Decimal("50000.00")
    )


def _ocds_process(work: Work) -> None:
    document = SourceDocument.objects.create(
        sha256="a" * 64,
        kind=DocumentKind.OCDS,
        name="releases.json",
        fiscal_year=work.fiscal_year,
        agency=work.executing_agency,
    )
    process = ContractingProcess.objects.create(
        ocid=OCID,
        title="Supervisión externa de la pavimentación",
        buyer_name="Secretaría de Obras",
        procuring_entity="Secretaría de Obras",
        method="open",
        amount=Decimal("300000.00"),
        currency="MXN",
        work=work,
        agency=work.executing_agency,
        document=document,
    )
    ContractingRelease.objects.create(
        process=process,
        release_id=f"{OCID}-01",
        date="2024-03-10T00:00:00-06:00",
        document=document,
        place="releases[0]",
        data={"ocid": OCID},
    )
    ContractingParty.objects.create(
        process=process,
        party_id="MX-RFC-SUP010101AB1",
        name="Supervisores Asociados, S.C.",
        identifier="SUP010101AB1",
        roles=["supplier", "payee"],
    )
    ContractingParty.objects.create(
        process=process,
        party_id="persona-1",
        person_name=PERSON_NAME,
        person_rfc=PERSON_RFC,
        is_person=True,
        roles=["tenderer"],
    )
    ContractingAward.objects.create(
        process=process, award_id="A-1", amount=Decimal("280000.00"), currency="MXN"
    )
    contract = ContractingContract.objects.create(
        process=process,
        contract_id="C-1",
        award_id="A-1",
        title="Supervisión externa",
        supplier="Supervisores Asociados, S.C.",
        amount=Decimal("280000.00"),
        currency="MXN",
        start=date(2024, 3, 15),
        end=date(2024, 10, 15),
        signed=date(2024, 3, 12),
    )
    ContractingPayment.objects.create(
        contract=contract,
        transaction_id="T-1",
        day=date(2024, 5, 31),
        amount=Decimal("84000.00"),
        currency="MXN",
        payer="Secretaría de Obras",
        payee="Supervisores Asociados, S.C.",
    )
    ContractingPayment.objects.create(
        contract=contract,
        transaction_id="T-2",
        day=date(2024, 6, 30),
        amount=Decimal("1500.00"),
        currency="MXN",
        payer="Secretaría de Obras",
        payee_person=PAYEE_PERSON,
    )


def _documents(work: Work) -> None:
    WorkDocument.objects.create(
        work=work,
        title="Contrato de obra SIDUR-LP-2024-001",
        kind=WorkDocumentKind.CONTRACT,
        url="https://transparencia.example.org/contratos/SIDUR-LP-2024-001.pdf",
        date=date(2024, 2, 21),
    )
    WorkDocument.objects.create(
        work=work,
        title="Avance de la pavimentación",
        kind=WorkDocumentKind.PHOTO,
        file="works/documents/2024/avance.jpg",
        date=date(2024, 5, 2),
    )


def _committee(work: Work) -> None:
    committee = CommitteeFactory(work=work, formed_on=date(2024, 2, 15))
    CommitteeMemberFactory(
        committee=committee,
        role=MemberRole.PRESIDENT,
        full_name=MEMBER_NAME,
        email="reservado@example.org",
    )
    CommitteeMemberFactory(committee=committee, role=MemberRole.SECRETARY)
    CommitteeMemberFactory(committee=committee, role=MemberRole.MEMBER)


def full_world() -> World:
    """Return the published work with every kind of record, and a hidden one."""
    work = _work()
    ProgressFactory(
        work=work,
        date=date(2024, 5, 1),
        physical_percent=Decimal("35.50"),
        amount_paid=Decimal("1225000.18"),
    )
    ProgressFactory(
        work=work,
        date=date(2024, 7, 1),
        physical_percent=Decimal("70.00"),
        amount_paid=Decimal("2450000.35"),
    )
    _captured_contracts(work)
    _documents(work)
    _ocds_process(work)
    _committee(work)
    hidden = WorkFactory(public_id="SON-2024-09999", status=WorkStatus.PROPOSED)
    ContractFactory(work=hidden, number="OCULTO-001")
    return World(work=Work.objects.get(pk=work.pk), hidden=hidden)


def published_works(count: int) -> list[Work]:
    """Return ``count`` more published works, each with a row of every kind."""
    works = []
    for _n in range(count):
        work = WorkFactory(published=True)
        ProgressFactory(work=work)
        ContractFactory(work=work)
        CommitteeMemberFactory(committee__work=work)
        works.append(work)
    return works
