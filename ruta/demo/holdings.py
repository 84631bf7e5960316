"""What the demo's database holds, counted, for ``ruta load-demo`` to say last.

Each loader reports what it added (zero on a second run); this says what is
there to see, whatever run put it there, so the last lines a person reads
are true on a fresh database and on a reloaded one alike.
"""

from __future__ import annotations

from django.db.models import Count, Q

from ruta.datarequests.models import DataRequest
from ruta.grants.models import Call
from ruta.indicators.models import IndicatorCard
from ruta.opengov.models import ActionPlan, Commitment, DraftRegulation
from ruta.participation.models import Committee
from ruta.programs.models import Goal, UnitProgram
from ruta.sources.models import SourceDocument
from ruta.works.models import ContractingContract, ContractingProcess, Work


def demo_holdings() -> list[str]:
    """Return one line per part of the platform, with what it holds now."""
    years = (
        Work.objects.published()
        .values_list("fiscal_year_id")
        .annotate(works=Count("id"))
        .order_by("fiscal_year_id")
    )
    documents = SourceDocument.objects.here().aggregate(
        all=Count("id"), demo=Count("id", filter=Q(is_demo=True))
    )
    return [
        "Published works by fiscal year: "
        + ", ".join(f"{year}: {works:,}" for year, works in years),
        f"Indicator cards: {IndicatorCard.objects.count()}.",
        f"POA units' programs: {UnitProgram.objects.count()}, "
        f"goals: {Goal.objects.count()}.",
        f"Open-government action plans: {ActionPlan.objects.count()}, "
        f"commitments: {Commitment.objects.count()}.",
        f"Published documents: {documents['all']} "
        f"({documents['demo']} of them demonstration documents).",
        f"OCDS contracting processes: {ContractingProcess.objects.count()}, "
        f"contracts: {ContractingContract.objects.count()}.",
        f"Grant calls: {Call.objects.count()}; consultations on draft "
        f"regulations: {DraftRegulation.objects.count()}; data requests: "
        f"{DataRequest.objects.count()}; citizens' committees: "
        f"{Committee.objects.count()}.",
    ]
