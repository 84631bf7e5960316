"""Due dates of §3.7.2, §4.3, §4.4, §4.6, §4.7 and §5, natural and business days."""

from __future__ import annotations

from datetime import date

import pytest

from ruta.grants.rules.deadlines import (
    ReportReading,
    add_business_days,
    agreement_due,
    answer_due,
    bank_account_due,
    complement_due,
    holidays,
    invoice_due,
    late_report_cancels_on,
    observations_cancel_on,
    quarter_ends,
    reassignment_from,
    refund_due,
    report_due,
    report_extension_until,
)


def test_the_holiday_calendar_holds_the_ley_federal_del_trabajo_days():
    days = holidays()
    assert date(2021, 2, 1) in days  # first Monday of February
    assert date(2021, 3, 15) in days  # third Monday of March
    assert date(2021, 11, 15) in days  # third Monday of November
    assert date(2024, 10, 1) in days  # change of the federal executive
    assert date(2021, 3, 16) not in days


def test_business_days_skip_weekends_and_holidays():
    # Friday 12 March 2021 + 1 business day: Monday 15 is a holiday → Tuesday 16.
    assert add_business_days(date(2021, 3, 12), 1) == date(2021, 3, 16)


def test_section_3_7_2_8_the_agreement_is_signed_within_15_natural_days():
    assert agreement_due(date(2021, 5, 20)) == date(2021, 6, 4)


def test_section_4_3_3_reassignment_after_15_natural_days_from_the_result():
    assert reassignment_from(date(2021, 5, 14)) == date(2021, 5, 29)


def test_section_5_table_7_bank_account_extension_at_most_60_natural_days():
    signed = date(2021, 6, 1)
    assert bank_account_due(signed, 15) == date(2021, 6, 16)
    assert bank_account_due(signed, 15, 30) == date(2021, 7, 16)
    assert bank_account_due(signed, 15, 90) == date(2021, 7, 31)  # capped: 60 days


def test_section_3_7_2_16_invoices_in_the_first_five_natural_days_of_the_month():
    assert invoice_due(date(2021, 7, 1)) == date(2021, 7, 5)


def test_section_3_7_2_17_payment_complement_within_five_natural_days():
    assert complement_due(date(2021, 7, 29)) == date(2021, 8, 3)


@pytest.mark.parametrize(
    ("reading", "due"),
    [
        (ReportReading.NEXT_MONTH_FIFTH, date(2021, 7, 5)),  # §3.7.2-15
        (ReportReading.BUSINESS_DAYS, date(2021, 7, 7)),  # §4.6: Thu 1 … Wed 7
        (ReportReading.NATURAL_DAYS, date(2021, 7, 5)),  # §5
    ],
)
def test_the_three_readings_of_the_report_deadline(reading, due):
    assert report_due(date(2021, 6, 30), reading) == due


def test_the_readings_differ_for_a_period_not_ending_with_a_month():
    end = date(2021, 6, 15)
    assert report_due(end, ReportReading.NEXT_MONTH_FIFTH) == date(2021, 7, 5)
    assert report_due(end, ReportReading.NATURAL_DAYS) == date(2021, 6, 20)


def test_section_5_a_one_extension_before_the_deadline_of_at_most_five_days():
    due = date(2021, 7, 7)
    assert report_extension_until(due, date(2021, 7, 6), 5) == date(2021, 7, 12)
    with pytest.raises(ValueError, match="before"):
        report_extension_until(due, date(2021, 7, 8), 3)
    with pytest.raises(ValueError, match="five"):
        report_extension_until(due, date(2021, 7, 6), 6)


def test_section_5_b_five_days_to_answer_then_three_then_cancel_at_thirty():
    notified = date(2021, 7, 10)
    assert answer_due(notified, 1) == date(2021, 7, 15)
    assert answer_due(date(2021, 7, 20), 2) == date(2021, 7, 23)
    assert observations_cancel_on(notified) == date(2021, 8, 9)


def test_section_5_table_1_report_missing_30_days_after_its_deadline():
    assert late_report_cancels_on(date(2021, 7, 7)) == date(2021, 8, 6)


def test_section_5_table_1_refund_by_the_end_of_the_fourth_month_of_operation():
    from ruta.grants.rules.deadlines import cause_1_refund_due

    assert cause_1_refund_due(date(2021, 6, 1), date(2021, 7, 1)) == date(2021, 9, 30)
    assert cause_1_refund_due(date(2021, 6, 1), date(2021, 10, 9)) == date(2021, 10, 24)


def test_section_4_7_unspent_money_refunded_within_30_days_after_31_december():
    assert refund_due(2021) == date(2022, 1, 30)


def test_quarters_of_a_project():
    assert quarter_ends(date(2021, 6, 1), date(2021, 12, 31)) == [
        date(2021, 8, 31),
        date(2021, 11, 30),
        date(2021, 12, 31),
    ]
