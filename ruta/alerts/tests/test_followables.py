"""Following goals, indicators, commitments, calls and consultations; late works."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ruta.alerts.followables import followables, keyword_words
from ruta.alerts.models import AlertEvent, AlertKind, ChannelKind, Delivery, TargetKind
from ruta.alerts.rules import FOLLOW, Keyword, keyword_parse
from ruta.alerts.selectors import TargetUnknown, target_resolve
from ruta.alerts.services import (
    deliveries_send,
    events_detect,
    late_works_detect,
    subscription_confirm,
    subscription_request,
)
from ruta.alerts.tests.helpers import ACTOR
from ruta.alerts.texts import event_text
from ruta.alerts.tokens import confirm_token
from ruta.indicators.models import ResultStatus
from ruta.opengov.models import (
    ActionPlan,
    Commitment,
    CommitmentReport,
    DraftRegulation,
    DraftVersion,
    ReportingPeriod,
    ReportStatus,
)
from ruta.works.models import WorkStatus
from testkit.factories.catalog import AgencyFactory
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory
from testkit.factories.works import ProgressFactory, WorkFactory


def _follow(kind: str, key: str, email: str):
    pending = subscription_request(
        target=target_resolve(kind, key),
        channel=ChannelKind.EMAIL,
        email=email,
        actor=ACTOR,
    )
    return subscription_confirm(
        token=confirm_token(pending.pk, pending.confirm_nonce), actor=ACTOR
    )


@pytest.fixture
def commitment(db):
    agency = AgencyFactory(code="sfia", name="Secretaría de Finanzas")
    plan = ActionPlan.objects.create(key="pal", title="Plan de Acción Local")
    return Commitment.objects.create(
        plan=plan,
        number=1,
        name="Portal Estatal de Transparencia Presupuestaria",
        name_key="portal",
        agency=agency,
        agency_printed="SFIA",
    )


def test_every_kind_is_declared_once_with_its_own_messaging_word():
    kinds = [item.kind for item in followables()]
    assert sorted(kinds) == sorted(set(TargetKind.values) - {TargetKind.SEARCH})
    assert len(keyword_words()) == len(kinds)


def test_seguir_compromiso_names_the_commitment_kind():
    assert keyword_parse("seguir compromiso 12", keyword_words()) == Keyword(
        FOLLOW, TargetKind.COMMITMENT, "12"
    )


def test_a_commitments_published_report_reaches_its_followers_by_email(
    smtp, commitment
):
    _follow(TargetKind.COMMITMENT, str(commitment.pk), "ana@example.org")
    events_detect(actor=ACTOR)  # the cursors start at the newest events
    period = ReportingPeriod.objects.create(
        plan=commitment.plan, as_of=date(2020, 2, 5)
    )
    report = CommitmentReport.objects.create(
        commitment=commitment,
        period=period,
        progress_pct=Decimal("40"),
        progress_text="Arquitectura en desarrollo.",
        status=ReportStatus.SUBMITTED,
    )
    assert events_detect(actor=ACTOR) == 0  # sent to review is not public
    report.status = ReportStatus.PUBLISHED
    report.save()
    assert events_detect(actor=ACTOR) == 1
    event = AlertEvent.objects.get()
    assert (event.target_kind, event.target_key, event.work) == (
        TargetKind.COMMITMENT,
        str(commitment.pk),
        None,
    )
    assert deliveries_send(now=timezone.now(), actor=ACTOR).sent == 1
    (message,) = smtp.parsed()
    body = message.get_content()
    assert "Portal Estatal de Transparencia Presupuestaria" in body
    assert "40.00 %" in body
    assert f"/gobierno-abierto/pal/compromisos/{commitment.number}/" in body


def test_an_indicators_approved_result_is_an_alert_and_a_feed_entry(client, make_user):
    card = IndicatorCardFactory()
    events_detect(actor=ACTOR)
    result = IndicatorResultFactory(
        card=card,
        year=2024,
        value=Decimal("92.5"),
        status=ResultStatus.CAPTURED,
        captured_by=make_user(),
    )
    assert events_detect(actor=ACTOR) == 0
    result.status, result.approved_by = ResultStatus.APPROVED, make_user()
    result.save()
    assert events_detect(actor=ACTOR) == 1
    assert "92.5" in event_text(AlertEvent.objects.get())
    feed = client.get(f"/es-mx/avisos/canal/indicator/{card.pk}.atom")
    assert feed.status_code == 200
    assert "92.5" in feed.content.decode()


def test_a_consultations_new_version_and_its_close_alert(db):
    agency = AgencyFactory(code="cem", name="Comisión de Mejora Regulatoria")
    draft = DraftRegulation.objects.create(
        slug="reglamento-obra",
        title="Reglamento de obra pública",
        agency=agency,
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 2, 1),
    )
    events_detect(actor=ACTOR)
    DraftVersion.objects.create(draft=draft, number=2, text="Artículo 1. Texto.")
    draft.closed_at = timezone.now()
    draft.save()
    assert events_detect(actor=ACTOR) == 2
    kinds = set(AlertEvent.objects.values_list("kind", flat=True))
    assert kinds == {AlertKind.PUBLISHED, AlertKind.CLOSED}


def test_what_is_not_public_cannot_be_followed(db):
    for kind, key in (
        (TargetKind.CALL, "no-publicada"),
        (TargetKind.GOAL, "999999"),
        (TargetKind.COMMITMENT, "9" * 12),  # past an integer: unknown, no error
        (TargetKind.INDICATOR, "abc"),
    ):
        with pytest.raises(TargetUnknown):
            target_resolve(kind, key)


def test_the_follow_page_of_a_commitment_in_both_languages(
    client, commitment, settings
):
    settings.RUTA_WHATSAPP_NUMBER = "526621234567"
    for language in ("es-mx", "en"):
        page = client.get(f"/{language}/avisos/seguir/commitment/{commitment.pk}/")
        assert page.status_code == 200
        assert f"SEGUIR COMPROMISO {commitment.pk}" in page.content.decode()
    assert client.get("/es-mx/avisos/seguir/nada/1/").status_code == 404


def test_a_late_work_alerts_its_followers_once_per_standing_of_its_progress(
    db, hermosillo
):
    today = timezone.localdate()
    work = WorkFactory(
        public_id="SON-2024-00900",
        municipality=hermosillo,
        published=True,
        published_at=timezone.now(),
        status=WorkStatus.IN_EXECUTION,
        start_date=today - timedelta(days=90),
        end_date=today + timedelta(days=10),
    )
    ProgressFactory(work=work, physical_percent=10, date=today - timedelta(days=30))
    assert late_works_detect(today=today, actor=ACTOR) == 1  # installing: silent
    subscription = _follow(TargetKind.WORK, work.public_id, "beto@example.org")
    assert late_works_detect(today=today, actor=ACTOR) == 0  # the same standing
    ProgressFactory(work=work, physical_percent=20, date=today)
    assert late_works_detect(today=today, actor=ACTOR) == 1  # still late after it
    late = AlertEvent.objects.filter(kind=AlertKind.LATE).latest("id")
    assert Delivery.objects.filter(subscription=subscription, event=late).exists()
    assert "atrasada" in event_text(late)
