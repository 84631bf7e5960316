"""Payments under a work's contracts, each with its CFDI invoice's UUID.

The rules (``ruta.works.rules``) decide what a payment may be; this module
checks them against the stored contract and writes the record with its
audit trail. A refusal names the figures and changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, audited, person
from ruta.accounts.permissions import Action, require
from ruta.common.db.published import data_published_notify
from ruta.common.text.money import format_mxn
from ruta.sources.models import SourceDocument
from ruta.works.models import Contract, Payment, WorkStatus
from ruta.works.rules import (
    EARLIEST_PAYMENT,
    invoice_uuid,
    payment_date_problem,
    payment_overrun,
)

DATE_MESSAGES = {
    "payment_too_old": gettext_lazy(
        "La fecha de pago no puede ser anterior al %(earliest)s."
    ),
    "payment_in_future": gettext_lazy(
        "La fecha de pago %(on)s es posterior a hoy: registre pagos ya hechos."
    ),
    "payment_before_contract": gettext_lazy(
        "La fecha de pago %(on)s es anterior a la firma del contrato (%(signed)s)."
    ),
}


def _checked_uuid(text: str) -> str | None:
    """Return the folio fiscal of ``text`` (None when empty) or raise why not."""
    if not (text or "").strip():
        return None
    found = invoice_uuid(text)
    if found is None:
        raise ValidationError(
            _(
                "«%(value)s» no es un UUID de factura (folio fiscal): son 32 "
                "caracteres hexadecimales en grupos 8-4-4-4-12."
            ),
            code="invoice_uuid_format",
            params={"value": text.strip()[:60]},
        )
    if Payment.objects.filter(invoice_uuid=found).exists():
        raise ValidationError(
            _("La factura %(uuid)s ya ampara otro pago registrado."),
            code="invoice_uuid_reused",
            params={"uuid": found},
        )
    return found


def _check_date(contract: Contract, on: date) -> None:
    problem = payment_date_problem(
        on, signed_on=contract.signed_on, today=timezone.localdate()
    )
    if problem:
        raise ValidationError(
            DATE_MESSAGES[problem],
            code=problem,
            params={
                "on": date_format(on, "DATE_FORMAT"),
                "signed": date_format(contract.signed_on, "DATE_FORMAT"),
                "earliest": date_format(EARLIEST_PAYMENT, "DATE_FORMAT"),
            },
        )


def _check_amount(contract: Contract, amount: Decimal) -> None:
    if amount <= 0:
        raise ValidationError(
            _("El monto del pago debe ser mayor que cero."), code="payment_not_positive"
        )
    paid = contract.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    over = payment_overrun(contract.amount, paid, amount)
    if over:
        raise ValidationError(
            _(
                "Con este pago el contrato %(number)s tendría pagados %(paid)s, "
                "%(over)s más que su monto de %(amount)s."
            ),
            code="payments_exceed_contract",
            params={
                "number": contract.number,
                "paid": format_mxn(paid + amount),
                "over": format_mxn(over),
                "amount": format_mxn(contract.amount),
            },
        )


@transaction.atomic
def payment_record(
    *,
    contract: Contract,
    paid_on: date,
    amount: Decimal,
    invoice: str = "",
    source_document: SourceDocument | None = None,
    source_line: int | None = None,
    actor: Actor,
) -> Payment:
    """Record a payment under ``contract``; refuse one over the contract's amount,
    dated outside its bounds, or naming an invoice another payment names.
    """
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    require(actor, Action.CAPTURE, contract)
    if contract.work.status == WorkStatus.CANCELLED:
        raise ValidationError(
            _("La obra %(id)s está cancelada: no se registran pagos."),
            code="payment_cancelled_work",
            params={"id": contract.work.public_id},
        )
    _check_date(contract, paid_on)
    _check_amount(contract, amount)
    payment = Payment(
        contract=contract,
        paid_on=paid_on,
        amount=amount,
        invoice_uuid=_checked_uuid(invoice),
        source_document=source_document,
        source_line=source_line,
        recorded_by=person(actor),
    )
    payment.full_clean()
    extra = {"document": source_document.sha256} if source_document else {}
    with audited(actor, "payment_record", **extra):
        payment.save()
    if contract.work.published_at is not None:
        data_published_notify(what="works")
    return payment
