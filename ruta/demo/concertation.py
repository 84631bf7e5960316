"""The demo's 2024 concertation agreements of the CECOP with the ayuntamientos.

Demonstration data, marked so: one agreement per Sonora municipality, written
through the concertation's services as the CECOP's planning staff would. The
floors add up to the $150 million the Informe Anual de Resultados 2024 says
were released for concerted works ("una liberación de recursos para la
ejecución de obras concertadas de un monto de $150 mdp"): each municipality's
floor is the state's money of its released Transforma Sonora works, and the
rest of the $150 million is shared in proportion to them. Every agreement
is signed with its lineamientos met, except the municipality with the most
approved works awaiting release, whose ayuntamiento has not yet proven the
land of its works: those works cannot be released.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db.models import QuerySet

from ruta.accounts.actors import DEMO
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, FiscalYear
from ruta.concertation import services
from ruta.concertation.lineamientos import KEYS
from ruta.concertation.models import Agreement
from ruta.works.models import Funding, FundingSource, Work, WorksDelivery, WorkStatus
from ruta.works.models.work import REALIZED_STATUSES

AGENCY, YEAR = "sonora-cecop", 2024
RELEASED = Decimal("150000000.00")  # the report's "$150 mdp"
PENDING_LINEAMIENTO = "land-title"
CENT = Decimal("0.01")


def _state_money(works: QuerySet[Any]) -> dict[str, Decimal]:
    rows = Funding.objects.filter(
        work__in=works, source=FundingSource.STATE
    ).values_list("work__municipality_id", "amount")
    money: dict[str, Decimal] = {}
    for code, amount in rows:
        money[code] = money.get(code, Decimal(0)) + amount
    return money


def demo_floors(codes: list[str]) -> dict[str, Decimal]:
    """Return each municipality's floor: its released state money and a share
    of what remains of the $150 million, in proportion to it."""
    concerted = Work.objects.filter(
        program__delivery=WorksDelivery.CONCERTED,
        program__agency__code=AGENCY,
        fiscal_year_id=YEAR,
        is_demo=True,
    )
    used = _state_money(concerted.filter(status__in=REALIZED_STATUSES).values("pk"))
    total = sum(used.values(), Decimal(0))
    rest = max(RELEASED - total, Decimal(0))
    floors = {}
    for code in codes:
        base = used.get(code, Decimal(0))
        share = (rest * base / total).quantize(CENT, ROUND_DOWN) if total else rest * 0
        floors[code] = base + share
    # The centavos rounding left go to the largest floor.
    if floors and total:
        largest = max(floors, key=lambda code: floors[code])
        floors[largest] += RELEASED - sum(floors.values(), Decimal(0))
    return floors


def _incomplete() -> str | None:
    """Return the municipality with the most approved works awaiting release."""
    waiting = (
        Work.objects.filter(
            program__delivery=WorksDelivery.CONCERTED,
            fiscal_year_id=YEAR,
            status=WorkStatus.APPROVED,
            is_demo=True,
        )
        .values_list("municipality_id", flat=True)
        .order_by("municipality_id")
    )
    counts: dict[str, int] = {}
    for code in waiting:
        counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda code: (counts[code], code)) if counts else None


def concertation_demo_skipped() -> str:
    """Return why no agreement is written here, or "": the CECOP concerts
    with its state's municipalities, and the instance holds none of them."""
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None:
        return ""
    if instance().municipalities().filter(state_id=agency.state_id).exists():
        return ""
    return (
        f" (the {agency.acronym or agency.name}'s agreements are with "
        f"{agency.state.name if agency.state else 'its state'}'s municipalities, "
        f"none in this instance's {instance().name()}: skipped)"
    )


def concertation_demo_load() -> int:
    """Write the demo agreements; return how many were new (zero: loaded)."""
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None or not FiscalYear.objects.filter(year=YEAR).exists():
        return 0
    if Agreement.objects.filter(agency=agency, fiscal_year_id=YEAR).exists():
        return 0
    places = list(
        instance().municipalities().filter(state_id=agency.state_id).order_by("code")
    )
    floors = demo_floors([place.code for place in places])
    incomplete = _incomplete()
    for index, place in enumerate(places):
        agreement = services.agreement_record(
            agency=agency,
            municipality=place,
            year=YEAR,
            floor=floors[place.code],
            municipal_contribution=(floors[place.code] * Decimal("0.12")).quantize(
                CENT
            ),
            community_contribution=(floors[place.code] * Decimal("0.08")).quantize(
                CENT
            ),
            notes="Convenio de demostración.",
            is_demo=True,
            actor=DEMO,
        )
        services.agreement_sign(
            agreement=agreement,
            signed_on=date(YEAR, 1, 22) + timedelta(days=index % 30),
            actor=DEMO,
        )
        for key in KEYS:
            if place.code == incomplete and key == PENDING_LINEAMIENTO:
                continue
            services.lineamiento_check(
                agreement=agreement,
                item=key,
                evidence="Oficio del ayuntamiento (demostración)",
                actor=DEMO,
            )
    return len(places)
