"""§4.7: the money not spent by 31 December is refunded within 30 natural days,
with proof; staff confirm the refund or reject its proof with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from pghistory.models import MiddlewareEvents

from ruta.grants import services
from ruta.grants.models import Refund
from ruta.grants.selectors.pages import dashboard
from testkit.grants import PDF, funded_agreement

D = Decimal


@pytest.fixture
def paid_out(db):
    """A signed agreement whose first 50,000 were transferred."""
    agreement, staff, applicant = funded_agreement()
    agreement.disbursements.filter(month=date(2021, 6, 1)).update(status="transferred")
    return agreement, staff, applicant


def proof() -> ContentFile:
    return ContentFile(PDF, name="reintegro.pdf")


def test_4_7_unspent_money_is_claimed_due_30_natural_days_after_31_december(paid_out):
    agreement, staff, _applicant = paid_out
    refund = services.unspent_refund_claim(
        agreement=agreement, spent=D("42000.00"), actor=staff
    )
    assert refund.amount == D("8000.00")
    assert refund.due_on == date(2022, 1, 30)
    with pytest.raises(ValidationError, match="ya se reclamó"):
        services.unspent_refund_claim(agreement=agreement, spent=D("0"), actor=staff)


@pytest.mark.parametrize("spent", [D("-1"), D("1000000000000")])
def test_4_7_a_spent_amount_out_of_bounds_is_refused(paid_out, spent):
    agreement, staff, _applicant = paid_out
    with pytest.raises(ValidationError, match="monto ejercido"):
        services.unspent_refund_claim(agreement=agreement, spent=spent, actor=staff)
    assert not Refund.objects.exists()


def test_4_7_only_the_administering_staff_claim_and_confirm(paid_out):
    agreement, staff, applicant = paid_out
    with pytest.raises(PermissionDenied):
        services.unspent_refund_claim(
            agreement=agreement, spent=D("0"), actor=applicant
        )
    refund = services.unspent_refund_claim(
        agreement=agreement, spent=D("0"), actor=staff
    )
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 10), proof=proof(), actor=applicant
    )
    with pytest.raises(PermissionDenied):
        services.refund_confirm(
            refund=refund, confirmed_on=date(2022, 1, 11), actor=applicant
        )


def test_4_7_a_rejected_proof_is_owed_again_then_confirmed_with_its_history(paid_out):
    agreement, staff, applicant = paid_out
    refund = services.unspent_refund_claim(
        agreement=agreement, spent=D("0"), actor=staff
    )
    with pytest.raises(ValidationError, match="comprobante"):
        services.refund_confirm(
            refund=refund, confirmed_on=date(2022, 1, 5), actor=staff
        )
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 10), proof=proof(), actor=applicant
    )
    with pytest.raises(ValidationError, match="motivo"):
        services.refund_reject(refund=refund, reason="  ", actor=staff)
    services.refund_reject(
        refund=refund, reason="El depósito no corresponde al monto.", actor=staff
    )
    refund.refresh_from_db()
    assert refund.paid_on is None
    assert refund.rejection_reason == "El depósito no corresponde al monto."
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 20), proof=proof(), actor=applicant
    )
    services.refund_confirm(refund=refund, confirmed_on=date(2022, 1, 21), actor=staff)
    refund.refresh_from_db()
    assert refund.confirmed_on == date(2022, 1, 21)
    with pytest.raises(ValidationError):
        services.refund_reject(refund=refund, reason="tarde", actor=staff)
    labels = set(
        MiddlewareEvents.objects.tracks(refund).values_list(
            "pgh_context__service", flat=True
        )
    )
    assert {"refund_reject", "refund_confirm"} <= labels


def test_4_7_an_overdue_refund_is_on_the_staff_and_organisation_dashboard(paid_out):
    agreement, staff, applicant = paid_out
    services.unspent_refund_claim(agreement=agreement, spent=D("0"), actor=staff)
    for user in (staff, applicant):
        items = [i for i in dashboard(user, date(2022, 2, 1)) if i.what == "refund"]
        assert [(i.due_on, i.overdue) for i in items] == [(date(2022, 1, 30), True)]


def test_4_7_staff_claim_and_reject_from_the_application_page(paid_out, client):
    agreement, staff, applicant = paid_out
    url = agreement.application.get_absolute_url()
    client.force_login(staff)
    client.post(url, {"action": "claim_unspent", "spent": "cuarenta"})
    assert not Refund.objects.exists()
    client.post(url, {"action": "claim_unspent", "spent": "42000.00"})
    refund = Refund.objects.get()
    assert refund.amount == D("8000.00")
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 10), proof=proof(), actor=applicant
    )
    page = client.get(url).content.decode()
    assert "Confirmar reintegro" in page
    client.post(url, {"action": "reject_refund", "pk": refund.pk, "reason": "Ilegible"})
    refund.refresh_from_db()
    assert (refund.paid_on, refund.rejection_reason) == (None, "Ilegible")
