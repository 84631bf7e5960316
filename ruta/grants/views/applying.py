"""The organisation's side before a result: its desk, registering an
organisation and applying to a call."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.common.text.money import ZERO
from ruta.common.web.forms import form_submit
from ruta.grants import services
from ruta.grants.forms import (
    BUDGET_ROWS,
    OTHER_SUPPORT_ROWS,
    ApplicationForm,
    OrganizationForm,
)
from ruta.grants.models import Call
from ruta.grants.rules.budget import BudgetLine, Category
from ruta.grants.rules.requirements import SupportDeclared
from ruta.grants.selectors.pages import dashboard, user_organizations
from ruta.grants.views.public import published_call


@never_cache
@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Show what is due and overdue, and the user's organisations."""
    today = timezone.localdate()
    return render(
        request,
        "grants/dashboard.html",
        {
            "items": dashboard(request.user, today),
            "organizations": user_organizations(request.user),
            "today": today,
            "form": OrganizationForm(),
            "may_register": can(request.user, Action.APPLY_GRANT),
        },
    )


@never_cache
@login_required
@require_http_methods(["POST"])
def organization_register_view(request: SignedInRequest) -> HttpResponse:
    """Register an organisation; the user acts for it."""
    form = OrganizationForm(request.POST)
    if form.is_valid():
        try:
            services.organization_register(**form.cleaned_data, actor=request.user)
            messages.success(request, _("Organización registrada."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Revise los datos de la organización."))
    return redirect("grants:dashboard")


@never_cache
@login_required
def apply_page(request: SignedInRequest, code: str) -> HttpResponse:
    """Apply to a call for one of the user's approved organisations."""
    call = published_call(code)
    mine = user_organizations(request.user)
    organizations = mine.approved()
    form = ApplicationForm(request.POST or None, organizations=organizations)
    if request.method == "POST":
        submitted = form_submit(
            form,
            lambda: _submit(call, organizations, form.cleaned_data, request.user),
            fields=APPLY_FIELDS,
            denied=_("Su cuenta no puede solicitar por esa organización."),
        )
        if submitted.ok and submitted.value is not None:
            messages.success(
                request,
                _("Solicitud recibida con el folio %(folio)s.")
                % {"folio": submitted.value.folio},
            )
            return redirect(submitted.value)
    lines = [
        [
            form[f"{name}_{n}"]
            for name in ("concept", "category", "support", "own_money", "own_in_kind")
        ]
        for n in range(1, BUDGET_ROWS + 1)
    ]
    return render(
        request,
        "grants/apply.html",
        {
            "call": call,
            "form": form,
            "lines": lines,
            "top": [form[name] for name in TOP_FIELDS],
            "other_rows": [
                [form[f"other_source_{n}"], form[f"other_amount_{n}"]]
                for n in range(1, OTHER_SUPPORT_ROWS + 1)
            ],
            "organizations": organizations,
            "waiting": mine.exclude(pk__in=organizations.values("pk")),
        },
        status=400 if form.errors else 200,
    )


# Where a service's refusal is shown on the application form.
APPLY_FIELDS = {
    "budget_lines": "concept_1",
    "negative_amount": "support_1",
    "no_support": "support_1",
    "over_maximum": "support_1",
    "no_such_pool": "scheme",
    "curp_invalid": "coordinator_curp",
    "coordinator_busy": "coordinator_curp",
}


def _submit(call: Call, organizations: QuerySet, data: dict[str, Any], user: Any):
    return services.application_submit(
        call=call,
        organization=organizations.get(pk=data["organization"]),
        scheme=data["scheme"],
        theme=data["theme"],
        title=data["title"],
        summary=data["summary"],
        coordinator_name=data["coordinator_name"],
        coordinator_curp=data["coordinator_curp"],
        coordinator_email=data["coordinator_email"],
        compliance_opinion_on=data["compliance_opinion_on"],
        accepts_partial=data["accepts_partial"],
        lines=_lines(data),
        other_support=_other_support(data),
        actor=user,
    )


TOP_FIELDS = (
    "organization",
    "scheme",
    "theme",
    "title",
    "summary",
    "coordinator_name",
    "coordinator_curp",
    "coordinator_email",
    "compliance_opinion_on",
    "accepts_partial",
)


def _other_support(data: dict[str, Any]) -> list[SupportDeclared]:
    """Return the declaration of other support: none, or each row filled."""
    if data["other_support"] == "none":
        return []
    return [
        SupportDeclared(data[f"other_source_{n}"], data[f"other_amount_{n}"])
        for n in range(1, OTHER_SUPPORT_ROWS + 1)
        if data.get(f"other_source_{n}")
    ]


def _lines(data: dict[str, Any]) -> list[BudgetLine]:
    return [
        BudgetLine(
            data[f"concept_{n}"],
            Category(data[f"category_{n}"]),
            data[f"support_{n}"] or ZERO,
            data[f"own_money_{n}"] or ZERO,
            data[f"own_in_kind_{n}"] or ZERO,
        )
        for n in range(1, BUDGET_ROWS + 1)
        if data.get(f"concept_{n}")
    ]
