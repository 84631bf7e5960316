"""A small public world with a record of every dataset, and its publication."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Model
from django.utils import timezone

from ruta.accounts.actors import command_actor
from ruta.demo.statements import statements_demo_load
from ruta.opendata.services import publish_datasets
from ruta.opendata.tests.world import World, full_world
from ruta.programs.models import QuarterProgress, UnitProgram, ValueStatus
from ruta.sources.models import DocumentFinding, DocumentKind, SourceDocument
from ruta.works.models import (
    ContractingContract,
    ContractingPayment,
    ContractingProcess,
    FundingSource,
)
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory
from testkit.factories.indicators import IndicatorResultFactory
from testkit.factories.works import FiscalYearFactory, ProgressFactory, WorkFactory
from testkit.grants import funded_agreement, make_call
from testkit.images import world_image
from testkit.samples import poa_samples

ACTOR = command_actor("opendata tests")


def _works(agency: Model) -> list[Model]:
    municipality = MunicipalityFactory()
    first = WorkFactory(
        published=True,
        executing_agency=agency,
        municipality=municipality,
        title='=HYPERLINK("http://example.org")',  # must stay inert text
        funding=[
            (FundingSource.STATE, Decimal("600000.00")),
            (FundingSource.FEDERAL, Decimal("400000.00"), "FAIS"),
        ],
    )
    ProgressFactory(work=first)
    second = WorkFactory(published=True, executing_agency=agency)
    WorkFactory(executing_agency=agency)  # a proposal: never published
    return [first, second]


def _contracting(work: Model, agency: Model, document: Model) -> None:
    process = ContractingProcess.objects.create(
        ocid="ocds-prueba-1", work=work, agency=agency, document=document
    )
    contract = ContractingContract.objects.create(
        process=process, contract_id="C-1", amount=Decimal("900000.00")
    )
    ContractingPayment.objects.create(contract=contract, amount=Decimal("100.00"))
    ContractingProcess.objects.create(
        ocid="ocds-prueba-2", agency=agency, document=document
    )


def _document(agency: Model, year: Any) -> SourceDocument:
    document = SourceDocument.objects.create(
        sha256="d" * 64,
        kind=DocumentKind.CECOP_ANNUAL_REPORT,
        name="informe.txt",
        fiscal_year=year,
        agency=agency,
    )
    DocumentFinding.objects.create(
        document=document, code="sum-differs", message="No cuadra", where="p. 3"
    )
    return document


@pytest.fixture
def public_world(db) -> dict[str, Any]:
    """Return records of every dataset: works, POA, indicators, grants, OCDS."""
    return world_build()


def world_build() -> dict[str, Any]:
    """Write records of every dataset; return the agency and published works."""
    agency = AgencyFactory()
    works = _works(agency)
    person = UserFactory()
    poa = poa_samples(agency, person)
    UnitProgram.objects.filter(pk=poa[3].pk).update(reported_quarter=1)
    QuarterProgress.objects.filter(pk=poa[6].pk).update(
        status=ValueStatus.APPROVED, approved_by=person, approved_at=timezone.now()
    )
    IndicatorResultFactory(card__agency=agency)
    funded_agreement(make_call(agency=agency))
    document = _document(agency, works[0].fiscal_year)
    _contracting(works[0], agency, document)
    _statements()
    return {"agency": agency, "works": works}


def _statements() -> None:
    """The demo's two statements of one year: an expenditure and a revenue one."""
    AgencyFactory(code="sonora-cecop", name="CECOP")
    FiscalYearFactory(year=2024)
    statements_demo_load()


@pytest.fixture
def published(db) -> dict[str, Any]:
    """Return the world after one publication of every dataset.

    Written once a process, then put back whole, files too (``world_image``).
    """
    return world_image("opendata-published", _published_write)


def _published_write() -> dict[str, Any]:
    world = world_build()
    publish_datasets(actor=ACTOR)
    return world


@pytest.fixture
def exported(db) -> World:
    """A published work with every kind of record the packages export."""
    return full_world()
