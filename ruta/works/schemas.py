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

from ruta.works.models import Contract, Funding, Work

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
    municipality: str
    municipality_name: str
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


class WorkOut(WorkFields):
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
    def resolve_municipality(work: Work) -> str:
        return work.municipality_id

    @staticmethod
    def resolve_municipality_name(work: Work) -> str:
        return work.municipality.name

    @staticmethod
    def resolve_region(work: Work) -> str | None:
        region = work.municipality.region
        return region.name if region else None

    @staticmethod
    def resolve_status_label(work: Work) -> str:
        return str(work.get_status_display())


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
    amount: Decimal
    signed_on: date
    start_date: date | None
    end_date: date | None

    @staticmethod
    def resolve_contractor_rfc(contract: Contract) -> str | None:
        return contract.public_contractor_rfc


class CommitteeOut(Schema):
    formed_on: date
    member_count: int


class WorkDetailOut(WorkFields):
    """A published work with its funding, progress, contracts and committee."""

    description: str
    executing_agency: str
    funding: list[FundingOut]
    funding_total: Decimal
    progress: list[ProgressOut]
    contracts: list[ContractOut]
    committee: CommitteeOut | None

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
            "description": work.description,
            "executing_agency": str(work.executing_agency),
            "funding": detail.funding,
            "funding_total": detail.funding_total,
            "progress": detail.progress,
            "contracts": detail.contracts,
            "committee": committee,
        }
