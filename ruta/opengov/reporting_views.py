"""Staff pages of commitments reported on the site: periods, reports, review.

Views are thin: the signed-in person is the actor; the services decide and
refuse, and a refusal is shown where it belongs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ruta.accounts.cycles import step_take
from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.catalog.instance import instance
from ruta.common.web.forms import action_submit, form_submit, refusal_show
from ruta.opengov import selectors
from ruta.opengov.cycles import REPORT
from ruta.opengov.models import (
    ActionPlan,
    Commitment,
    CommitmentReport,
    ReportingPeriod,
)
from ruta.opengov.reporting_forms import (
    CommitmentEditForm,
    CommitmentForm,
    CoordinatorForm,
    PeriodForm,
    PlanEditForm,
    PlanForm,
    ReportForm,
)
from ruta.opengov.reporting_selectors import (
    agencies_for_plans,
    may_coordinate,
    periods_on_site,
    plan_reported,
    report_tasks,
    reports_to_publish,
)
from ruta.opengov.services import (
    action_plan_coordinator_set,
    action_plan_create,
    action_plan_retire,
    action_plan_update,
    commitment_add,
    commitment_remove,
    commitment_report_save,
    commitment_update,
    report_evidence_add,
    reporting_period_open,
)

NUMBER_MAX = 32_767
REPORT_FIELDS = {"period_not_on_site": "progress_text"}


def _plan(key: str) -> ActionPlan:
    plan = selectors.plan_by_key(key)
    if plan is None:
        raise Http404(_("No hay un plan de acción con esa clave."))
    return plan


@never_cache
@login_required
def plan_reporting(request: SignedInRequest, key: str) -> HttpResponse:
    """Open periods (coordinators), name the coordinator (administrators), and
    list what each person reports or reviews."""
    plan = _plan(key)
    user = request.user
    coordinates = may_coordinate(user, plan)
    tasks = report_tasks(user, plan)
    administers = can(user, Action.MANAGE_CATALOG)
    if not (coordinates or tasks or administers):
        raise PermissionDenied
    period_form = PeriodForm(request.POST if "as_of" in request.POST else None)
    coordinator_form = CoordinatorForm(
        request.POST if "coordinator" in request.POST else None,
        initial={"coordinator": plan.coordinator},
        state_code=plan.state_id,
    )
    if request.method == "POST" and "as_of" in request.POST:
        opened = form_submit(
            period_form,
            lambda: reporting_period_open(
                plan=plan, as_of=period_form.cleaned_data["as_of"], actor=user
            ),
        )
        if opened.ok:
            messages.success(
                request, _("Periodo abierto: las dependencias ya pueden informar.")
            )
            return redirect("opengov:reporting", key=key)
    commitment_form = CommitmentForm(
        request.POST if "objective" in request.POST else None,
        agencies=instance().agencies().order_by("name"),
    )
    if request.method == "POST" and "objective" in request.POST:
        added = form_submit(
            commitment_form,
            lambda: commitment_add(
                plan=plan, actor=user, **commitment_form.cleaned_data
            ),
        )
        if added.ok and added.value is not None:
            messages.success(
                request,
                _("Compromiso %(number)s agregado al plan.")
                % {"number": added.value.number},
            )
            return redirect("opengov:reporting", key=key)
    if request.method == "POST" and "coordinator" in request.POST:
        named = form_submit(
            coordinator_form,
            lambda: action_plan_coordinator_set(
                plan=plan,
                coordinator=coordinator_form.cleaned_data["coordinator"],
                actor=user,
            ),
        )
        if named.ok:
            messages.success(request, _("Unidad coordinadora guardada."))
            return redirect("opengov:reporting", key=key)
    return render(
        request,
        "opengov/reporting/plan.html",
        {
            "plan": plan,
            "coordinates": coordinates,
            "administers": administers,
            "period_form": period_form,
            "coordinator_form": coordinator_form,
            "commitment_form": commitment_form,
            "commitments": plan.commitments.select_related("agency"),
            "periods": periods_on_site(plan),
            "tasks": tasks,
            "to_publish": reports_to_publish(user, plan) if coordinates else [],
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_new(request: SignedInRequest) -> HttpResponse:
    """Register a new action plan, coordinated by a unit the person validates for."""
    agencies = agencies_for_plans(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        created = form_submit(
            form, lambda: action_plan_create(actor=request.user, **form.cleaned_data)
        )
        if created.ok and created.value is not None:
            messages.success(
                request, _("Plan registrado: agregue ahora sus compromisos.")
            )
            return redirect("opengov:reporting", key=created.value.key)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "opengov/reporting/plan_new.html", {"form": form}, status=status
    )


@never_cache
@login_required
def report_write(
    request: SignedInRequest, key: str, number: int, period_pk: int
) -> HttpResponse:
    """Write a commitment's report for a period; save it or send it for review."""
    plan = _plan(key)
    commitment = (
        selectors.commitment_by_number(plan, number) if number <= NUMBER_MAX else None
    )
    if commitment is None:
        raise Http404(_("El plan no tiene ese compromiso."))
    if not can(request.user, Action.CAPTURE, commitment):
        raise PermissionDenied
    period = get_object_or_404(ReportingPeriod, pk=period_pk, plan=plan, document=None)
    report = CommitmentReport.objects.filter(
        commitment=commitment, period=period
    ).first()
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        initial=ReportForm.of_report(report),
    )
    if request.method == "POST":
        saved = form_submit(
            form,
            lambda: _save(request, commitment, period, form),
            fields=REPORT_FIELDS,
        )
        if saved.ok and saved.value is not None:
            if "submit" not in request.POST:
                messages.success(
                    request, _("Informe guardado; envíelo cuando esté completo.")
                )
                return redirect(request.path)
            try:
                step_take(REPORT, saved.value, "submit", actor=request.user)
            except ValidationError as refused:
                refusal_show(form, refused)
            else:
                messages.success(request, REPORT.step("submit").done)
                return redirect("opengov:reporting", key=key)
        report = CommitmentReport.objects.filter(
            commitment=commitment, period=period
        ).first()
    return render(
        request,
        "opengov/reporting/report.html",
        {
            "plan": plan,
            "commitment": commitment,
            "period": period,
            "report": report,
            "form": form,
            "editable": report is None or report.status == "draft",
        },
    )


def _save(
    request: SignedInRequest,
    commitment: Commitment,
    period: ReportingPeriod,
    form: ReportForm,
) -> CommitmentReport:
    report = commitment_report_save(
        commitment=commitment,
        period=period,
        draft=form.draft(),
        actor=request.user,
    )
    upload = form.cleaned_data.get("evidence_file")
    if upload:
        report_evidence_add(
            report=report, file=upload, name=upload.name, actor=request.user
        )
    return report


def _reviewed(request: SignedInRequest, pk: int) -> CommitmentReport:
    report = get_object_or_404(
        CommitmentReport.objects.select_related("commitment__plan", "period"), pk=pk
    )
    if not may_coordinate(request.user, report.commitment.plan):
        raise PermissionDenied
    return report


@never_cache
@login_required
def report_review(request: SignedInRequest, pk: int) -> HttpResponse:
    """Show a report sent for review, to publish it or send it back."""
    report = _reviewed(request, pk)
    activities, answers = selectors.report_detail(report)
    return render(
        request,
        "opengov/reporting/review.html",
        {
            "report": report,
            "commitment": report.commitment,
            "plan": report.commitment.plan,
            "activities": activities,
            "answers": answers,
        },
    )


def _coordinated(request: SignedInRequest, key: str) -> ActionPlan:
    plan = _plan(key)
    if not may_coordinate(request.user, plan):
        raise PermissionDenied
    return plan


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_edit(request: SignedInRequest, key: str) -> HttpResponse:
    """Change a plan's title, years and description, or retire it (its
    coordinating unit)."""
    plan = _coordinated(request, key)
    if request.method == "POST" and "retire" in request.POST:
        return _plan_retire(request, plan)
    form = PlanEditForm(
        request.POST or None,
        initial={
            "title": plan.title,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "description": plan.description,
        },
    )
    if request.method == "POST":
        saved = form_submit(
            form,
            lambda: action_plan_update(
                plan=plan, actor=request.user, **form.cleaned_data
            ),
        )
        if saved.ok:
            messages.success(request, _("Plan guardado."))
            return redirect("opengov:reporting", key=key)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "opengov/reporting/plan_edit.html",
        {"plan": plan, "form": form, "reported": plan_reported(plan)},
        status=status,
    )


def _plan_retire(request: SignedInRequest, plan: ActionPlan) -> HttpResponse:
    retired = action_submit(
        request, lambda: action_plan_retire(plan=plan, actor=request.user)
    )
    if not retired.ok:
        return redirect("opengov:plan-edit", key=plan.key)
    if retired.value is None:
        messages.success(request, _("Plan quitado: nadie había informado sobre él."))
        return redirect("opengov:plans")
    messages.success(
        request, _("Plan retirado: sale de las listas y conserva sus informes.")
    )
    return redirect("opengov:plan", key=plan.key)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_edit(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    """Change a commitment of the plan, or take out one nobody reported on."""
    plan = _coordinated(request, key)
    commitment = get_object_or_404(plan.commitments, number=number)
    if request.method == "POST" and "remove" in request.POST:
        removed = action_submit(
            request,
            lambda: commitment_remove(commitment=commitment, actor=request.user),
        )
        if removed.ok:
            messages.success(
                request,
                _("Compromiso %(number)s quitado del plan.") % {"number": number},
            )
            return redirect("opengov:reporting", key=key)
        return redirect("opengov:commitment-edit", key=key, number=number)
    form = CommitmentEditForm(
        request.POST or None,
        agencies=instance().agencies().order_by("name"),
        initial={
            "name": commitment.name,
            "objective": commitment.objective,
            "agency": commitment.agency,
            "start_year": commitment.start_year,
            "end_year": commitment.end_year,
            "description": commitment.description,
        },
    )
    if request.method == "POST":
        saved = form_submit(
            form,
            lambda: commitment_update(
                commitment=commitment, actor=request.user, **form.cleaned_data
            ),
        )
        if saved.ok:
            messages.success(
                request, _("Compromiso %(number)s guardado.") % {"number": number}
            )
            return redirect("opengov:reporting", key=key)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "opengov/reporting/commitment_edit.html",
        {
            "plan": plan,
            "commitment": commitment,
            "form": form,
            "reported": commitment.reports.exists(),
        },
        status=status,
    )
