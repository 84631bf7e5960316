"""The staff desk's budget modifications: capture one on a work, decide others'.

Thin views over ``ruta.works.services.modifications``: capture staff of the
work's scope capture an ampliación or reducción with its reason; validators
of the scope find the ones waiting on their page and approve or reject those
another person captured, each with the steps of the modification's cycle
(``ruta.works.cycles``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can_anywhere
from ruta.common.web.forms import form_submit
from ruta.works.desk import _desk_work, _record_page
from ruta.works.desk_forms import BudgetModificationForm
from ruta.works.selectors.desk import modifications_to_decide
from ruta.works.services import budget_modification_capture


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


@never_cache
@login_required
def desk_modifications(request: SignedInRequest) -> HttpResponse:
    """List the modifications waiting for the signed-in validator to decide."""
    if not can_anywhere(request.user, Action.VALIDATE):
        raise PermissionDenied
    return render(
        request,
        "works/desk/modifications.html",
        {"pending": modifications_to_decide(request.user)},
    )
