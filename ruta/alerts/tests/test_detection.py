"""Alert events come from the audit history: once each, published works only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from ruta.accounts.actors import command_actor
from ruta.alerts.models import AlertEvent, AlertKind, Delivery, SourceCursor
from ruta.alerts.services import events_detect
from ruta.alerts.sources import event_sources
from ruta.alerts.tests.helpers import ACTOR, follow_by_email
from ruta.alerts.texts import event_text
from ruta.problems.models import ReportStatus
from ruta.problems.services import report_hide, report_status_change
from ruta.works.models import (
    DocumentKind,
    Payment,
    Work,
    WorkDocument,
    WorkStatus,
)
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory


def test_installing_alerts_announces_nothing_that_happened_before(work):
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    assert events_detect(actor=ACTOR) == 0
    assert SourceCursor.objects.count() == len(event_sources())
    assert AlertEvent.objects.count() == 0


def test_status_progress_payment_and_document_each_make_one_event(work):
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.IN_EXECUTION)
    ProgressFactory(work=work, amount_paid=Decimal("0.00"), physical_percent=10)
    ProgressFactory(work=work, amount_paid=Decimal("5000.00"), physical_percent=20)
    WorkDocument.objects.create(
        work=work,
        title="Contrato firmado",
        kind=DocumentKind.CONTRACT,
        url="https://x.mx/c",
    )
    assert events_detect(actor=ACTOR) == 4
    kinds = list(
        AlertEvent.objects.order_by("occurred_at").values_list("kind", flat=True)
    )
    assert kinds == [
        AlertKind.STATUS,
        AlertKind.PROGRESS,
        AlertKind.PAYMENT,
        AlertKind.DOCUMENT,
    ]
    status = AlertEvent.objects.get(kind=AlertKind.STATUS)
    assert status.data == {"before": "approved", "after": "in_execution"}


def test_reading_the_same_audit_events_again_makes_no_second_event(work):
    follow_by_email(work, "uno@example.org")
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    events_detect(actor=ACTOR)
    SourceCursor.objects.update(last_pgh_id=0)  # as if the cursor were lost
    assert events_detect(actor=ACTOR) == 0
    assert AlertEvent.objects.count() == 1
    assert Delivery.objects.count() == 1


def test_an_unpublished_work_never_alerts(db, hermosillo):
    hidden = WorkFactory(municipality=hermosillo)  # a proposal, not published
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=hidden.pk).update(status=WorkStatus.APPROVED)
    ProgressFactory(work=hidden)
    assert events_detect(actor=ACTOR) == 0


def test_a_municipality_follower_hears_of_its_works(work, hermosillo):
    from ruta.alerts.models import ChannelKind
    from ruta.alerts.selectors import target_resolve
    from ruta.alerts.services import subscription_request

    subscription_request(
        target=target_resolve("municipality", hermosillo.code),
        channel=ChannelKind.WHATSAPP,
        phone="5216620000000",
        actor=ACTOR,
    )
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    events_detect(actor=ACTOR)
    assert Delivery.objects.get().subscription.target_key == hermosillo.code


def test_a_saved_search_hears_only_of_works_it_matches(work, cajeme):
    from ruta.alerts.models import ChannelKind, TargetKind
    from ruta.alerts.selectors import target_resolve
    from ruta.alerts.services import subscription_request

    other = WorkFactory(
        municipality=cajeme, published=True, published_at=timezone.now()
    )
    search = target_resolve(TargetKind.SEARCH, f"municipality={cajeme.code}")
    subscription_request(
        target=search, channel=ChannelKind.WHATSAPP, phone="5216620000001", actor=ACTOR
    )
    events_detect(actor=ACTOR)
    Work.objects.filter(pk__in=[work.pk, other.pk]).update(status=WorkStatus.CONTRACTED)
    assert events_detect(actor=ACTOR) == 2
    assert Delivery.objects.get().event.work == other


def test_a_reports_status_change_alerts_its_works_followers_with_the_answer(work):

    staff = command_actor("test")
    follow_by_email(work, "uno@example.org")
    report = ProblemReportFactory(work=work)
    hidden = ProblemReportFactory(work=work)
    report_hide(report=hidden, reason="Insultos", actor=staff)
    events_detect(actor=ACTOR)
    report_status_change(
        report=report,
        status=ReportStatus.ACKNOWLEDGED,
        response="Enviamos una cuadrilla el lunes.",
        actor=staff,
    )
    report_status_change(
        report=hidden,
        status=ReportStatus.ACKNOWLEDGED,
        response="Recibido.",
        actor=staff,
    )
    assert events_detect(actor=ACTOR) == 1
    event = AlertEvent.objects.get(kind=AlertKind.REPORT)
    assert event.data == {
        "report": report.pk,
        "before": "open",
        "after": "acknowledged",
        "response": "Enviamos una cuadrilla el lunes.",
    }
    assert Delivery.objects.filter(event=event).count() == 1
    assert f"#{report.pk} pasó a «Recibida por la dependencia»: Enviamos" in (
        event_text(event)
    )


def test_a_payment_recorded_under_a_contract_alerts_once(work):
    contract = ContractFactory(work=work)
    follow_by_email(work, "uno@example.org")
    events_detect(actor=ACTOR)
    Payment.objects.create(
        contract=contract, paid_on=date(2024, 7, 1), amount=Decimal("1250.50")
    )
    assert events_detect(actor=ACTOR) == 1
    event = AlertEvent.objects.get(kind=AlertKind.PAYMENT)
    assert event.data == {"amount": "1250.50", "paid_on": "2024-07-01"}
    assert "nuevo pago de $1,250.50 el 1 de julio de 2024" in event_text(event)
    assert events_detect(actor=ACTOR) == 0


def test_a_progress_alert_writes_the_amount_paid_as_pages_do(work):
    event = AlertEvent(
        work=work,
        kind=AlertKind.PROGRESS,
        data={"percent": "67.00", "paid": "4106054.91"},
    )
    assert "67.00 % físico, $4,106,054.91 pagado" in event_text(event)
