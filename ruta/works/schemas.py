"""API schemas of works (also the shape of their open-data exports).

Committee members are personal data and have no schema here: the API gives
a committee's formation date and member count only. A contractor's RFC is
published only for companies: a person's RFC (persona física) carries their
birth date and initials.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ninja import Field, Schema

from ruta.works.models import Contract, Funding, Payment, Work, WorkPublication
from ruta.works.selectors.delay import work_delay

if TYPE_CHECKING:
    from ruta.works.selectors import WorkDetail


class WorkFields(Schema):
    """The fields of a work in a list; ``WorkOut`` reads them from a ``Work``."""

    public_id: str
    fiscal_year: int
    program: str
    program_name: str
    subprogram: str
    subprogram_name: str
    municipality: str | None
    municipality_name: str | None
    state: str | None
    region: str | None
    locality: str
    title: str
    status: str
    status_label: str
    total_investment: Decimal
    beneficiaries: int
    latitude: Decimal | None
    longitude: Decimal | None
    start_date: date | None
    end_date: date | None
    is_demo: bool
    origin: str
    origin_label: str
    late: bool = Field(
        description="under way, with the share of its period gone more than "
        "20 points ahead of its physical progress ('atrasada')"
    )


class WorkOut(WorkFields):
    @staticmethod
    def resolve_late(work: Work) -> bool:
        progress = getattr(work, "latest_progress", None)
        return work_delay(work, progress).late

    @staticmethod
    def resolve_fiscal_year(work: Work) -> int:
        return work.fiscal_year_id

    @staticmethod
    def resolve_program(work: Work) -> str:
        return work.program.code

    @staticmethod
    def resolve_program_name(work: Work) -> str:
        return work.program.name

    @staticmethod
    def resolve_subprogram(work: Work) -> str:
        return work.subprogram.code

    @staticmethod
    def resolve_subprogram_name(work: Work) -> str:
        return work.subprogram.name

    @staticmethod
    def resolve_municipality(work: Work) -> str | None:
        return work.municipality_id

    @staticmethod
    def resolve_municipality_name(work: Work) -> str | None:
        return work.municipality.name if work.municipality else None

    @staticmethod
    def resolve_state(work: Work) -> str | None:
        if work.municipality:
            return work.municipality.state_id
        return work.state_id

    @staticmethod
    def resolve_region(work: Work) -> str | None:
        region = work.region
        return region.name if region else None

    @staticmethod
    def resolve_status_label(work: Work) -> str:
        return str(work.get_status_display())

    @staticmethod
    def resolve_origin_label(work: Work) -> str:
        return str(work.get_origin_display())


class FundingOut(Schema):
    source: str
    source_label: str
    fund: str
    amount: Decimal

    @staticmethod
    def resolve_source_label(row: Funding) -> str:
        return str(row.get_source_display())


class ProgressOut(Schema):
    date: date
    physical_percent: Decimal
    amount_paid: Decimal
    evidence: str
    evidence_url: str
    reason: str


class ContractOut(Schema):
    number: str
    contractor_name: str
    contractor_is_natural_person: bool
    contractor_rfc: str | None = Field(
        description="The contractor's RFC; null for a person (persona física), "
        "whose RFC is personal data."
    )
    procedure: str
    procedure_label: str
    amount: Decimal
    signed_on: date
    start_date: date | None
    end_date: date | None

    @staticmethod
    def resolve_contractor_rfc(contract: Contract) -> str | None:
        return contract.public_contractor_rfc

    @staticmethod
    def resolve_procedure_label(contract: Contract) -> str:
        return str(contract.get_procedure_display())


class PaymentOut(Schema):
    """A payment recorded under one of the work's contracts."""

    paid_on: date
    amount: Decimal
    contract_number: str
    invoice_uuid: str | None = Field(
        description="The folio fiscal (UUID) of the CFDI invoice paid, in upper "
        "case; null when not recorded."
    )
    source_document_sha256: str | None = Field(
        description="The published document the payment was read from, if any."
    )
    source_line: int | None

    @staticmethod
    def resolve_contract_number(payment: Payment) -> str:
        return payment.contract.number

    @staticmethod
    def resolve_invoice_uuid(payment: Payment) -> str | None:
        return payment.invoice_label or None

    @staticmethod
    def resolve_source_document_sha256(payment: Payment) -> str | None:
        document = payment.source_document
        return document.sha256 if document else None


class CommitteeOut(Schema):
    formed_on: date
    member_count: int


class PublicationOut(Schema):
    """What one published file said about the work, as of the date it speaks for."""

    as_of: date
    document_sha256: str
    document_name: str
    row_number: int
    title: str
    approved: Decimal | None
    modified: Decimal | None
    paid: Decimal | None
    total_investment: Decimal | None
    physical_progress: Decimal | None

    @staticmethod
    def resolve_document_sha256(publication: WorkPublication) -> str:
        return publication.document.sha256

    @staticmethod
    def resolve_document_name(publication: WorkPublication) -> str:
        return publication.document.name


class WorkDetailOut(WorkFields):
    """A published work with its funding, progress, contracts, payments, committee."""

    description: str
    executing_agency: str
    funding: list[FundingOut]
    funding_total: Decimal
    progress: list[ProgressOut]
    contracts: list[ContractOut]
    payments: list[PaymentOut] = Field(
        description="Payments recorded one by one under the work's contracts, "
        "oldest first. Empty when the work has none: its payments are then only "
        "the growth of the progress entries' cumulative amount_paid."
    )
    committee: CommitteeOut | None
    publications: list[PublicationOut] = Field(
        description="Every published file's figures for an imported work, the "
        "latest first; empty for a work captured on the platform."
    )

    @staticmethod
    def data_of(detail: WorkDetail) -> dict[str, Any]:
        """Return ``detail``'s values for this schema, with the totals it computed.

        Rows stay model instances: the nested schemas read (and mask) them
        when the response is validated.
        """
        work = detail.work
        committee = None
        if detail.committee_formed_on is not None:
            committee = {
                "formed_on": detail.committee_formed_on,
                "member_count": detail.committee_member_count,
            }
        return {
            **WorkOut.from_orm(work).model_dump(),
            "late": detail.delay.late,
            "description": work.description,
            "executing_agency": str(work.executing_agency),
            "funding": detail.funding,
            "funding_total": detail.funding_total,
            "progress": detail.progress,
            "publications": detail.publications,
            "contracts": detail.contracts,
            "payments": detail.payments,
            "committee": committee,
        }
