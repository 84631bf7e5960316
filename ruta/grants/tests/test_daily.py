"""The daily deadlines job sends its notices through real SMTP (a local server)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.formats import date_format

from ruta.grants.models import Notice
from ruta.grants.services.daily import daily_run
from testkit.actors import TEST_ACTOR
from testkit.grants import funded_agreement


def test_a_report_due_soon_is_announced_once_by_e_mail(db, smtp):
    agreement, _staff, _applicant = funded_agreement()
    report = agreement.reports.order_by("period_end").first()
    today = report.due_on - timedelta(days=2)
    daily_run(today=today, actor=TEST_ACTOR)
    daily_run(today=today, actor=TEST_ACTOR)  # the same day again: nothing twice
    subjects = [body for _to, body in smtp.messages if "Informe por vencer" in body]
    assert len(subjects) == 1
    recipients, body = next(m for m in smtp.messages if "Informe por vencer" in m[1])
    assert "osc1@example.org" in recipients
    assert date_format(report.due_on, "DATE_FORMAT") in body  # as people write it
    assert Notice.objects.filter(key=f"report-due:{report.pk}").count() == 1


def test_the_invoice_window_of_the_month_is_announced(db, smtp):
    agreement, _staff, _applicant = funded_agreement()
    daily_run(today=date(2021, 6, 1), actor=TEST_ACTOR)
    assert any("5 de junio de 2021" in body for _to, body in smtp.messages)


def test_an_account_not_proven_in_time_retains_the_money(db, smtp):
    from ruta.grants.models import BankAccount

    agreement, _staff, _applicant = funded_agreement()
    BankAccount.objects.filter(agreement=agreement).update(proven_on=None)
    account = BankAccount.objects.get(agreement=agreement)
    daily_run(today=account.due_on + timedelta(days=1), actor=TEST_ACTOR)
    sanction = agreement.sanctions.get(cause="no_bank_account")
    assert sanction.kind == "retention"
    assert set(agreement.disbursements.values_list("status", flat=True)) == {
        "suspended"
    }
    assert any("Cuenta bancaria no acreditada" in body for _to, body in smtp.messages)
