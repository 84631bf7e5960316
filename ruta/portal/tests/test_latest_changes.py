"""The home page's latest changes, read from the works' audit events."""

from __future__ import annotations

import pytest

from ruta.portal import selectors
from ruta.portal.selectors import latest_changes
from ruta.works.models import Work, WorkStatus
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db


def test_a_status_change_is_listed_with_its_before_and_after():
    work = WorkFactory(published=True)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.IN_EXECUTION)
    [latest, created] = latest_changes()[:2]
    assert latest.work == work
    assert latest.fields == [("status", "Aprobada", "En ejecución")]
    assert created.fields == [("created", None, None)]


def test_an_update_of_no_public_field_is_not_listed():
    work = WorkFactory(published=True)
    Work.objects.filter(pk=work.pk).update(locality="Otra localidad")
    assert [change.fields for change in latest_changes()] == [[("created", None, None)]]


def test_unpublished_works_are_not_listed():
    WorkFactory()
    assert latest_changes() == []


def test_each_change_is_compared_with_the_same_works_previous_event():
    first, second = WorkFactory(published=True), WorkFactory(published=True)
    Work.objects.filter(pk=first.pk).update(beneficiaries=300)
    Work.objects.filter(pk=second.pk).update(beneficiaries=700)
    changes = latest_changes()
    assert [(c.work, c.fields) for c in changes[:2]] == [
        (second, [("beneficiaries", 100, 700)]),
        (first, [("beneficiaries", 100, 300)]),
    ]


def test_a_change_after_the_page_was_read_is_listed_at_once():
    work = WorkFactory(published=True)
    assert [change.fields for change in latest_changes()] == [[("created", None, None)]]
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.IN_EXECUTION)
    assert latest_changes()[0].fields == [("status", "Aprobada", "En ejecución")]


def test_changes_are_found_behind_newer_events_of_works_nobody_sees(monkeypatch):
    monkeypatch.setattr(selectors, "CHANGES_WINDOW", 2)
    work = WorkFactory(published=True)
    WorkFactory.create_batch(3)
    assert [change.work for change in latest_changes()] == [work]


def test_events_behind_the_last_window_are_not_read(monkeypatch):
    monkeypatch.setattr(selectors, "CHANGES_WINDOW", 2)
    monkeypatch.setattr(selectors, "CHANGES_WINDOWS", 2)
    WorkFactory(published=True)
    WorkFactory.create_batch(4)
    assert latest_changes() == []
