"""The demo's red flags: the SAT's 69-B sample and demonstration contracting records.

The demo's generated works keep the platform's rules, so by themselves they
raise only some flags (works late past their end with payments, direct
awards by agency). This part adds, marked as demonstration by hanging from a
demo work, what a journalist would want to see flagged once each:

- the project's sample of the SAT's 69-B list (``documents.sat69b``),
  imported through the staff's importer, which lists a demo contractor as
  presumed;
- on one demo work under way without contracts, two direct awards to a
  company incorporated four months before, twenty days apart, together over
  the direct-award maximum (a recent company and a split work), an approved
  ampliación of 30 % of them (modifications over the limit) and a progress
  entry paying them in full at the work's current physical progress (paid
  ahead of progress);
- on four more of that agency's works under way without contracts, a direct
  award each (every one within the direct-award maximum, to a different
  established company): with the two above, all six of the agency's
  contracts are direct awards, far above the state's share (direct awards
  by agency);
- a demonstration OCDS package (``documents.ocds``) publishing the open
  tenders of two demo contracts, imported through the staff's importer: one
  received a single bid (one bidder), the other's published payments add up
  to more than its contract (payments over the contract: captured payments
  over their contract are refused, so the flag finds published ones).

Then the flags are computed, as every open-data publish does. Idempotent: a
second run finds the records and the list in place and adds nothing.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from ruta.accounts.actors import DEMO, audited
from ruta.catalog.instance import instance
from ruta.demo.documents.ocds import TenderedContract, ocds_demo_bytes
from ruta.demo.documents.sat69b import sat_sample_bytes
from ruta.flags.services import RefreshOutcome, flags_refresh
from ruta.ingest.loaders.ocds import ocds_import
from ruta.ingest.loaders.sat69b import sat_list_import
from ruta.sources.records import ImportStatus
from ruta.sources.services import source_document_demonstration_mark
from ruta.works.models import (
    BudgetModification,
    Contract,
    ProcurementProcedure,
    Progress,
    Work,
    WorkStatus,
)
from ruta.works.models.modifications import ModificationStatus

CONTRACTOR = "Constructora Recién Creada de Demostración, S.A. de C.V."
NUMBERS = ("DEMO-SENALES-1", "DEMO-SENALES-2")
AMOUNTS = (Decimal("600000.00"), Decimal("450000.00"))
# Twenty days apart: well within the split rule's window.
DAYS_APART = 20
# The company was incorporated four months before the first signature.
INCORPORATED_BEFORE = timedelta(days=122)
AMPLIACION_SHARE = Decimal("0.30")
# Direct awards on four more of the agency's works, to established companies
# (incorporated years before; none in the 69-B sample).
DIRECT_AWARDS = (
    ("DEMO-SENALES-AD-1", "Materiales y Obras del Yaqui, S.A. de C.V.", "MOY080415HJ2"),
    (
        "DEMO-SENALES-AD-2",
        "Caminos del Mayo de Demostración, S.A. de C.V.",
        "CMD110623PL8",
    ),
    ("DEMO-SENALES-AD-3", "Techados Ejemplo de Navojoa, S.A. de C.V.", "TEN131002RW5"),
    ("DEMO-SENALES-AD-4", "Hidráulica Muestra de Cajeme, S.A. de C.V.", "HMC070918GT9"),
)
DIRECT_AWARD_MOST = Decimal("1000000.00")
OCDS_FILE = "ocds_licitaciones_demostracion.json"


@dataclass(frozen=True)
class FlagsDemo:
    """What the part wrote and the flags standing after it."""

    listed: int
    contracts: int
    outcome: RefreshOutcome
    # Why no contract was written when none is there (a municipality's
    # instance publishes no demonstration work under way).
    skipped: str = ""
    processes: int = 0

    def line(self) -> str:
        raised = ", ".join(f"{k} {n}" for k, n in sorted(self.outcome.raised.items()))
        return (
            f"Red flags: the SAT's 69-B sample ({self.listed} taxpayers, zero if "
            f"already imported), {self.contracts} demonstration contracts"
            f"{self.skipped}, {self.processes} demonstration OCDS processes; "
            f"raised: {raised or 'none'}."
        )


def _sample_import() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Listado_Completo_69-B_demostracion.csv"
        path.write_bytes(sat_sample_bytes())
        result = sat_list_import(path=path, actor=DEMO, is_demo=True)
    return 0 if result.status == ImportStatus.ALREADY_IMPORTED else result.rows


def _work() -> Work | None:
    """Return the first published demo work under way with no contracts."""
    return (
        Work.objects.published()
        .filter(
            is_demo=True,
            status=WorkStatus.IN_EXECUTION,
            contracts__isnull=True,
            start_date__isnull=False,
        )
        .order_by("public_id")
        .first()
    )


def _rfc(signed_on: date) -> str:
    incorporated = signed_on - INCORPORATED_BEFORE
    return f"CRD{incorporated:%y%m%d}AB1"


@transaction.atomic
def _records_write() -> int:
    if Contract.objects.filter(number=NUMBERS[0], work__is_demo=True).exists():
        return 0
    work = _work()
    if work is None or work.start_date is None:
        return 0
    first = work.start_date
    rfc = _rfc(first)
    with audited(DEMO, "flags_demo_load"):
        for index, (number, amount) in enumerate(zip(NUMBERS, AMOUNTS, strict=True)):
            Contract.objects.create(
                work=work,
                number=number,
                contractor_name=CONTRACTOR,
                contractor_rfc=rfc,
                procedure=ProcurementProcedure.ADJUDICACION_DIRECTA,
                amount=amount,
                signed_on=first + timedelta(days=DAYS_APART * index),
                start_date=work.start_date,
                end_date=work.end_date,
            )
        contracted = sum(AMOUNTS, Decimal(0))
        BudgetModification.objects.create(
            work=work,
            amount=(contracted * AMPLIACION_SHARE).quantize(Decimal("0.01")),
            reason=(
                "Convenio modificatorio de demostración: volúmenes adicionales "
                "de obra, para mostrar la señal de modificaciones."
            ),
            status=ModificationStatus.APPROVED,
        )
        _progress_paid(work, contracted, first)
    return len(NUMBERS)


def _progress_paid(work: Work, contracted: Decimal, started: date) -> None:
    """Record the contracts paid in full at the work's current physical progress."""
    latest = work.progress.order_by("-date", "-id").first()
    physical = latest.physical_percent if latest else Decimal("40.00")
    paid = max(contracted, latest.amount_paid if latest else contracted)
    day = (latest.date if latest else started) + timedelta(days=1)
    Progress.objects.create(
        work=work,
        date=day,
        physical_percent=physical,
        amount_paid=paid,
        evidence="Estimación de demostración: pago completo de los contratos.",
    )


@transaction.atomic
def _direct_awards_write() -> int:
    """Award directly the contracts of four more works of the split's agency."""
    if Contract.objects.filter(number=DIRECT_AWARDS[0][0], work__is_demo=True).exists():
        return 0
    split = Contract.objects.filter(number=NUMBERS[0], work__is_demo=True).first()
    if split is None:
        return 0
    works = list(
        Work.objects.published()
        .filter(
            is_demo=True,
            executing_agency_id=split.work.executing_agency_id,
            status=WorkStatus.IN_EXECUTION,
            contracts__isnull=True,
            start_date__isnull=False,
            total_investment__lte=DIRECT_AWARD_MOST,
        )
        .order_by("public_id")[: len(DIRECT_AWARDS)]
    )
    written = 0
    with audited(DEMO, "flags_demo_load"):
        for work, (number, name, rfc) in zip(works, DIRECT_AWARDS, strict=False):
            if work.start_date is None:  # the filter above leaves none
                continue
            Contract.objects.create(
                work=work,
                number=number,
                contractor_name=name,
                contractor_rfc=rfc,
                procedure=ProcurementProcedure.ADJUDICACION_DIRECTA,
                amount=work.total_investment,
                signed_on=work.start_date - timedelta(days=10),
                start_date=work.start_date,
                end_date=work.end_date,
            )
            written += 1
    return written


def _tendered(contract: Contract) -> TenderedContract:
    return TenderedContract(
        work=contract.work.public_id,
        title=contract.work.title,
        number=contract.number,
        supplier=contract.contractor_name,
        rfc=contract.contractor_rfc,
        amount=contract.amount,
        signed_on=contract.signed_on,
        start=contract.start_date,
        end=contract.end_date,
    )


def _ocds_import() -> int:
    """Import the demonstration OCDS package; return its processes (0 if there).

    Only over works the instance covers: a municipality's instance holds no
    demonstration tender of the state's.
    """
    contracts = Contract.objects.filter(
        instance().covers_work("work__"),
        work__is_demo=True,
        work__status=WorkStatus.HANDED_OVER,
        work__executing_agency__isnull=False,
        procedure=ProcurementProcedure.LICITACION_PUBLICA,
    ).select_related("work__executing_agency")
    first = contracts.order_by("work__public_id", "number").first()
    if first is None or first.work.executing_agency is None:
        return 0
    agency = first.work.executing_agency
    # Both tenders of the one agency that publishes the package.
    tendered = list(
        contracts.filter(work__executing_agency=agency).order_by(
            "work__public_id", "number"
        )[:2]
    )
    if len(tendered) < 2:
        return 0
    data = ocds_demo_bytes(
        agency=agency.name,
        single=_tendered(tendered[0]),
        overpaid=_tendered(tendered[1]),
    )
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        path = Path(folder) / OCDS_FILE
        path.write_bytes(data)
        result = ocds_import(path=path, actor=DEMO, agency=agency.code)
        if result.status == ImportStatus.ALREADY_IMPORTED or result.document is None:
            return 0
        source_document_demonstration_mark(document=result.document, actor=DEMO)
    return result.document.contracting_processes.count()


def flags_demo_load() -> FlagsDemo:
    """Write the demo's flag records and compute the flags; say what stands."""
    listed = _sample_import()
    contracts = _records_write()
    skipped = ""
    if not Contract.objects.filter(number=NUMBERS[0], work__is_demo=True).exists():
        skipped = (
            " (no published demonstration work under way without contracts "
            "on this instance to hold them: skipped)"
        )
    contracts += _direct_awards_write()
    processes = _ocds_import()
    return FlagsDemo(listed, contracts, flags_refresh(actor=DEMO), skipped, processes)
