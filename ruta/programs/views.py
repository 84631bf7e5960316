"""Program pages: progress, the TMM-F004 form, downloads, review and capture.

Views only parse the request, ask a selector or a service and render; the
permission decisions are ``can``/``require`` and the services'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_POST

from ruta.accounts.cycles import step_links
from ruta.accounts.http import SignedInRequest
from ruta.accounts.models import User
from ruta.accounts.permissions import Action, can, can_anywhere, require_anywhere
from ruta.common.web.forms import action_submit, form_submit
from ruta.programs import selectors, services
from ruta.programs.checks import observation_required
from ruta.programs.cycles import SIGNATURES, signed_by
from ruta.programs.exports import form_workbook, rows_csv
from ruta.programs.forms import (
    QuarterCaptureForm,
    QuartersDecisionForm,
    ValueDecisionForm,
)
from ruta.programs.models import UnitProgram
from ruta.programs.workflow import open_quarter
from ruta.sources.display import finding_text

DATASETS = {
    "metas": (selectors.goal_rows, selectors.GOAL_COLUMNS),
    "avances": (selectors.quarter_rows, selectors.QUARTER_COLUMNS),
}


def _unit_program(pk: int, user: object = None) -> UnitProgram:
    """Return the unit program; a year not yet approved only to its unit's staff."""
    try:
        unit_program = selectors.unit_program_get(pk)
    except UnitProgram.DoesNotExist as missing:
        raise Http404("unit program not found") from missing
    if not selectors.plan_visible(user, unit_program):
        raise Http404("unit program not found")
    return unit_program


def index(request: HttpRequest) -> HttpResponse:
    """List every unit's program with its goals met, over, under, in review.

    One row per unit program (not per goal), so the page is not paginated;
    the goals and quarters behind the counts are read in a fixed number of
    queries (``unit_programs`` prefetches them).
    """
    summaries = selectors.unit_summaries(selectors.unit_programs())
    totals = {
        key: sum(getattr(s, key) for s in summaries)
        for key in ("goals", "met", "over", "under", "unknown", "review")
    }
    context = {
        "summaries": summaries,
        "totals": totals,
        "may_review": can_anywhere(request.user, Action.VALIDATE),
        "may_open": can_anywhere(request.user, Action.CAPTURE),
    }
    return render(request, "programs/index.html", context)


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one unit's goals: progress bars, quarters, flags, observations."""
    user = request.user
    unit_program = _unit_program(pk, user)
    may_validate = can(user, Action.VALIDATE, unit_program)
    may_capture = can(user, Action.CAPTURE, unit_program)
    reported = unit_program.reported_quarter or 0
    staff = selectors.is_unit_staff(user, unit_program)
    context = {
        "unit_program": unit_program,
        "goals": selectors.goal_views(unit_program, staff=staff),
        "quarters": range(1, reported + 1),
        "may_capture": may_capture
        and unit_program.plan_approved
        and open_quarter(unit_program) is not None,
        "pending": selectors.pending_quarter(unit_program) if may_validate else None,
        "may_validate": may_validate,
        "decisions": selectors.recent_decisions(
            user, unit_program, purpose=request.get_full_path()
        ),
        "findings": [
            finding_text(finding) for finding in selectors.form_findings(unit_program)
        ],
        "linked": _linked(unit_program),
        "staff": staff,
    }
    return render(request, "programs/unit.html", context)


def _linked(unit_program: UnitProgram) -> dict[int, selectors.LinkedProgress]:
    """Return what linked records give for each goal that has links."""
    year = unit_program.program.fiscal_year_id
    linked = selectors.goals_with_links(unit_program)
    return {
        goal.pk: selectors.linked_progress(goal, year)
        for goal in unit_program.goals.all()
        if goal.pk in linked
    }


def form_html(request: HttpRequest, pk: int, quarter: int) -> HttpResponse:
    """Show the TMM-F004 form of one unit and quarter, ready to print."""
    sheet = selectors.form_sheet(
        _unit_program(pk, request.user), quarter, reader=request.user
    )
    steps = []
    if sheet.signing is not None and not signed_by(sheet.signing, request.user):
        # who signed one step is offered none of the others
        steps = step_links(SIGNATURES, request.user, sheet.signing)
    return render(request, "programs/form.html", {"sheet": sheet, "steps": steps})


def form_xlsx(request: HttpRequest, pk: int, quarter: int) -> HttpResponse:
    """Return the TMM-F004 form of one unit and quarter as an XLSX workbook."""
    unit_program = _unit_program(pk, request.user)
    sheet = selectors.form_sheet(unit_program, quarter, reader=request.user)
    response = HttpResponse(
        form_workbook(sheet),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"TMM-F004-{sheet.year}-T{quarter}-{unit_program.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _selected(request: HttpRequest) -> Any:
    programs = selectors.unit_programs()
    unit = request.GET.get("unidad", "")
    return programs.filter(pk=int(unit)) if unit.isdigit() else programs


def _downloads_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """Return the downloads' version for the unit asked for (all when none)."""
    unit = request.GET.get("unidad", "")
    return f"{selectors.downloads_version()}-{unit if unit.isdigit() else 'all'}"


@cache_control(public=True, max_age=300)
@condition(etag_func=_downloads_etag)
def data_csv(request: HttpRequest, dataset: str) -> HttpResponse:
    """Return goals or quarter values (with statuses) as CSV."""
    if dataset not in DATASETS:
        raise Http404("unknown dataset")
    rows, columns = DATASETS[dataset]
    response = HttpResponse(
        rows_csv(rows(_selected(request)), columns),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="poa-{dataset}.csv"'
    return response


@cache_control(public=True, max_age=300)
@condition(etag_func=_downloads_etag)
def data_json(request: HttpRequest) -> JsonResponse:
    """Return goals and quarter values (with statuses) as JSON."""
    programs = list(_selected(request))
    return JsonResponse(
        {
            "goals": selectors.goal_rows(programs),
            "quarters": selectors.quarter_rows(programs),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """List every value left for review in the validator's units."""
    require_anywhere(request.user, Action.VALIDATE)
    items = selectors.review_queue(request.user)
    decisions = selectors.recent_decisions(
        request.user, purpose=request.get_full_path()
    )
    return render(
        request, "programs/review.html", {"items": items, "decisions": decisions}
    )


@login_required
def review_decide(
    request: SignedInRequest, unit_pk: int, goal_pk: int, field: str
) -> HttpResponse:
    """Show one value left for review and record the validator's decision."""
    item = selectors.review_item(request.user, unit_pk, goal_pk or None, field)
    if item is None:
        raise Http404("nothing to review here")
    quarters = field == selectors.QUARTERS_FIELD
    form_class = QuartersDecisionForm if quarters else ValueDecisionForm
    form = form_class(request.POST or None, item=item)
    if request.method == "POST":
        decided = form_submit(form, lambda: _decide(request, item, form, quarters))
        if decided.ok:
            messages.success(request, _("Decisión registrada."))
            return redirect("programs:review")
    return render(request, "programs/decide.html", {"item": item, "form": form})


def _decide(request: SignedInRequest, item: Any, form: Any, quarters: bool) -> None:
    reason = form.cleaned_data["reason"]
    if quarters:
        services.quarters_decide(
            goal=item.goal, values=form.values(), reason=reason, actor=request.user
        )
        return
    services.value_decide(
        unit_program=item.unit_program,
        goal=item.goal,
        field=item.field,
        value=form.cleaned_data["value"],
        reason=reason,
        actor=request.user,
    )


def _year_complete() -> str:
    return _("El año ya está informado completo.")


@login_required
def capture(request: SignedInRequest, pk: int) -> HttpResponse:
    """Let capture staff enter the open quarter of their unit."""
    unit_program = _unit_program(pk, request.user)
    if not can(request.user, Action.CAPTURE, unit_program):
        raise PermissionDenied
    if not unit_program.plan_approved:
        messages.info(request, _("El programa anual todavía no está aprobado."))
        return redirect("programs:plan", pk=pk)
    quarter = open_quarter(unit_program)
    if quarter is None:
        messages.info(request, _year_complete())
        return redirect(unit_program)
    rows = selectors.capture_rows(unit_program, quarter)
    form = QuarterCaptureForm(request.POST or None, rows=rows)
    linked = {
        goal: progress.quarters[quarter - 1]
        for goal, progress in _linked(unit_program).items()
        if progress.measure
    }
    if request.method == "POST":
        captured = form_submit(
            form,
            lambda: services.quarter_capture(
                unit_program=unit_program,
                quarter=quarter,
                entries=form.entries(),
                actor=request.user,
            ),
        )
        if captured.ok:
            messages.success(request, _("Trimestre capturado; falta la aprobación."))
            return redirect(unit_program)
    context = {
        "unit_program": unit_program,
        "quarter": quarter,
        "form": form,
        "observation_required": observation_required(),
        "linked": linked,
    }
    return render(request, "programs/capture.html", context)


@require_POST
def capture_check(request: HttpRequest, pk: int) -> JsonResponse:
    """Run the capture's checks on the form as typed so far, saving nothing.

    The capture page's script posts the whole form here as the user types.
    The answer holds, per goal (keyed by its id, as the form's fields are),
    the messages a submit of the same data would show: the fields' errors,
    else the checks' problems (``services.quarter_check``, the same checks
    ``quarter_capture`` runs); ``general`` holds those about no single goal.
    ``invalid`` names the fields the form refuses; ``valid`` says whether
    nothing blocks. Anyone but the unit's capture staff gets 403, signed in
    or not (a script cannot follow a login redirect).
    """
    user = request.user
    unit_program = _unit_program(pk, user)
    if not isinstance(user, User) or not can(user, Action.CAPTURE, unit_program):
        raise PermissionDenied
    quarter = open_quarter(unit_program)
    if quarter is None:
        return _check_answer({}, [_year_complete()])
    rows = selectors.capture_rows(unit_program, quarter)
    form = QuarterCaptureForm(request.POST, rows=rows)
    by_goal: dict[int, list[str]] = {row.goal.pk: [] for row in rows}
    general: list[str] = []
    if not form.is_valid():
        for row, *fields, by_sex in form.goal_fields():
            by_goal[row.goal.pk] = [
                str(e) for field in [*fields, *by_sex] for e in field.errors
            ]
        invalid = [name for name in form.errors if name in form.fields]
        general = [str(e) for e in form.non_field_errors()]
        return _check_answer(by_goal, general, invalid)
    goal_pks = {row.goal.number: row.goal.pk for row in rows}
    try:
        problems = services.quarter_check(
            unit_program=unit_program,
            quarter=quarter,
            entries=form.entries(),
            actor=user,
        )
    except ValidationError as error:
        general = list(error.messages)
    else:
        for problem in problems:
            by_goal[goal_pks[problem.goal_number]].append(problem.message)
    return _check_answer(by_goal, general)


def _check_answer(
    by_goal: dict[int, list[str]], general: list[str], invalid: Sequence[str] = ()
) -> JsonResponse:
    valid = not general and not any(by_goal.values())
    return JsonResponse(
        {
            "valid": valid,
            "goals": {str(pk): found for pk, found in by_goal.items()},
            "general": general,
            "invalid": list(invalid),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
@require_POST
def approve(request: SignedInRequest, pk: int, quarter: int) -> HttpResponse:
    """Approve the captured quarter of a unit (validators)."""
    unit_program = _unit_program(pk, request.user)
    approved = action_submit(
        request,
        lambda: services.quarter_approve(
            unit_program=unit_program, quarter=quarter, actor=request.user
        ),
    )
    if approved.ok:
        messages.success(
            request, _("%(count)s valores aprobados.") % {"count": approved.value}
        )
    return redirect(unit_program)
