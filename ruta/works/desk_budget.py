"""The staff desk's budget modifications: capture one on a work, decide others'.

Thin views over ``ruta.works.services.modifications``: capture staff of the
work's scope capture an ampliación or reducción with its reason; validators
of the scope find the ones waiting on their page and approve or reject those
another person captured.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.common.forms import form_submit
from ruta.works.desk import _desk_work, _record_page
from ruta.works.desk_forms import BudgetModificationForm, ModificationDecisionForm
from ruta.works.models import BudgetModification
from ruta.works.selectors.desk import modifications_to_decide
from ruta.works.services import (
    budget_modification_capture,
    budget_modification_decide,
)


@never_cache
@login_required
def desk_modification_add(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Capture a budget modification of a work, with its reason."""
    work = _desk_work(request, public_id)
    form = BudgetModificationForm(request.POST or None)
    if request.method == "POST":
        captured = form_submit(
            form,
            lambda: budget_modification_capture(
                work=work, **form.cleaned_data, actor=request.user
            ),
            denied=_("Su cuenta no puede modificar el presupuesto de esta obra."),
        )
        if captured.ok:
            messages.success(
                request,
                _(
                    "Modificación capturada: otra persona validadora la aprueba o "
                    "la rechaza."
                ),
            )
            return redirect("desk:work", public_id=work.public_id)
    return _record_page(
        request,
        work,
        form,
        heading=_("Capturar una modificación presupuestal"),
        submit=_("Capturar la modificación"),
    )


def _decisions(request: SignedInRequest, bound=None) -> list:
    return [
        (
            modification,
            bound
            if bound is not None and bound.prefix == str(modification.pk)
            else ModificationDecisionForm(prefix=str(modification.pk)),
        )
        for modification in modifications_to_decide(request.user)
    ]


@never_cache
@login_required
def desk_modifications(request: SignedInRequest) -> HttpResponse:
    """List the modifications waiting for the signed-in validator to decide."""
    if not can_anywhere(request.user, Action.VALIDATE):
        raise PermissionDenied
    return render(
        request, "works/desk/modifications.html", {"pending": _decisions(request)}
    )


@never_cache
@login_required
@require_POST
def desk_modification_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    """Approve or reject one modification; a refusal is shown in the list."""
    modification = (
        BudgetModification.objects.select_related("work").filter(pk=pk).first()
    )
    if modification is None:
        raise Http404("no such modification")
    if not can(request.user, Action.VALIDATE, modification.work):
        raise PermissionDenied
    form = ModificationDecisionForm(request.POST, prefix=str(pk))
    decided = form_submit(
        form,
        lambda: budget_modification_decide(
            modification=modification,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            actor=request.user,
        ),
    )
    if decided.ok and decided.value is not None:
        messages.success(
            request,
            _("Modificación de %(work)s: %(status)s.")
            % {
                "work": modification.work.public_id,
                "status": decided.value.get_status_display(),
            },
        )
        return redirect("desk:modifications")
    return render(
        request,
        "works/desk/modifications.html",
        {"pending": _decisions(request, form), "refused": modification},
        status=400,
    )
