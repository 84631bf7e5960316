"""The staff's desk of a call: creating it, naming its rules, the allocation."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, agencies_where
from ruta.catalog.instance import instance
from ruta.common.text.money import ZERO
from ruta.common.web.forms import form_submit
from ruta.grants import services
from ruta.grants.forms import BUDGET_POOLS, CallForm, CallRulesForm
from ruta.grants.models import Call
from ruta.grants.reasons import reason_text
from ruta.grants.rules.scoring import CRITERIA
from ruta.grants.selectors.calls import call_results, runs_with_entries
from ruta.grants.selectors.pages import may_manage, may_score


def _staff_call(request: HttpRequest, code: str) -> Call:
    """Return a call, published or not, to its staff and reviewers."""
    call = get_object_or_404(Call.objects.select_related("agency"), code=code)
    if not (may_manage(request.user, call) or may_score(request.user, call)):
        if call.is_published:
            raise PermissionDenied
        raise Http404
    return call


@never_cache
@login_required
def call_new_page(request: HttpRequest) -> HttpResponse:
    """Create a call (staff of an administering body)."""
    agencies = agencies_where(
        request.user, Action.VALIDATE, instance().agencies().order_by("name")
    )
    if not agencies:
        raise PermissionDenied
    others = list(instance().agencies().order_by("name"))
    form = CallForm(request.POST or None, agencies=agencies, others=others)
    if request.method == "POST":
        created = form_submit(
            form,
            lambda: _call_create(form.cleaned_data, agencies, others, request.user),
        )
        if created.ok and created.value is not None:
            messages.success(request, _("Convocatoria creada."))
            return redirect("grants:manage", code=created.value.code)
    return render(
        request,
        "grants/call_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _call_create(data: dict[str, Any], agencies: list, others: list, user: Any) -> Call:
    pools = [
        services.PoolBudget(
            data[f"scheme_{n}"],
            data[f"theme_{n}"].strip(),
            data[f"amount_{n}"] or ZERO,
        )
        for n in range(1, BUDGET_POOLS + 1)
        if data.get(f"scheme_{n}")
    ]
    rubric = [
        services.Criterion(number, name, data[f"points_{number}"])
        for number, name in CRITERIA
        if data.get(f"points_{number}")
    ]
    agency = next(a for a in agencies if str(a.pk) == data["agency"])
    named = {str(a.pk): a for a in others}
    call = services.call_create(
        agency=agency,
        code=data["code"],
        title=data["title"],
        fiscal_year=data["fiscal_year"],
        objective=data["objective"],
        bases=data["bases"],
        selection_criteria=data["selection_criteria"],
        coverage=data["coverage"],
        opens_on=data["opens_on"],
        closes_on=data["closes_on"],
        ends_on=data["ends_on"],
        administering_rfc=data["administering_rfc"],
        max_per_project=data["max_per_project"],
        budgets=pools,
        rubric=rubric,
        normative_agency=named.get(data["normative_agency"]),
        coinvesting_agency=named.get(data["coinvesting_agency"]),
        options={
            "max_applications": data["max_applications"],
            "shortfall": data["shortfall"],
            "report_reading": data["report_reading"],
            "cofunding_base": data["cofunding_base"],
        },
        actor=user,
    )
    if data["publish"]:
        services.call_publish(call=call, actor=user)
    return call


@never_cache
@login_required
def manage_page(request: SignedInRequest, code: str) -> HttpResponse:
    """The staff desk of a call: applications, the allocation and its explanation."""
    call = _staff_call(request, code)
    if request.method == "POST":
        if not may_manage(request.user, call):
            raise PermissionDenied
        try:
            services.allocation_run(call=call, actor=request.user)
            messages.success(request, _("Asignación ejecutada (§4.3)."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("grants:manage", code=call.code)
    runs = list(runs_with_entries(call)[:5])
    explained = [
        (
            run,
            [
                (
                    entry,
                    reason_text(entry.reason_code, entry.reason_params, run.shortfall),
                )
                for entry in run.entries.all()
            ],
        )
        for run in runs
    ]
    return render(
        request,
        "grants/manage.html",
        {
            "call": call,
            "rows": call_results(call),
            "runs": explained,
            "manages": may_manage(request.user, call),
            "rules_form": CallRulesForm(initial={"document": call.rules_document}),
            "input_json": json.dumps(runs[0].input, ensure_ascii=False, indent=1)
            if runs
            else "",
        },
    )


@require_POST
@login_required
def call_rules_set(request: SignedInRequest, code: str) -> HttpResponse:
    """Name the imported rules of operation the call is run by (its staff)."""
    call = _staff_call(request, code)
    if not may_manage(request.user, call):
        raise PermissionDenied
    form = CallRulesForm(request.POST)
    done = form_submit(
        form,
        lambda: services.call_rules_document_set(
            call=call, document=form.cleaned_data["document"], actor=request.user
        ),
    )
    if done.ok:
        messages.success(
            request, _("Reglas de operación de la convocatoria guardadas.")
        )
    else:
        refused = [
            str(message) for errors in form.errors.values() for message in errors
        ]
        messages.error(request, " ".join(refused))
    return redirect("grants:manage", code=call.code)
