"""Payments as records: the rules, the service and how a work's page shows them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ruta.works.models import Payment, WorkStatus
from ruta.works.rules import invoice_uuid, payment_date_problem, payment_overrun
from ruta.works.selectors import work_detail
from ruta.works.selectors.route import money_route, work_payments
from ruta.works.services import payment_record
from testkit.actors import TEST_ACTOR
from testkit.factories.works import (
    ContractFactory,
    ProgressFactory,
    WorkFactory,
    ayuntamiento_of,
)

UUID = "6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5B"
SIGNED = date(2024, 2, 20)


@pytest.fixture
def contract(hermosillo):
    work = WorkFactory(
        municipality=hermosillo,
        executing_agency=ayuntamiento_of(hermosillo),
        status=WorkStatus.IN_EXECUTION,
        total_investment=Decimal("1000.00"),
        published=True,
    )
    return ContractFactory(
        work=work, number="C-1", amount=Decimal("900.00"), signed_on=SIGNED
    )


def _pay(contract, amount="300.00", on=date(2024, 3, 1), invoice="", actor=None):
    return payment_record(
        contract=contract,
        paid_on=on,
        amount=Decimal(amount),
        invoice=invoice,
        actor=actor or TEST_ACTOR,
    )


def test_an_invoice_uuid_is_read_in_either_case_and_kept_in_upper_case():
    assert invoice_uuid(UUID.lower()) == UUID
    assert invoice_uuid(f"  {UUID} ") == UUID


@pytest.mark.parametrize(
    "text",
    [
        "",
        "6F1C2B3A4D5E4F608A9B0C1D2E3F4A5B",
        "6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5",
        "Z" * 36,
    ],
)
def test_a_malformed_invoice_uuid_is_not_one(text):
    assert invoice_uuid(text) is None


def test_the_overrun_is_what_goes_past_the_contract():
    assert payment_overrun(Decimal(900), Decimal(600), Decimal(300)) == 0
    assert payment_overrun(Decimal(900), Decimal(600), Decimal("300.01")) == Decimal(
        "0.01"
    )


def test_a_payment_date_is_bounded_by_the_signature_and_today():
    today = date(2024, 6, 1)
    assert payment_date_problem(date(2024, 3, 1), signed_on=SIGNED, today=today) == ""
    assert (
        payment_date_problem(date(2024, 2, 1), signed_on=SIGNED, today=today)
        == "payment_before_contract"
    )
    assert (
        payment_date_problem(date(2024, 6, 2), signed_on=SIGNED, today=today)
        == "payment_in_future"
    )
    assert (
        payment_date_problem(
            date(1999, 12, 31), signed_on=date(1990, 1, 1), today=today
        )
        == "payment_too_old"
    )


def test_a_payment_is_recorded_with_its_invoice_and_audit_event(contract):
    payment = _pay(contract, invoice=UUID.lower())
    assert payment.invoice_label == UUID
    event = payment.events.get()
    assert event.pgh_label == "insert"
    assert event.pgh_context.metadata["service"] == "payment_record"


def test_payments_cannot_exceed_the_contract_and_nothing_is_saved(contract):
    _pay(contract, amount="600.00")
    with pytest.raises(ValidationError) as refused:
        _pay(contract, amount="300.01")
    assert refused.value.code == "payments_exceed_contract"
    assert "$0.01" in refused.value.messages[0]
    assert Payment.objects.count() == 1


def test_an_invoice_pays_once_whatever_its_case(contract):
    _pay(contract, invoice=UUID)
    with pytest.raises(ValidationError) as refused:
        _pay(contract, invoice=UUID.lower())
    assert refused.value.code == "invoice_uuid_reused"
    assert Payment.objects.count() == 1


def test_a_malformed_invoice_is_refused(contract):
    with pytest.raises(ValidationError) as refused:
        _pay(contract, invoice="F-123")
    assert refused.value.code == "invoice_uuid_format"
    assert not Payment.objects.exists()


def test_a_payment_dated_after_today_is_refused(contract):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        _pay(contract, on=tomorrow)
    assert refused.value.code == "payment_in_future"


def test_a_payment_before_the_contract_was_signed_is_refused(contract):
    with pytest.raises(ValidationError) as refused:
        _pay(contract, on=SIGNED - timedelta(days=1))
    assert refused.value.code == "payment_before_contract"


def test_capture_staff_of_another_municipality_cannot_record_a_payment(
    contract, cajeme_capture
):
    with pytest.raises(PermissionDenied):
        _pay(contract, actor=cajeme_capture)
    assert not Payment.objects.exists()


def test_capture_staff_of_the_scope_record_a_payment_named_in_its_history(
    contract, hermosillo_capture
):
    payment = _pay(contract, actor=hermosillo_capture)
    assert payment.recorded_by == hermosillo_capture
    assert payment.events.get().pgh_context.metadata["user"] == hermosillo_capture.pk


def test_records_replace_the_derived_payments_and_join_their_contract(contract):
    ProgressFactory(
        work=contract.work, date=date(2024, 4, 1), amount_paid=Decimal("500.00")
    )
    second = ContractFactory(
        work=contract.work, number="C-2", amount=Decimal("100.00"), signed_on=SIGNED
    )
    _pay(contract, amount="300.00", invoice=UUID)
    _pay(second, amount="50.00", on=date(2024, 3, 5))
    detail = work_detail(public_id=contract.work.public_id)
    payments = work_payments(detail)
    assert [(p.amount, p.contract.number, p.derived) for p in payments] == [
        (Decimal("300.00"), "C-1", False),
        (Decimal("50.00"), "C-2", False),
    ]
    route = money_route(detail, payments)
    flows = {
        (link.source.title, link.amount)
        for link in route.links
        if link.target.kind == "payment"
    }
    assert flows == {
        (contract.contractor_name, Decimal("300.00")),
        (second.contractor_name, Decimal("50.00")),
    }


def test_without_records_the_payments_are_derived_and_say_so(client, contract):
    ProgressFactory(
        work=contract.work, date=date(2024, 4, 1), amount_paid=Decimal("500.00")
    )
    page = client.get(contract.work.get_absolute_url()).content.decode()
    assert "Pagos derivados del avance" in page
    assert "no aplica (pago derivado)" in page


def test_the_work_page_lists_payment_records_with_their_invoice(
    client, contract, hermosillo_capture
):
    _pay(contract, amount="300.00", invoice=UUID.lower(), actor=hermosillo_capture)
    page = client.get(contract.work.get_absolute_url()).content.decode()
    assert "Pagos registrados" in page
    assert UUID in page
    assert "$300.00" in page
    assert "Pagos derivados" not in page
