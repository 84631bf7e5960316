"""Test factories for works, their money and progress, and aid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from ruta.catalog.models import Agency, AgencyKind, FiscalYear, Municipality
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import (
    Aid,
    AidConcept,
    AidStatus,
    Contract,
    Funding,
    FundingSource,
    ProcurementProcedure,
    Progress,
    Subprogram,
    Work,
    WorkPublication,
    WorksDelivery,
    WorksProgram,
    WorkStatus,
)
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory


def ayuntamiento_of(municipality: Municipality) -> Agency:
    """Return the municipal government (ayuntamiento) of ``municipality``."""
    return AgencyFactory(
        code=f"ayuntamiento-{municipality.code}",
        name=f"Ayuntamiento de {municipality.name}",
        kind=AgencyKind.AYUNTAMIENTO,
        municipality=municipality,
    )


class FiscalYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FiscalYear
        django_get_or_create = ("year",)

    year = 2024


class WorksProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorksProgram
        django_get_or_create = ("code",)

    code = "transforma-sonora-apoyo-municipios"
    name = "Programa Transforma Sonora en Apoyo a los Municipios"
    acronym = "TSAM"
    agency = factory.SubFactory(AgencyFactory, code="sonora-cecop", name="CECOP")
    delivery = WorksDelivery.CONCERTED
    committee_required = True


class SubprogramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subprogram
        django_get_or_create = ("code",)

    code = "pavimentacion"
    name = "Pavimentación"
    position = 1


class WorkFactory(factory.django.DjangoModelFactory):
    """A proposed work with one state funding row equal to its total.

    ``WorkFactory(funding=[...])`` gives other rows (``FundingLine``-like
    tuples of source, amount[, fund]); the ``published`` and ``realized``
    traits move it along the workflow; ``municipal`` has the municipality's
    ayuntamiento execute it (so municipal staff may change it).
    """

    class Meta:
        model = Work
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"OBRA-2024-{n:05d}")
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    program = factory.SubFactory(WorksProgramFactory)
    subprogram = factory.SubFactory(SubprogramFactory)
    executing_agency = factory.SubFactory(AgencyFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    locality = factory.LazyAttribute(
        lambda work: work.municipality.name if work.municipality else ""
    )
    title = factory.Sequence(lambda n: f"Pavimentación de calle número {n}")
    beneficiaries = 100
    total_investment = Decimal("1000000.00")
    start_date = date(2024, 3, 1)
    end_date = date(2024, 9, 30)

    class Params:
        published = factory.Trait(
            status=WorkStatus.APPROVED,
            published_at=factory.LazyFunction(timezone.now),
        )
        realized = factory.Trait(
            status=WorkStatus.HANDED_OVER,
            published_at=factory.LazyFunction(timezone.now),
        )
        municipal = factory.Trait(
            executing_agency=factory.LazyAttribute(
                lambda work: ayuntamiento_of(work.municipality)
            )
        )

    @factory.post_generation
    def funding(self, create: bool, extracted: list | None, **kwargs: object):
        if not create:
            return
        lines = extracted or [(FundingSource.STATE, self.total_investment)]
        Funding.objects.bulk_create(
            [
                Funding(
                    work=self,
                    source=line[0],
                    amount=line[1],
                    fund=line[2] if len(line) > 2 else "",
                )
                for line in lines
            ]
        )


class ProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Progress

    work = factory.SubFactory(WorkFactory, status=WorkStatus.IN_EXECUTION)
    date = date(2024, 5, 1)
    physical_percent = Decimal("50.00")
    amount_paid = Decimal("400000.00")


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    work = factory.SubFactory(WorkFactory, status=WorkStatus.CONTRACTED)
    number = factory.Sequence(lambda n: f"CECOP-GSE-2024-{n:03d}")
    contractor_name = "Constructora Demostración del Desierto, S.A. de C.V."
    contractor_rfc = "CDD150312AB1"
    procedure = ProcurementProcedure.INVITACION_TRES
    amount = Decimal("900000.00")
    signed_on = date(2024, 2, 20)


class AidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aid

    public_id = factory.Sequence(lambda n: f"AYU-2024-{n:04d}")
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    agency = factory.SubFactory(AgencyFactory)
    concept = AidConcept.PERSONS
    amount = Decimal("5000.00")
    # An aid granted unless a test says otherwise: the aids the pages count.
    status = AidStatus.GRANTED


def published_file(
    work: Work,
    *,
    approved: str | None = None,
    modified: str | None = None,
    paid: str | None = None,
    as_of: date = date(2024, 12, 31),
) -> WorkPublication:
    """Return ``work``'s figures in the federal works file of ``as_of``.

    One file per date: works published on the same date share it.
    """
    document, _ = SourceDocument.objects.get_or_create(
        sha256=f"{as_of:%Y%m%d}".ljust(64, "0"),
        defaults={"kind": DocumentKind.WORKS_OPA, "name": f"opa-{as_of}.csv"},
    )

    def money(amount: str | None) -> Decimal | None:
        return None if amount is None else Decimal(amount)

    return WorkPublication.objects.create(
        work=work,
        document=document,
        row_number=work.pk,
        as_of=as_of,
        title=work.title,
        approved=money(approved),
        modified=money(modified),
        paid=money(paid),
    )
