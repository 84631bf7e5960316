"""Writes recorded against a work or a year: progress, contracts, emergencies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited, person, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.common.db.published import data_published_notify
from ruta.common.text.money import format_mxn
from ruta.common.text.rfc import rfc_compact
from ruta.sources.models import SourceDocument
from ruta.works.models import (
    Contract,
    EmergencyAction,
    ProcurementProcedure,
    Progress,
    StatedBudget,
    Work,
    WorkStatus,
)
from ruta.works.services.common import (
    ensure_not_final,
)

# Statuses that take progress entries, and those whose work is finished.
PROGRESS_STATUSES = (
    WorkStatus.RELEASED,
    WorkStatus.CONTRACTED,
    WorkStatus.IN_EXECUTION,
    WorkStatus.COMPLETED,
)
FINISHED_STATUSES = (WorkStatus.COMPLETED, WorkStatus.HANDED_OVER)
FULL = Decimal(100)


def _ensure_progress_allowed(
    work: Work, physical_percent: Decimal, amount_paid: Decimal, on: date, reason: str
) -> None:
    if work.status not in PROGRESS_STATUSES:
        raise ValidationError(
            _("No se registra avance de una obra %(status)s."),
            code="progress_status",
            params={"status": work.get_status_display()},
        )
    _ensure_in_range(work, physical_percent, amount_paid)
    if work.status in FINISHED_STATUSES and physical_percent < FULL:
        raise ValidationError(
            _(
                "La obra %(id)s está %(status)s: su avance físico no puede bajar "
                "de 100%%; se recibió %(value)s%%."
            ),
            code="finished_progress_below_full",
            params={
                "id": work.public_id,
                "status": work.get_status_display(),
                "value": physical_percent,
            },
        )
    latest = work.progress.order_by("date", "id").last()
    if latest is not None:
        _ensure_follows(latest, physical_percent, amount_paid, on, reason)


def _ensure_in_range(
    work: Work, physical_percent: Decimal, amount_paid: Decimal
) -> None:
    if not Decimal(0) <= physical_percent <= FULL:
        raise ValidationError(
            _("El avance físico debe estar entre 0 y 100%%; se recibió %(value)s%%."),
            code="percent_range",
            params={"value": physical_percent},
        )
    if not Decimal(0) <= amount_paid <= work.total_investment:
        raise ValidationError(
            _("El monto pagado %(paid)s debe estar entre $0.00 y %(total)s."),
            code="paid_range",
            params={
                "paid": format_mxn(amount_paid),
                "total": format_mxn(work.total_investment),
            },
        )


def _ensure_follows(
    latest: Progress,
    physical_percent: Decimal,
    amount_paid: Decimal,
    on: date,
    reason: str,
) -> None:
    """Refuse an entry dated before ``latest``, or going back without a reason."""
    if on < latest.date:
        raise ValidationError(
            _("El último avance es del %(latest)s; no se registra uno anterior."),
            code="progress_out_of_order",
            params={"latest": date_format(latest.date, "DATE_FORMAT")},
        )
    if reason.strip():
        return
    if physical_percent < latest.physical_percent:
        raise ValidationError(
            _(
                "El avance físico bajaría de %(before)s%% a %(after)s%%: "
                "indique el motivo."
            ),
            code="progress_regression",
            params={"before": latest.physical_percent, "after": physical_percent},
        )
    if amount_paid < latest.amount_paid:
        # Cumulative payments drop only when a payment is reversed or corrected.
        raise ValidationError(
            _(
                "El monto pagado acumulado bajaría de %(before)s a %(after)s: "
                "indique el motivo."
            ),
            code="paid_regression",
            params={
                "before": format_mxn(latest.amount_paid),
                "after": format_mxn(amount_paid),
            },
        )


@service
def progress_record(
    *,
    work: Work,
    on: date,
    physical_percent: Decimal,
    amount_paid: Decimal,
    evidence: str = "",
    evidence_url: str = "",
    reason: str = "",
    actor: Actor,
) -> Progress:
    """Record progress; physical progress and cumulative payments only go back
    with a stated reason, and a finished work stays at 100%.
    """
    work = Work.objects.select_for_update().get(pk=work.pk)
    require(actor, Action.CAPTURE, work)
    _ensure_progress_allowed(work, physical_percent, amount_paid, on, reason)
    progress = Progress(
        work=work,
        date=on,
        physical_percent=physical_percent,
        amount_paid=amount_paid,
        evidence=evidence,
        evidence_url=evidence_url,
        reason=reason,
        recorded_by=person(actor),
    )
    progress.full_clean()
    progress.save()
    if work.published_at is not None:
        data_published_notify(what="works")
    return progress


@service
def contract_add(
    *,
    work: Work,
    number: str,
    contractor_name: str,
    contractor_rfc: str,
    procedure: ProcurementProcedure,
    amount: Decimal,
    signed_on: date,
    start_date: date | None = None,
    end_date: date | None = None,
    actor: Actor,
) -> Contract:
    """Register a contract; contracts may not exceed the work's investment."""
    work = Work.objects.select_for_update().get(pk=work.pk)
    require(actor, Action.CAPTURE, work)
    ensure_not_final(work)
    if work.contracts.filter(number=number.strip()).exists():
        raise ValidationError(
            _("La obra %(id)s ya tiene un contrato número %(number)s."),
            code="contract_number_reused",
            params={"id": work.public_id, "number": number.strip()},
        )
    contracted = sum((c.amount for c in work.contracts.all()), Decimal(0))
    if contracted + amount > work.total_investment:
        raise ValidationError(
            _(
                "Los contratos sumarían %(contracted)s, más que la inversión "
                "total de %(total)s."
            ),
            code="contracts_exceed_investment",
            params={
                "contracted": format_mxn(contracted + amount),
                "total": format_mxn(work.total_investment),
            },
        )
    contract = Contract(
        work=work,
        number=number.strip(),
        contractor_name=contractor_name.strip(),
        contractor_rfc=rfc_compact(contractor_rfc),
        procedure=procedure,
        amount=amount,
        signed_on=signed_on,
        start_date=start_date,
        end_date=end_date,
    )
    contract.full_clean()
    contract.save()
    return contract


@dataclass(frozen=True)
class EmergencyActionLine:
    """One action paid under an emergency declaration, as a document printed it."""

    concept: str
    municipality: Municipality | None
    municipality_as_printed: str
    amount: Decimal
    source_row: int
    source_line: int


@transaction.atomic
def emergency_actions_replace(
    *,
    fiscal_year: FiscalYear,
    agency: Agency,
    declaration: str,
    document: SourceDocument,
    actions: Sequence[EmergencyActionLine],
    actor: Actor,
) -> list[EmergencyAction]:
    """Make ``document``'s table the agency's emergency actions of the year.

    A report prints the whole table, so a later document of the same kind
    replaces the actions an earlier one published; a report's own rows stay.
    """
    require(actor, Action.CAPTURE, agency)
    for line in actions:
        if line.amount < 0:
            raise ValidationError(
                _(
                    "El monto de una acción de emergencia no puede ser negativo "
                    "(renglón %(row)s)."
                ),
                code="negative_amount",
                params={"row": line.source_row},
            )
    with audited(actor, "emergency_actions_replace", document=document.sha256):
        EmergencyAction.objects.filter(
            agency=agency,
            fiscal_year=fiscal_year,
            source_document__kind=document.kind,
        ).exclude(source_document=document).delete()
        return EmergencyAction.objects.bulk_create(
            EmergencyAction(
                fiscal_year=fiscal_year,
                agency=agency,
                declaration=declaration,
                concept=line.concept,
                municipality=line.municipality,
                municipality_as_printed=line.municipality_as_printed,
                amount=line.amount,
                source_document=document,
                source_row=line.source_row,
                source_line=line.source_line,
            )
            for line in actions
        )


@dataclass(frozen=True)
class StatedBudgetLine:
    """A budget a report states in its prose: the figure read and where."""

    amount: Decimal
    printed: str
    unit_slip: bool
    source_line: int


def stated_budget_record(
    *,
    fiscal_year: FiscalYear,
    agency: Agency,
    document: SourceDocument,
    stated: StatedBudgetLine,
    actor: Actor,
) -> StatedBudget:
    """Keep the authorised budget ``document`` states for ``agency``'s year.

    What a demonstration document (``SourceDocument.is_demo``) stated for
    that year stood in for a published statement: this one replaces it.
    """
    require(actor, Action.CAPTURE, agency)
    if stated.amount < 0:
        raise ValidationError(
            _("Un presupuesto autorizado no puede ser negativo (línea %(line)s)."),
            code="negative_amount",
            params={"line": stated.source_line},
        )
    with audited(actor, "stated_budget_record", document=document.sha256):
        StatedBudget.objects.filter(
            fiscal_year=fiscal_year, agency=agency, source_document__is_demo=True
        ).exclude(source_document=document).delete()
        budget, _created = StatedBudget.objects.update_or_create(
            source_document=document,
            source_line=stated.source_line,
            defaults={
                "fiscal_year": fiscal_year,
                "agency": agency,
                "amount": stated.amount,
                "printed": stated.printed[:300],
                "unit_slip": stated.unit_slip,
            },
        )
    return budget
