"""One page for every step of every staff cycle (``ruta.accounts.cycles``).

``/cuentas/decidir/<cycle>/<record>/<step>/``: a button on the record's own
page posts here; a step that asks for a reason shows its form here too, and
shows it again with the refusal at the field it concerns. Whoever may not
take the step on the record gets a 404: the address says nothing of records
outside their scope. A step taken on its app's own page (``Step.address``:
it asks for a date, a cause or a file) is not taken here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ruta.accounts.cycles import Cycle, Step, cycle_by_slug, step_take
from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import can
from ruta.common.refusals import refusal_sentence
from ruta.common.web.forms import form_submit


class StepForm(forms.Form):
    """The reason a step asks for; nothing when it asks for none."""

    reason = forms.CharField(
        label=_("Motivo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not step.reason:
            del self.fields["reason"]
            return
        reason = self.fields["reason"]
        reason.required = step.reason == "required"
        reason.error_messages["required"] = _("Escriba el motivo.")
        reason.label = step.reason_label
        reason.validators = [MaxLengthValidator(step.reason_max)]


def _located(
    request: SignedInRequest, cycle_slug: str, pk: int, step_slug: str
) -> tuple[Cycle, Any, Step]:
    cycle = cycle_by_slug(cycle_slug)
    step = cycle.step_by_slug(step_slug) if cycle is not None else None
    if cycle is None or step is None or step.address is not None:
        raise Http404("no such step")
    record = cycle.model._default_manager.filter(pk=pk).first()
    if record is None or not can(
        request.user, step.action, cycle.scope_for(step, record)
    ):
        raise Http404("no such record in the person's scope")
    return cycle, record, step


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def decide(request: SignedInRequest, cycle: str, pk: int, step: str) -> HttpResponse:
    """Take one step of a cycle on one record, or show what it asks for."""
    found, record, taken = _located(request, cycle, pk, step)
    posted = request.POST if request.method == "POST" else None
    form = StepForm(posted, step=taken)
    if request.method == "POST":
        if not taken.reason:
            return _without_form(request, found, record, taken)
        saved = form_submit(
            form,
            lambda: step_take(
                found,
                record,
                taken.key,
                reason=form.cleaned_data.get("reason", ""),
                actor=request.user,
            ),
        )
        if saved.ok:
            messages.success(request, taken.done)
            return redirect(found.back_url(saved.value or record))
    return render(
        request,
        "accounts/decide.html",
        {
            "cycle": found,
            "record": record,
            "step": taken,
            "form": form,
            "back": found.back_url(record),
            "status": _status_label(found, record),
        },
    )


def _without_form(
    request: SignedInRequest, cycle: Cycle, record: Any, step: Step
) -> HttpResponse:
    """Take a step that asks nothing; a refusal is the next page's message."""
    try:
        record = step_take(cycle, record, step.key, actor=request.user) or record
    except ValidationError as refused:
        messages.error(request, refusal_sentence(refused))
    else:
        messages.success(request, step.done)
    return redirect(cycle.back_url(record))


def _status_label(cycle: Cycle, record: Any) -> str:
    status = cycle.status_of(record)
    choices = dict(record._meta.get_field(cycle.status_field).flatchoices)
    return str(choices.get(status, status))
