"""Writes on disbursements: the CFDI of §4.4 (approval and transfer are steps
of the disbursement's cycle, ``ruta.grants.cycles``)."""

from __future__ import annotations

import calendar
from datetime import date, datetime

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.cycles import step_take
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.grants.cfdi_read import cfdi_offline_checks
from ruta.grants.cycles import DISBURSEMENT
from ruta.grants.models import Cfdi, CfdiKind, Disbursement, DisbursementStatus
from ruta.grants.reasons import cfdi_check_text, cfdi_problem_text
from ruta.grants.rules import cfdi as cfdi_rules
from ruta.grants.rules import deadlines
from ruta.grants.rules.cfdi_seal import checks_refusing
from ruta.grants.sat_status import status_check
from ruta.grants.selectors.cfdi import used_uuids
from ruta.grants.services.files import file_read


def _period(disbursement: Disbursement, kind: str) -> tuple[date, date]:
    """Return the dates a CFDI of the disbursement may carry."""
    if kind == CfdiKind.PAYMENT:
        start = disbursement.transferred_date
        return start, deadlines.complement_due(start)
    month = disbursement.month
    last = calendar.monthrange(month.year, month.month)[1]
    return month, month.replace(day=last)


@transaction.atomic
def cfdi_submit(
    *, disbursement: Disbursement, xml: File, pdf: File, actor: Actor
) -> Cfdi:
    """Receive a disbursement's CFDI (XML and PDF, §4.4), checked in full.

    The invoice (type I) before the transfer; the payment complement
    (type P) after it, within five natural days (§3.7.2-17). Anything wrong —
    a hostile or malformed XML, a wrong RFC, another amount, a date outside
    the period, a UUID already used, a seal that is not the emitter's over
    this very document, sums that do not add up (§4.4.2: apocryphal
    invoices), a status other than current where the SAT is asked — refuses
    it and changes nothing.
    """
    require(actor, Action.APPLY_GRANT, disbursement)
    kind = (
        CfdiKind.PAYMENT if disbursement.status == "transferred" else CfdiKind.INVOICE
    )
    already = disbursement.cfdis.filter(kind=kind).exists()
    if disbursement.status == DisbursementStatus.CANCELLED or already:
        raise refusal(_("Esta ministración no espera un CFDI."), "cfdi_not_expected")
    xml_file = file_read(xml, key="grants.Cfdi.xml", field="xml")
    pdf_file = file_read(pdf, key="grants.Cfdi.pdf", field="pdf")
    try:
        parsed = cfdi_rules.parse(xml_file.content)
    except cfdi_rules.CfdiRefused as refused:
        said = cfdi_problem_text(refused.code, found=refused.detail)
        raise refusal(said, refused.code, "xml") from None
    application = disbursement.agreement.application
    start, end = _period(disbursement, kind)
    expected = cfdi_rules.Expected(
        emitter_rfc=application.organization.rfc,
        receiver_rfc=application.call.administering_rfc,
        amount=disbursement.amount,
        period_start=start,
        period_end=end,
        kind=kind,
        used_uuids=used_uuids(),
    )
    problems = [
        (p.code, cfdi_problem_text(p.code, p.field, p.found))
        for p in cfdi_rules.against(parsed, expected)
    ] + [
        (check.code, cfdi_check_text(check))
        for check in checks_refusing(cfdi_offline_checks(xml_file.content))
    ]
    if not problems:
        # Asked last, and only when configured: a current invoice passes, a
        # cancelled or unknown one is refused, no answer refuses nothing.
        status = status_check(parsed)
        if status.ran and not status.passed:
            problems.append((status.code, cfdi_check_text(status)))
    if problems:
        raise refusal(" ".join(text for _code, text in problems), problems[0][0], "xml")
    amount, issued_at = parsed.amount, parsed.issued_at
    if amount is None or issued_at is None:
        # parse() reports a missing or unreadable total or date as a problem.
        raise ValueError("a CFDI without problems has its total and date")
    cfdi = Cfdi(
        disbursement=disbursement,
        kind=kind,
        uuid=parsed.uuid,
        emitter_rfc=parsed.emitter_rfc,
        receiver_rfc=parsed.receiver_rfc,
        total=amount,
        issued_at=_aware(issued_at),
    )
    with audited(actor, "cfdi_submit"):
        cfdi.xml.save(xml_file.stored_name, xml_file.as_file(), save=False)
        cfdi.pdf.save(pdf_file.stored_name, pdf_file.as_file(), save=False)
        try:
            with transaction.atomic():
                cfdi.save()
        except IntegrityError:
            raise refusal(
                cfdi_problem_text("uuid_reused", "UUID", parsed.uuid),
                "uuid_reused",
                "xml",
            ) from None
        if kind == CfdiKind.INVOICE and disbursement.status == "scheduled":
            step_take(DISBURSEMENT, disbursement, "invoice", actor=actor)
    return cfdi


def _aware(moment: datetime) -> datetime:
    """Return a CFDI's date as an aware time: the SAT writes local time, no zone."""
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment
