"""Reads on a project's execution: what holds a disbursement's payment."""

from __future__ import annotations

from ruta.grants.models import CfdiKind, Disbursement, ReportStatus
from ruta.grants.rules.sanctions import Hold, disbursement_holds


def disbursement_hold_list(disbursement: Disbursement) -> list[Hold]:
    """Return why the disbursement may not be approved now (§4.4, §5)."""
    agreement = disbursement.agreement
    account = getattr(agreement, "bank_account", None)
    invoices = list(disbursement.cfdis.filter(kind=CfdiKind.INVOICE))
    overdue = agreement.reports.filter(status=ReportStatus.OVERDUE).count()
    active = agreement.sanctions.filter(lifted_on__isnull=True, kind="suspension")
    return disbursement_holds(
        agreement_signed=agreement.status == "signed",
        bank_account_proven=bool(account and account.proven_on),
        has_xml=bool(invoices and invoices[0].xml),
        has_pdf=bool(invoices and invoices[0].pdf),
        invoice_valid=bool(invoices),
        overdue_reports=overdue,
        active_suspensions=[s.cause for s in active],
    )
