"""Reads of the concertation: agreements, their checklists and floors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from ruta.accounts.permissions import Action, agency_lineages_read, can, reaches
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, Municipality
from ruta.common.text.money import ZERO
from ruta.concertation.lineamientos import KEYS, LABELS, LINEAMIENTOS, Lineamiento
from ruta.concertation.models import Agreement, LineamientoCheck
from ruta.concertation.rules import FloorUse, floor_finding, unmet
from ruta.sources.findings import Finding
from ruta.works.models import (
    Funding,
    FundingSource,
    Work,
    WorksDelivery,
    WorksProgram,
    WorkStatus,
)
from ruta.works.models.work import REALIZED_STATUSES


def concerting_agencies() -> QuerySet[Agency]:
    """Return the agencies whose programs' works are concerted with municipalities."""
    programs = WorksProgram.objects.filter(delivery=WorksDelivery.CONCERTED)
    return Agency.objects.filter(pk__in=programs.values("agency")).order_by("name")


def agencies_to_concert(user: Any) -> list[Agency]:
    """Return the concerting agencies where ``user`` may record agreements."""
    agencies = list(concerting_agencies())
    agency_lineages_read(user, [agency.pk for agency in agencies])
    return [a for a in agencies if can(user, Action.VALIDATE, a)]


def agreement_of(work: Work) -> Agreement | None:
    """Return the agreement a concerted work is released under, if any."""
    return (
        Agreement.objects.filter(
            agency_id=work.program.agency_id,
            municipality_id=work.municipality_id,
            fiscal_year_id=work.fiscal_year_id,
        )
        .select_related("municipality")
        .first()
    )


def is_concerted(work: Work) -> bool:
    """Return whether ``work`` is released under a municipality's agreement."""
    return (
        work.municipality_id is not None
        and work.program.delivery == WorksDelivery.CONCERTED
    )


def concerted_works(agreement: Agreement) -> QuerySet[Work]:
    """Return the concerted works ``agreement`` covers."""
    return Work.objects.filter(
        program__delivery=WorksDelivery.CONCERTED,
        program__agency_id=agreement.agency_id,
        municipality_id=agreement.municipality_id,
        fiscal_year_id=agreement.fiscal_year_id,
    )


def _state_money(works: QuerySet[Work]) -> Decimal:
    total = Funding.objects.filter(
        work__in=works.values("pk"), source=FundingSource.STATE
    ).aggregate(total=Sum("amount"))["total"]
    return total or ZERO


def state_money_of(work: Work) -> Decimal:
    """Return the state's money in ``work``: what it takes from the floor."""
    return _state_money(Work.objects.filter(pk=work.pk))


def floor_use(agreement: Agreement, *, besides: Work | None = None) -> FloorUse:
    """Return ``agreement``'s floor and the state's money its works take.

    ``besides`` leaves a work out (the one about to be released).
    """
    works = concerted_works(agreement)
    if besides is not None:
        works = works.exclude(pk=besides.pk)
    return FloorUse(
        floor=agreement.floor,
        released=_state_money(works.filter(status__in=REALIZED_STATUSES)),
        pending=_state_money(works.filter(status=WorkStatus.APPROVED)),
    )


def floors_passed(works: QuerySet[Work]) -> list[Finding]:
    """Return a finding per agreement whose floor the concerted ``works`` pass.

    Read after an import: its works land whatever the floor, and the
    agreements of their municipalities and years are weighed again whole.
    """
    keys = (
        works.filter(
            program__delivery=WorksDelivery.CONCERTED, municipality__isnull=False
        )
        .order_by()
        .values_list("program__agency_id", "municipality_id", "fiscal_year_id")
        .distinct()
    )
    found = []
    for agency_id, municipality_id, year in keys:
        agreement = (
            Agreement.objects.filter(
                agency_id=agency_id,
                municipality_id=municipality_id,
                fiscal_year_id=year,
            )
            .select_related("municipality")
            .first()
        )
        if agreement is None:
            continue
        finding = floor_finding(
            agreement.municipality.name, agreement.fiscal_year_id, floor_use(agreement)
        )
        if finding is not None:
            found.append(finding)
    return sorted(found, key=lambda finding: finding.where)


@dataclass(frozen=True)
class ChecklistItem:
    lineamiento: Lineamiento
    check: LineamientoCheck | None


def checklist(agreement: Agreement) -> list[ChecklistItem]:
    """Return the declared lineamientos, each with its check if met."""
    checks = {c.item: c for c in agreement.checks.select_related("checked_by")}
    return [ChecklistItem(item, checks.get(item.key)) for item in LINEAMIENTOS]


def unmet_labels(agreement: Agreement) -> list[str]:
    """Return what the agreement still lacks for a release, in words."""
    met = agreement.checks.values_list("item", flat=True)
    return [str(LABELS[key]) for key in unmet(KEYS, met)]


def _listed() -> QuerySet[Agreement]:
    return Agreement.objects.select_related("municipality", "agency").prefetch_related(
        "checks"
    )


@dataclass(frozen=True)
class AgreementRow:
    """An agreement with what a list shows of it."""

    agreement: Agreement
    use: FloorUse
    met: int
    declared: int

    @property
    def complete(self) -> bool:
        return self.agreement.signed_on is not None and self.met == self.declared


def _rows(agreements: Iterable[Agreement]) -> list[AgreementRow]:
    rows = []
    for agreement in agreements:
        met = sum(1 for check in agreement.checks.all() if check.item in LABELS)
        rows.append(AgreementRow(agreement, floor_use(agreement), met, len(KEYS)))
    return rows


def agreements_in_reach(user: Any, year: int) -> list[AgreementRow]:
    """Return the year's agreements ``user``'s assignments reach."""
    agreements = list(_listed().filter(fiscal_year_id=year))
    agency_lineages_read(user, {a.agency_id for a in agreements})
    return _rows(a for a in agreements if reaches(user, a))


def municipality_agreements(
    municipality: Municipality, year: int
) -> list[AgreementRow] | None:
    """Return a municipality's agreements of ``year``, for its public page.

    ``None`` when it has neither an agreement nor a concerted work that year:
    the page has nothing to say about concertation then.
    """
    rows = _rows(_listed().filter(municipality=municipality, fiscal_year_id=year))
    if rows:
        return rows
    concerted = Work.objects.published().filter(
        program__delivery=WorksDelivery.CONCERTED,
        municipality=municipality,
        fiscal_year_id=year,
    )
    return [] if concerted.exists() else None


def municipalities_without_agreement(agency: Agency, year: int) -> QuerySet[Any]:
    """Return the municipalities with concerted works of ``agency`` in ``year``
    and no agreement."""
    works = Work.objects.filter(
        Q(program__delivery=WorksDelivery.CONCERTED),
        program__agency=agency,
        fiscal_year_id=year,
        municipality__isnull=False,
    )
    signed = Agreement.objects.filter(agency=agency, fiscal_year_id=year)
    return (
        Municipality.objects.filter(pk__in=works.values("municipality_id"))
        .exclude(pk__in=signed.values("municipality_id"))
        .order_by("name")
    )


def agreement_rows() -> Iterator[dict[str, Any]]:
    """Yield every agreement with its floor's use, as an open-data row."""
    for row in _rows(_listed().order_by("fiscal_year_id", "municipality_id")):
        agreement, use = row.agreement, row.use
        yield {
            "EJERCICIO": agreement.fiscal_year_id,
            "MUNICIPIO": agreement.municipality_id,
            "DEPENDENCIA": agreement.agency.code,
            "FIRMADO": agreement.signed_on,
            "PISO": agreement.floor,
            "APORTACION_MUNICIPAL": agreement.municipal_contribution,
            "APORTACION_BENEFICIARIOS": agreement.community_contribution,
            "LIBERADO": use.released,
            "POR_LIBERAR": use.pending,
            "DISPONIBLE": use.available,
            "LINEAMIENTOS_CUMPLIDOS": row.met,
            "LINEAMIENTOS": row.declared,
            "DEMOSTRACION": agreement.is_demo,
        }


@dataclass(frozen=True)
class AgreementsSummary:
    """A year's agreements as the open data lists them: how many, how many
    signed, and the money they set aside and commit."""

    year: int
    agreements: int
    signed: int
    municipalities: int
    floor: Decimal
    municipal: Decimal
    community: Decimal


def agreement_years() -> list[int]:
    """Return the years with an agreement in the instance, newest first."""
    return list(
        _in_instance()
        .order_by("-fiscal_year_id")
        .values_list("fiscal_year_id", flat=True)
        .distinct()
    )


def agreements_summary(year: int, municipality: str = "") -> AgreementsSummary:
    """Return ``year``'s agreements of the instance (or of ``municipality``)."""
    agreements = _in_instance().filter(fiscal_year_id=year)
    if municipality:
        agreements = agreements.filter(municipality_id=municipality)
    totals = agreements.aggregate(
        agreements=Count("id"),
        signed=Count("signed_on"),
        municipalities=Count("municipality", distinct=True),
        floor=Sum("floor"),
        municipal=Sum("municipal_contribution"),
        community=Sum("community_contribution"),
    )
    return AgreementsSummary(
        year=year,
        agreements=totals["agreements"],
        signed=totals["signed"],
        municipalities=totals["municipalities"],
        floor=totals["floor"] or ZERO,
        municipal=totals["municipal"] or ZERO,
        community=totals["community"] or ZERO,
    )


def signed_on(year: int, municipality: str) -> list[date]:
    """Return when ``municipality``'s agreements of ``year`` were signed."""
    signed = (
        _in_instance()
        .filter(fiscal_year_id=year, municipality_id=municipality)
        .exclude(signed_on=None)
        .order_by("signed_on")
        .values_list("signed_on", flat=True)
    )
    return [day for day in signed if day is not None]


def unsigned_municipalities(year: int) -> list[str]:
    """Return the names of the instance's municipalities with no signed
    agreement of ``year`` (none registered, or registered without a date)."""
    signed = _in_instance().filter(fiscal_year_id=year).exclude(signed_on=None)
    return list(
        instance()
        .municipalities()
        .exclude(code__in=signed.values("municipality_id"))
        .order_by("name")
        .values_list("name", flat=True)
    )


def _in_instance() -> QuerySet[Agreement]:
    """Return the agreements with the instance's municipalities."""
    return Agreement.objects.filter(municipality__in=instance().municipalities())
