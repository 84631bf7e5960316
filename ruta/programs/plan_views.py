"""Pages of a POA year opened on the site: open it, write its goals, submit, approve.

Views only parse the request, call a service or a selector and render; the
services decide who may and refuse with a message at the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.common.web.forms import action_submit, form_submit
from ruta.programs import selectors, services
from ruta.programs.models import Goal, PlanStatus, UnitProgram
from ruta.programs.plan_forms import (
    GoalForm,
    GoalLinksForm,
    OpenYearForm,
)

GOAL_FIELDS = {
    "number_out_of_bounds": "number",
    "number_taken": "number",
    "amount_out_of_bounds": "annual_target",
    "programming_off_target": "annual_target",
}


def _unit_program(request: SignedInRequest, pk: int) -> UnitProgram:
    try:
        unit_program = selectors.unit_program_get(pk)
    except UnitProgram.DoesNotExist as missing:
        raise Http404("unit program not found") from missing
    if not selectors.is_unit_staff(request.user, unit_program):
        raise PermissionDenied
    return unit_program


@never_cache
@login_required
def year_open(request: SignedInRequest) -> HttpResponse:
    """Open a unit's program for a year; list the years in preparation."""
    units = selectors.units_to_open(request.user)
    plans = selectors.plans_in_preparation(request.user)
    if not selectors.may_open_years(request.user, units=units, plans=plans):
        raise PermissionDenied
    form = OpenYearForm(request.POST or None, units=units, years=selectors.open_years())
    if request.method == "POST":
        opened = form_submit(
            form,
            lambda: services.unit_program_open(**form.cleaned_data, actor=request.user),
            fields={"program_missing": "program_code", "plan_exists": "fiscal_year"},
        )
        if opened.ok and opened.value is not None:
            messages.success(request, _("Programa anual abierto en preparación."))
            return redirect("programs:plan", pk=opened.value.pk)
    return render(
        request,
        "programs/plan/open.html",
        {"form": form, "plans": plans},
    )


@never_cache
@login_required
def plan_page(request: SignedInRequest, pk: int) -> HttpResponse:
    """Show a year's goals and programming, and what can be done with it now."""
    unit_program = _unit_program(request, pk)
    user = request.user
    draft = unit_program.plan_status == PlanStatus.DRAFT
    return render(
        request,
        "programs/plan/plan.html",
        {
            "unit_program": unit_program,
            "goals": [
                (goal, {row.quarter: row.programmed for row in goal.quarters.all()})
                for goal in unit_program.goals.all()
            ],
            "may_edit": draft and can(user, Action.CAPTURE, unit_program),
        },
    )


def _goal_form_page(
    request: SignedInRequest, unit_program: UnitProgram, goal: Goal | None
) -> HttpResponse:
    initial = GoalForm.of_goal(goal) if goal is not None else None
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = form_submit(
            form,
            lambda: services.goal_save(
                unit_program=unit_program,
                draft=form.draft(),
                goal=goal,
                actor=request.user,
            ),
            fields=GOAL_FIELDS,
        )
        if saved.ok:
            messages.success(request, _("Meta guardada."))
            return redirect("programs:plan", pk=unit_program.pk)
    return render(
        request,
        "programs/plan/goal.html",
        {"unit_program": unit_program, "goal": goal, "form": form},
    )


@never_cache
@login_required
def goal_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """Add a goal with its target and quarterly programming."""
    return _goal_form_page(request, _unit_program(request, pk), None)


@never_cache
@login_required
def goal_edit(request: SignedInRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Change a goal of a year in preparation."""
    unit_program = _unit_program(request, pk)
    goal = get_object_or_404(unit_program.goals.all(), pk=goal_pk)
    return _goal_form_page(request, unit_program, goal)


def _decided(request: SignedInRequest, action: Callable[[], object], done: str) -> None:
    """Run ``action`` (a service call); show its refusal or ``done``."""
    if action_submit(request, action).ok:
        messages.success(request, done)


@require_POST
@login_required
def goal_delete(request: SignedInRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Take a goal out of a year in preparation."""
    unit_program = _unit_program(request, pk)
    goal = get_object_or_404(unit_program.goals.all(), pk=goal_pk)
    _decided(
        request,
        lambda: services.goal_remove(goal=goal, actor=request.user),
        _("Meta quitada."),
    )
    return redirect("programs:plan", pk=pk)


@never_cache
@login_required
def goal_links(request: SignedInRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Link a goal to the works and committees it counts; show what they give."""
    unit_program = _unit_program(request, pk)
    goal = get_object_or_404(unit_program.goals.all(), pk=goal_pk)
    initial = {
        "works": "\n".join(goal.works.values_list("public_id", flat=True)),
        "committees": "\n".join(
            goal.committees.values_list("work__public_id", flat=True)
        ),
    }
    form = GoalLinksForm(request.POST or None, initial=initial)
    if request.method == "POST":
        linked = form_submit(
            form,
            lambda: services.goal_links_set(
                goal=goal,
                works=form.keys("works"),
                committees=form.keys("committees"),
                actor=request.user,
            ),
        )
        if linked.ok:
            messages.success(request, _("Vínculos guardados."))
            return redirect("programs:goal-links", pk=pk, goal_pk=goal_pk)
    return render(
        request,
        "programs/plan/links.html",
        {
            "unit_program": unit_program,
            "goal": goal,
            "form": form,
            "progress": selectors.linked_progress(
                goal, unit_program.program.fiscal_year_id
            ),
            "may_link": can(request.user, Action.CAPTURE, goal),
        },
    )
