"""Who owes what, read from the records: a POA year's quarters and annual
reports, a plan's commitment reports."""

from __future__ import annotations

from datetime import date

import pytest

from ruta.accounts.models import Role
from ruta.opengov.services import (
    ReportDraft,
    action_plan_create,
    action_plan_retire,
    commitment_add,
    commitment_report_save,
    reporting_period_open,
)
from ruta.timeliness.kinds import ANNUAL_REPORT, COMMITMENT_REPORT, POA_QUARTER
from ruta.timeliness.rules import Standing
from ruta.timeliness.selectors import desk_obligations, obligations
from testkit.factories.catalog import AgencyFactory

pytestmark = pytest.mark.django_db

AUGUST_1 = date(2024, 8, 1)


def _of(unit, kind, today):
    return [i for i in obligations(today, [unit.agency.pk]) if i.kind == kind]


def test_a_poa_year_owes_its_quarters_as_they_fall_due(unit):
    first, second = _of(unit, POA_QUARTER, AUGUST_1)  # Q3 is due in October
    assert (first.due, first.delivered) == (date(2024, 4, 12), date(2024, 4, 10))
    assert first.standing(AUGUST_1) == Standing.ON_TIME
    assert second.due == date(2024, 7, 12)
    assert second.standing(AUGUST_1) == Standing.OVERDUE
    assert second.days_late(AUGUST_1) == 20


def test_a_quarter_captured_after_its_due_date_is_late(unit):
    on_the_15th = date(2024, 4, 15)
    (first,) = _of(unit, POA_QUARTER, on_the_15th)
    assert first.standing(on_the_15th) == Standing.ON_TIME
    later = obligations(date(2025, 1, 31), [unit.agency.pk])
    assert [i.period for i in later if i.kind == POA_QUARTER][-1] == "2024, trimestre 4"


def test_an_annual_report_loaded_from_a_document_is_delivered_without_a_day(unit):
    march = date(2025, 3, 10)
    reports = _of(unit, ANNUAL_REPORT, march)
    assert [(r.year, r.standing(march)) for r in reports] == [
        (2023, Standing.DELIVERED),
        (2024, Standing.OVERDUE),
    ]
    assert reports[1].due == date(2025, 2, 28)


def test_the_desk_lists_what_the_agencys_staff_owe_and_nobody_elses(unit):
    listed = desk_obligations(unit.capture, AUGUST_1)
    assert [(i.kind, i.period) for i in listed] == [(POA_QUARTER, "2024, trimestre 2")]
    assert desk_obligations(unit.validator, AUGUST_1) == listed
    assert desk_obligations(unit.stranger, AUGUST_1) == []


def test_a_retired_plan_no_longer_owes_the_reports_it_did_not_receive(make_user):
    """One plan, two commitments, one period (about 0.3 s)."""
    planning = AgencyFactory(code="planeacion")
    works = AgencyFactory(code="obras")
    planner = make_user(Role.VALIDATOR, agency=planning)
    plan = action_plan_create(
        key="pal-2025-2027",
        title="Plan de Acción Local 2025-2027",
        description="",
        start_year=2025,
        end_year=2027,
        coordinator=planning,
        actor=planner,
    )
    drafted, silent = (
        commitment_add(
            plan=plan, name=name, objective="Publicar.", agency=works, actor=planner
        )
        for name in ("Obra abierta", "Contratos abiertos")
    )
    period = reporting_period_open(plan=plan, as_of=date(2026, 6, 30), actor=planner)
    commitment_report_save(
        commitment=drafted,
        period=period,
        draft=ReportDraft(progress_pct=None, progress_text="Borrador."),
        actor=make_user(Role.CAPTURE, agency=works),
    )
    october = date(2026, 10, 1)

    def owed():
        return [
            item.subject
            for item in obligations(october, [works.pk])
            if item.kind == COMMITMENT_REPORT
        ]

    assert owed() == ["Obra abierta", "Contratos abiertos"]
    action_plan_retire(plan=plan, actor=planner)
    assert owed() == []
