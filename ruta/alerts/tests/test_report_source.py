"""Problem reports' status changes become alerts once that app is installed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.utils import timezone

from ruta.alerts.models import AlertEvent, AlertKind
from ruta.alerts.sources import REPORT_SOURCE, event_sources
from ruta.alerts.texts import event_text

needs_problems = pytest.mark.skipif(
    not apps.is_installed("ruta.problems"),
    reason="the problem reports app is not installed in this checkout",
)


@needs_problems
def test_the_report_source_is_registered_with_the_app():
    assert REPORT_SOURCE in event_sources()


def test_a_report_alert_names_the_report_and_its_new_status(work):
    event = AlertEvent(
        source="problems.status",
        source_event_id=1,
        kind=AlertKind.REPORT,
        work=work,
        occurred_at=timezone.now(),
        data={"report": 12, "before": "open", "after": "resolved"},
    )
    text = event_text(event)
    assert "#12" in text
    assert work.public_id in text


@needs_problems
def test_a_hidden_reports_change_makes_no_alert(work):
    from ruta.alerts.sources import report_status_changes

    report_model = apps.get_model("problems", "ProblemReport")
    category = apps.get_model("problems", "Category").objects.first()
    if category is None:
        pytest.skip("no problem category in the database")
    shown = report_model.objects.create(work=work, category=category, description="x")
    hidden = report_model.objects.create(
        work=work, category=category, description="y", hidden_reason="abuso"
    )
    events = [
        SimpleNamespace(
            pgh_label="insert",
            pgh_id=n,
            pgh_created_at=timezone.now(),
            report_id=report.pk,
            status_from="open",
            status_to="acknowledged",
        )
        for n, report in enumerate((shown, hidden), start=1)
    ]
    found = list(report_status_changes(events))
    assert [change.data["report"] for change in found] == [shown.pk]
