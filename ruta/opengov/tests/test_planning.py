"""Action plans and commitments registered on the site, then reported each period."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events, MiddlewareEvents

from ruta.accounts.cycles import step_take
from ruta.accounts.desk import desk_entries
from ruta.accounts.models import Role
from ruta.opengov.cycles import REPORT
from ruta.opengov.models import ActionPlan, Commitment
from ruta.opengov.reporting_selectors import report_tasks
from ruta.opengov.rules import (
    STANDARD_QUESTIONNAIRE,
    commitment_years_problem,
    plan_key_problem,
    plan_years_problem,
)
from ruta.opengov.selectors import commitment_timeline
from ruta.opengov.services import (
    ReportDraft,
    action_plan_create,
    action_plan_retire,
    action_plan_update,
    commitment_add,
    commitment_remove,
    commitment_report_save,
    commitment_update,
    reporting_period_open,
)
from testkit.factories.catalog import AgencyFactory

NEW = reverse("opengov:plan_new")


def test_plan_keys_and_years_are_bounded():
    assert plan_key_problem("pal-2025-2027") is None
    assert plan_key_problem("PAL 2025") == "plan_key_invalid"
    assert plan_key_problem("nuevo") == "plan_key_reserved"
    assert plan_years_problem(2025, 2027) is None
    assert plan_years_problem(1999, 2001) == "year_out_of_bounds"
    assert plan_years_problem(2027, 2025) == "years_reversed"
    assert plan_years_problem(2025, 2040) == "plan_too_long"
    assert (
        commitment_years_problem(plan_start=2025, plan_end=2027, start=2026, end=2027)
        is None
    )
    assert (
        commitment_years_problem(plan_start=2025, plan_end=2027, start=2024, end=2026)
        == "commitment_outside_plan"
    )


@pytest.fixture
def units(db):
    return {
        "planning": AgencyFactory(code="planeacion", name="Unidad de Planeación"),
        "works": AgencyFactory(code="obras", name="Secretaría de Obras"),
    }


@pytest.fixture
def people(units, make_user):
    return {
        "planner": make_user(Role.VALIDATOR, agency=units["planning"]),
        "works": make_user(Role.CAPTURE, agency=units["works"]),
    }


def _plan(units, people, **changes):
    values = {
        "key": "pal-2025-2027",
        "title": "Plan de Acción Local 2025-2027",
        "description": "Compromisos de apertura del gobierno.",
        "start_year": 2025,
        "end_year": 2027,
        "coordinator": units["planning"],
        "actor": people["planner"],
    }
    return action_plan_create(**{**values, **changes})


def test_a_plan_registered_on_the_site_receives_a_period_report(units, people):
    plan = _plan(units, people)
    commitment = commitment_add(
        plan=plan,
        name="Obra pública abierta",
        objective="Publicar cada obra con su avance.",
        agency=units["works"],
        start_year=2026,
        end_year=2027,
        actor=people["planner"],
    )
    assert (commitment.number, commitment.agency_printed) == (1, "Secretaría de Obras")
    early = reporting_period_open(
        plan=plan, as_of=date(2025, 12, 31), actor=people["planner"]
    )
    period = reporting_period_open(
        plan=plan, as_of=date(2026, 6, 30), actor=people["planner"]
    )
    # The commitment starts in 2026: not asked for 2025.
    assert [t.period for t in report_tasks(people["works"], plan)] == [period]
    with pytest.raises(ValidationError) as refused:
        commitment_report_save(
            commitment=commitment,
            period=early,
            draft=ReportDraft(progress_pct=Decimal(10), progress_text="x"),
            actor=people["works"],
        )
    assert refused.value.code == "period_outside_commitment"
    draft = ReportDraft(
        progress_pct=Decimal(45),
        progress_text="Primeras obras publicadas.",
        answers={name: "No aplica" for _c, name, _q in STANDARD_QUESTIONNAIRE},
    )
    report = commitment_report_save(
        commitment=commitment, period=period, draft=draft, actor=people["works"]
    )
    step_take(REPORT, report, "submit", actor=people["works"])
    step_take(REPORT, report, "publish", actor=people["planner"])
    (point,) = commitment_timeline(commitment)
    assert point.progress_pct == Decimal("45.00")


def test_a_period_outside_the_plan_s_years_is_refused(units, people):
    plan = _plan(units, people, start_year=2020, end_year=2022)
    with pytest.raises(ValidationError) as refused:
        reporting_period_open(
            plan=plan, as_of=date(2023, 3, 31), actor=people["planner"]
        )
    assert refused.value.error_dict["as_of"][0].code == "date_outside_plan"
    assert not plan.periods.exists()


def test_a_commitment_outside_the_plan_s_years_or_named_twice_is_refused(units, people):
    plan = _plan(units, people)
    values = {
        "plan": plan,
        "name": "Obra pública abierta",
        "objective": "Publicar cada obra.",
        "agency": units["works"],
        "actor": people["planner"],
    }
    with pytest.raises(ValidationError) as refused:
        commitment_add(**values, start_year=2024, end_year=2026)
    assert refused.value.error_dict["start_year"][0].code == "commitment_outside_plan"
    commitment = commitment_add(**values)
    assert (commitment.start_year, commitment.end_year) == (2025, 2027)
    with pytest.raises(ValidationError) as refused:
        commitment_add(**{**values, "name": "OBRA PÚBLICA ABIERTA."})
    assert refused.value.error_dict["name"][0].code == "commitment_exists"
    assert plan.commitments.count() == 1


def test_only_a_unit_s_validators_register_its_plan_and_commitments(units, people):
    with pytest.raises(PermissionDenied):
        _plan(units, people, actor=people["works"])
    with pytest.raises(PermissionDenied):
        _plan(units, people, coordinator=units["works"])
    plan = _plan(units, people)
    with pytest.raises(PermissionDenied):
        commitment_add(
            plan=plan,
            name="Obra pública abierta",
            objective="Publicar cada obra.",
            agency=units["works"],
            actor=people["works"],
        )
    assert not Commitment.objects.exists()


def test_an_agency_of_another_state_is_refused(units, people, settings):
    settings.RUTA_STATE = "26"
    with pytest.raises(ValidationError) as refused:
        _plan(units, people)
    assert refused.value.error_dict["coordinator"][0].code == "agency_not_here"
    assert not ActionPlan.objects.exists()


def test_the_planner_registers_a_plan_and_a_commitment_on_the_site(
    client, units, people
):
    client.force_login(people["planner"])
    assert "opengov-new-plan" in {e.task.key for e in desk_entries(people["planner"])}
    assert client.get(NEW).status_code == 200
    response = client.post(
        NEW,
        {
            "title": "Plan de Acción Local 2025-2027",
            "key": "pal-2025-2027",
            "start_year": "2025",
            "end_year": "2027",
            "description": "",
            "coordinator": units["planning"].pk,
        },
    )
    plan = ActionPlan.objects.get()
    staff_page = reverse("opengov:reporting", args=[plan.key])
    assert response.headers["Location"] == staff_page
    response = client.post(
        staff_page,
        {
            "name": "Obra pública abierta",
            "objective": "Publicar cada obra con su avance.",
            "agency": units["works"].pk,
            "start_year": "",
            "end_year": "",
        },
    )
    assert response.status_code == 302
    assert plan.commitments.get().name == "Obra pública abierta"
    response = client.post(
        staff_page,
        {
            "name": "Datos abiertos",
            "objective": "Publicar los datos.",
            "agency": units["works"].pk,
            "start_year": "2024",
            "end_year": "2026",
        },
    )
    assert "quedan dentro de los del plan: 2025–2027" in response.content.decode()
    staff = client.get(staff_page).content.decode()
    assert "1. Obra pública abierta · Secretaría de Obras · 2025–2027" in staff
    public = client.get(reverse("opengov:plans")).content.decode()
    assert plan.get_absolute_url() in public
    public = client.get(plan.get_absolute_url()).content.decode()
    assert "Obra pública abierta" in public
    assert "El plan corre de 2025 a 2027." in public


def test_the_form_says_why_a_plan_is_refused_and_writes_nothing(client, units, people):
    client.force_login(people["planner"])
    response = client.post(
        NEW,
        {
            "title": "Plan",
            "key": "consultas",
            "start_year": "2027",
            "end_year": "2025",
            "coordinator": units["planning"].pk,
        },
    )
    assert response.status_code == 400
    assert "no puede ser «consultas»" in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_someone_without_the_permission_gets_403(client, units, people):
    client.force_login(people["works"])
    assert client.get(NEW).status_code == 403
    plan = _plan(units, people)
    response = client.post(
        reverse("opengov:reporting", args=[plan.key]),
        {"name": "Otro", "objective": "Otro.", "agency": units["works"].pk},
    )
    assert response.status_code == 403
    assert not plan.commitments.exists()


def _commitment(plan, units, people, **changes):
    values = {
        "plan": plan,
        "name": "Obra pública abierta",
        "objective": "Publicar cada obra con su avance.",
        "agency": units["works"],
        "actor": people["planner"],
    }
    return commitment_add(**{**values, **changes})


def test_a_plan_and_its_commitment_are_edited_and_audited(units, people):
    plan = _plan(units, people)
    commitment = _commitment(plan, units, people, start_year=2026, end_year=2027)
    planner = people["planner"]
    reporting_period_open(plan=plan, as_of=date(2026, 6, 30), actor=planner)
    # the years keep the plan's periods and its commitments
    with pytest.raises(ValidationError) as refused:
        action_plan_update(
            plan=plan,
            title=plan.title,
            description="",
            start_year=2027,
            end_year=2028,
            actor=planner,
        )
    assert refused.value.error_dict["start_year"][0].code == "period_outside_years"
    updated = action_plan_update(
        plan=plan,
        title="Plan de Acción Local 2025-2028",
        description="Ampliado un año.",
        start_year=2025,
        end_year=2028,
        actor=planner,
    )
    assert (updated.title, updated.end_year) == ("Plan de Acción Local 2025-2028", 2028)
    changed = commitment_update(
        commitment=commitment,
        name="Obras abiertas",
        objective="Publicar cada obra, su contrato y su avance.",
        agency=units["planning"],
        start_year=2026,
        end_year=2028,
        actor=planner,
    )
    assert (changed.number, changed.agency_printed) == (1, "Unidad de Planeación")
    services = {
        (e.pgh_label, e.pgh_context["service"])
        for record in (updated, changed)
        for e in MiddlewareEvents.objects.tracks(record)
    }
    assert {("update", "action_plan_update"), ("update", "commitment_update")} <= (
        services
    )


def test_only_a_commitment_nobody_reported_on_is_removed(units, people):
    plan = _plan(units, people)
    planner = people["planner"]
    kept = _commitment(plan, units, people)
    dropped = _commitment(plan, units, people, name="Otro compromiso")
    period = reporting_period_open(plan=plan, as_of=date(2026, 6, 30), actor=planner)
    commitment_report_save(
        commitment=kept,
        period=period,
        draft=ReportDraft(progress_pct=Decimal(10), progress_text="Primer avance."),
        actor=people["works"],
    )
    with pytest.raises(ValidationError) as refused:
        commitment_remove(commitment=kept, actor=planner)
    assert refused.value.code == "commitment_reported"
    with pytest.raises(ValidationError) as refused:
        commitment_update(
            commitment=kept,
            name=kept.name,
            objective=kept.objective,
            agency=units["works"],
            start_year=2027,
            end_year=2027,
            actor=planner,
        )
    assert refused.value.error_dict["start_year"][0].code == "report_outside_years"
    with pytest.raises(PermissionDenied):
        commitment_remove(commitment=dropped, actor=people["works"])
    commitment_remove(commitment=dropped, actor=planner)
    assert list(plan.commitments.values_list("number", flat=True)) == [1]


def test_the_planner_edits_a_commitment_and_removes_another_on_the_site(
    client, units, people
):
    plan = _plan(units, people)
    _commitment(plan, units, people)
    _commitment(plan, units, people, name="Otro compromiso")
    edit = reverse("opengov:commitment-edit", args=[plan.key, 1])
    client.force_login(people["works"])
    assert client.get(edit).status_code == 403
    client.force_login(people["planner"])
    page = client.get(reverse("opengov:reporting", args=[plan.key])).content.decode()
    assert edit in page
    assert reverse("opengov:plan-edit", args=[plan.key]) in page
    refused = client.post(
        edit,
        {
            "name": "Obra pública abierta",
            "objective": "Publicar cada obra.",
            "agency": units["works"].pk,
            "start_year": 2020,
            "end_year": 2021,
        },
    )
    assert refused.status_code == 400
    assert "Los años del compromiso quedan dentro de los del plan" in (
        refused.content.decode()
    )
    response = client.post(
        edit,
        {
            "name": "Obra pública abierta y sus contratos",
            "objective": "Publicar cada obra.",
            "agency": units["works"].pk,
        },
    )
    assert response.status_code == 302
    assert plan.commitments.get(number=1).name == "Obra pública abierta y sus contratos"
    other = reverse("opengov:commitment-edit", args=[plan.key, 2])
    client.post(other, {"remove": "1"})
    assert not plan.commitments.filter(number=2).exists()
    response = client.post(
        reverse("opengov:plan-edit", args=[plan.key]),
        {"title": "Plan renombrado", "start_year": 2025, "end_year": 2027},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Plan renombrado"


def test_a_reported_plan_is_retired_with_its_reports_and_an_unreported_one_removed(
    client, units, people
):
    """One published report and two plans, through the services and one page (~2 s)."""
    planner, works = people["planner"], people["works"]
    plan = _plan(units, people)
    commitment = _commitment(plan, units, people)
    period = reporting_period_open(plan=plan, as_of=date(2026, 6, 30), actor=planner)
    report = commitment_report_save(
        commitment=commitment,
        period=period,
        draft=ReportDraft(
            progress_pct=Decimal(45),
            progress_text="Primeras obras publicadas.",
            answers={name: "No aplica" for _c, name, _q in STANDARD_QUESTIONNAIRE},
        ),
        actor=works,
    )
    step_take(REPORT, report, "submit", actor=works)
    step_take(REPORT, report, "publish", actor=planner)
    with pytest.raises(PermissionDenied):
        action_plan_retire(plan=plan, actor=works)
    client.force_login(planner)
    edit = reverse("opengov:plan-edit", args=[plan.key])
    assert "Retirar el plan" in client.get(edit).content.decode()
    response = client.post(edit, {"retire": "1"})
    assert response.headers["Location"] == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.retired_on == timezone.localdate()
    assert plan.title not in client.get(reverse("opengov:plans")).content.decode()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Este plan se retiró el" in page
    assert client.get(commitment.get_absolute_url()).status_code == 200
    assert commitment_timeline(commitment)[0].progress_pct == Decimal("45.00")
    for refused_write in (
        lambda: reporting_period_open(
            plan=plan, as_of=date(2026, 12, 31), actor=planner
        ),
        lambda: action_plan_retire(plan=plan, actor=planner),
    ):
        with pytest.raises(ValidationError) as refused:
            refused_write()
        assert refused.value.code == "plan_retired"
    assert report_tasks(works) == []
    unreported = _plan(units, people, key="pal-2028-2030", title="Plan sin informes")
    _commitment(unreported, units, people)
    assert action_plan_retire(plan=unreported, actor=planner) is None
    assert not ActionPlan.objects.filter(pk=unreported.pk).exists()
    labels = {
        (event.pgh_label, event.pgh_obj_id)
        for event in Events.objects.filter(
            pgh_model="opengov.ActionPlanEvent",
            pgh_context__service="action_plan_retire",
        )
    }
    assert labels == {("update", str(plan.pk)), ("delete", str(unreported.pk))}
