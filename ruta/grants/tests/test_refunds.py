"""§4.7: the money not spent by 31 December is refunded within 30 natural days,
with proof; staff confirm the refund or reject its proof with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from pghistory.models import MiddlewareEvents

from ruta.accounts.cycles import step_take
from ruta.grants import services
from ruta.grants.cycles import REFUND
from ruta.grants.models import Refund, RefundStatus
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
        step_take(REFUND, refund, "confirm", actor=applicant)


def test_4_7_a_rejected_proof_is_owed_again_then_confirmed_with_its_history(paid_out):
    agreement, staff, applicant = paid_out
    refund = services.unspent_refund_claim(
        agreement=agreement, spent=D("0"), actor=staff
    )
    with pytest.raises(ValidationError) as unpaid:
        step_take(REFUND, refund, "confirm", actor=staff)
    assert unpaid.value.code == "transition_not_allowed"
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 10), proof=proof(), actor=applicant
    )
    assert Refund.objects.get().status == RefundStatus.PAID
    with pytest.raises(ValidationError, match="motivo"):
        step_take(REFUND, refund, "reject", reason="  ", actor=staff)
    step_take(
        REFUND,
        refund,
        "reject",
        reason="El depósito no corresponde al monto.",
        actor=staff,
    )
    refund.refresh_from_db()
    assert (refund.status, refund.paid_on) == (RefundStatus.OWED, None)
    assert refund.rejection_reason == "El depósito no corresponde al monto."
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 20), proof=proof(), actor=applicant
    )
    step_take(REFUND, refund, "confirm", actor=staff)
    refund.refresh_from_db()
    assert refund.status == RefundStatus.CONFIRMED
    assert refund.confirmed_on == timezone.localdate()
    assert refund.rejection_reason == ""
    with pytest.raises(ValidationError):
        step_take(REFUND, refund, "reject", reason="tarde", actor=staff)
    labels = set(
        MiddlewareEvents.objects.tracks(refund).values_list(
            "pgh_context__service", flat=True
        )
    )
    assert {"grant_refund_reject", "grant_refund_confirm"} <= labels


def test_4_7_whoever_recorded_a_refund_does_not_confirm_it(paid_out, make_user):
    from ruta.accounts.models import Role

    agreement, staff, _applicant = paid_out
    refund = services.unspent_refund_claim(
        agreement=agreement, spent=D("0"), actor=staff
    )
    administrator = make_user(Role.ADMINISTRATOR)
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 10), proof=proof(), actor=administrator
    )
    with pytest.raises(ValidationError) as refused:
        step_take(REFUND, refund, "confirm", actor=administrator)
    assert refused.value.code == "same_person"
    step_take(REFUND, refund, "confirm", actor=staff)  # who claimed it may
    assert Refund.objects.get().status == RefundStatus.CONFIRMED


def test_4_7_an_overdue_refund_is_on_the_staff_and_organisation_dashboard(paid_out):
    agreement, staff, applicant = paid_out
    services.unspent_refund_claim(agreement=agreement, spent=D("0"), actor=staff)
    for user in (staff, applicant):
        items = [i for i in dashboard(user, date(2022, 2, 1)) if i.what == "refund"]
        assert [(i.due_on, i.overdue) for i in items] == [(date(2022, 1, 30), True)]


def test_4_7_staff_claim_and_reject_from_the_application_page(paid_out, client):
    agreement, staff, applicant = paid_out
    url = agreement.application.get_absolute_url()
    application = agreement.application
    claim = reverse(
        "grants:unspent_claim", args=[application.call.code, application.folio]
    )
    client.force_login(staff)
    refused = client.post(claim, {"spent": "cuarenta"}, follow=True)
    assert "no es un importe válido" in refused.content.decode()
    assert not Refund.objects.exists()
    client.post(claim, {"spent": "42000.00"})
    refund = Refund.objects.get()
    assert refund.amount == D("8000.00")
    services.refund_pay(
        refund=refund, paid_on=date(2022, 1, 10), proof=proof(), actor=applicant
    )
    page = client.get(url).content.decode()
    assert "Confirmar reintegro" in page
    reject = REFUND.url(refund, REFUND.step("reject"))
    assert f'action="{reject}"' in page
    client.post(reject, {"reason": "Ilegible"})
    refund.refresh_from_db()
    assert (refund.paid_on, refund.rejection_reason) == (None, "Ilegible")
