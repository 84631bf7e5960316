"""Debts of organisations from earlier calls recorded by staff (§3.4 req. 4).

The platform derives a debt from its own records of an earlier call (a
report not delivered, a refund not paid: ``organization_debts``); a call run
before the platform, or a finding of an audit, leaves no such record, so
staff of an administering body record the debt with its evidence, and later
its settlement with its own. Requirement 4 reads both kinds. Each is a
service: audited, its evidence a private file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, person, service
from ruta.common.refusals import refusal
from ruta.grants.models import Organization, RecordedDebt
from ruta.grants.selectors.organizations import may_review
from ruta.grants.services.files import file_read

# The largest amount a debt is recorded with: a typing slip beyond it.
DEBT_AMOUNT_MOST = Decimal("1000000000.00")


def _staff_require(actor: Actor) -> None:
    if not may_review(actor):
        raise PermissionDenied(f"{actor} is not staff of an administering body")


@service
def debt_record(
    *,
    organization: Organization,
    call_year: int,
    call_name: str,
    what: str,
    amount: Decimal | None,
    evidence: File,
    actor: Actor,
) -> RecordedDebt:
    """Record what ``organization`` owes from an earlier call, with its evidence.

    Refused, with nothing kept, for a year outside 2000–2100 or later than
    the current one, a blank call or description, an amount not above zero
    or past the bound, or evidence that is not a PDF or a photo.
    """
    _staff_require(actor)
    today = timezone.localdate()
    if not 2000 <= call_year <= today.year:
        raise refusal(
            _("El ejercicio de la convocatoria va de 2000 a %(year)s."),
            "debt_year",
            "call_year",
            year=today.year,
        )
    if not call_name.strip() or not what.strip():
        raise refusal(
            _("Diga de qué convocatoria es el adeudo y qué se adeuda."),
            "debt_blank",
            "what",
        )
    if amount is not None and not Decimal("0") < amount <= DEBT_AMOUNT_MOST:
        raise refusal(
            _("El monto de un adeudo es mayor que $0.00 y no pasa de %(most)s."),
            "debt_amount",
            "amount",
            most=f"${DEBT_AMOUNT_MOST:,.2f}",
        )
    accepted = file_read(evidence, key="grants.RecordedDebt.evidence", field="evidence")
    debt = RecordedDebt(
        organization=organization,
        call_year=call_year,
        call_name=call_name.strip(),
        what=what.strip(),
        amount=amount,
        evidence_name=accepted.display_name,
        recorded_by=person(actor),
    )
    debt.evidence.save(accepted.stored_name, accepted.as_file(), save=False)
    debt.full_clean()
    debt.save()
    return debt


@service
def debt_settle(
    *,
    debt: RecordedDebt,
    settled_on: date,
    note: str,
    evidence: File,
    actor: Actor,
) -> RecordedDebt:
    """Record that ``debt`` was settled on ``settled_on``, with its evidence.

    Refused for a debt already settled, a date before the debt's call year
    or after today, or a note past 2,000 characters.
    """
    _staff_require(actor)
    debt = RecordedDebt.objects.select_for_update().get(pk=debt.pk)
    if debt.settled:
        raise refusal(_("Este adeudo ya se saldó."), "debt_settled")
    today = timezone.localdate()
    if not date(debt.call_year, 1, 1) <= settled_on <= today:
        raise refusal(
            _("La fecha del saldo va del 1 de enero de %(year)s a hoy."),
            "debt_settled_on",
            "settled_on",
            year=debt.call_year,
        )
    if len(note.strip()) > 2000:
        raise refusal(_("La nota admite hasta 2,000 caracteres."), "debt_note", "note")
    accepted = file_read(
        evidence, key="grants.RecordedDebt.settlement_evidence", field="evidence"
    )
    debt.settled_on = settled_on
    debt.settlement_note = note.strip()
    debt.settlement_evidence_name = accepted.display_name
    debt.settled_by = person(actor)
    debt.settlement_evidence.save(accepted.stored_name, accepted.as_file(), save=False)
    debt.save()
    return debt
