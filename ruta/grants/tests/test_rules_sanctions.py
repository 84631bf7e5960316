"""§4.4, §4.4.2 and §5: what holds a disbursement, and the causes' effects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ruta.grants.rules.sanctions import (
    CAUSES_BY_CODE,
    Effect,
    disbursement_holds,
    may_approve,
    refund_owed,
    report_state,
)

READY = {
    "agreement_signed": True,
    "bank_account_proven": True,
    "has_xml": True,
    "has_pdf": True,
    "invoice_valid": True,
    "overdue_reports": 0,
    "active_suspensions": (),
}


def holds(**changes):
    return [(h.code, h.section) for h in disbursement_holds(**{**READY, **changes})]


def test_a_disbursement_with_everything_in_order_has_no_hold():
    assert holds() == []


def test_section_4_4_without_the_xml_or_the_pdf_there_is_no_payment():
    assert holds(has_pdf=False) == [("invoice_missing", "4.4")]
    assert holds(has_xml=False) == [("invoice_missing", "4.4")]


def test_section_3_7_2_8_no_signed_agreement_no_money():
    assert holds(agreement_signed=False) == [("agreement_unsigned", "3.7.2-8")]


def test_section_5_a_late_report_suspends_the_disbursement():
    assert holds(overdue_reports=1) == [("report_overdue", "5 A")]
    assert holds(active_suspensions=["report_late"]) == [("report_late", "5 A")]


def test_section_5_table_the_causes_have_their_effects_and_deadlines():
    assert CAUSES_BY_CODE["not_formalized"].effect == Effect.NO_TRANSFER
    assert CAUSES_BY_CODE["assets_ceded"].days == 10
    assert CAUSES_BY_CODE["assets_ceded"].refund_days == 15
    assert CAUSES_BY_CODE["inspection_refused"].days == 5
    assert CAUSES_BY_CODE["formalization_irregular"].days == 90
    assert CAUSES_BY_CODE["observations_unresolved"].effect == Effect.CANCEL
    assert CAUSES_BY_CODE["unspent"].refund_days == 30


def test_who_scored_an_application_may_not_approve_its_disbursements():
    assert not may_approve(7, {7, 9})
    assert may_approve(8, {7, 9})


def test_section_5_a_report_standing():
    due = date(2021, 7, 7)
    assert (
        report_state(
            due_on=due, submitted_on=None, extended_until=None, today=date(2021, 7, 8)
        )
        == "overdue"
    )
    assert (
        report_state(
            due_on=due,
            submitted_on=None,
            extended_until=date(2021, 7, 12),
            today=date(2021, 7, 8),
        )
        == "pending"
    )
    assert (
        report_state(
            due_on=due,
            submitted_on=date(2021, 7, 9),
            extended_until=None,
            today=date(2021, 7, 9),
        )
        == "late"
    )


def test_section_4_7_the_unspent_money_is_refunded():
    assert refund_owed(Decimal("100000"), Decimal("82500.50")) == Decimal("17499.50")
    assert refund_owed(Decimal("100"), Decimal("120")) == Decimal("0.00")
