"""Staff pages of participatory budgeting, reached from the desk ("Mi mesa").

The signed-in person is the actor; the services decide and refuse, and a
refusal is shown where it belongs. The proposal's page shows the proposer's
contact only to those allowed to view personal data, and logs each read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.budgeting import selectors, services
from ruta.budgeting.forms import AssessForm, HideForm, LinkForm, PeriodForm
from ruta.budgeting.models import Period, PeriodPhase, Proposal
from ruta.catalog.models import Municipality
from ruta.common.refusals import refusal
from ruta.common.web.forms import action_submit, form_submit
from ruta.works.models import Work


def _kept(request: SignedInRequest, slug: str) -> Period:
    period = get_object_or_404(Period.objects.select_related("municipality"), slug=slug)
    if not can(request.user, Action.CAPTURE, period):
        raise PermissionDenied
    return period


@never_cache
@login_required
def desk(request: SignedInRequest) -> HttpResponse:
    """List the periods the person runs, and the way to open one."""
    places = selectors.municipalities_for_periods(request.user)
    if not places:
        raise PermissionDenied
    return render(
        request,
        "budgeting/staff/desk.html",
        {"periods": selectors.periods_in_reach(request.user)},
    )


@never_cache
@login_required
def period_new(request: SignedInRequest) -> HttpResponse:
    """Open a participatory budget for a municipality the person captures for."""
    places = selectors.municipalities_for_periods(request.user)
    if not places:
        raise PermissionDenied
    form = PeriodForm(request.POST or None, municipalities=places)
    if request.method == "POST":
        opened = form_submit(
            form,
            lambda: services.period_open(
                municipality=Municipality.objects.get(
                    code=form.cleaned_data["municipality"]
                ),
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                total_budget=form.cleaned_data["total_budget"],
                ballot_budget=form.cleaned_data["ballot_budget"],
                rules_text=form.cleaned_data["rules_text"],
                calendar=services.Calendar(
                    form.cleaned_data["proposals_from"],
                    form.cleaned_data["review_from"],
                    form.cleaned_data["voting_from"],
                    form.cleaned_data["voting_until"],
                    form.cleaned_data["results_on"],
                ),
                actor=request.user,
            ),
        )
        if opened.ok and opened.value is not None:
            messages.success(request, _("Presupuesto abierto: ya recibe propuestas."))
            return redirect("budgeting:desk-period", slug=opened.value.slug)
    return render(request, "budgeting/staff/period_new.html", {"form": form})


@never_cache
@login_required
def desk_period(request: SignedInRequest, slug: str) -> HttpResponse:
    """A period's proposals to moderate and assess, and its next step."""
    period = _kept(request, slug)
    result = (
        selectors.period_result(period) if period.phase == PeriodPhase.RESULTS else None
    )
    return render(
        request,
        "budgeting/staff/period.html",
        {
            "period": period,
            "proposals": list(period.proposals.select_related("work")),
            "result": result,
            "may_publish": selectors.may_publish_results(request.user, period),
        },
    )


@require_POST
@login_required
def period_advance(request: SignedInRequest, slug: str) -> HttpResponse:
    """Move the period to its next phase (a button)."""
    period = _kept(request, slug)
    done = action_submit(
        request, lambda: services.period_advance(period=period, actor=request.user)
    )
    if done.ok and done.value is not None:
        messages.success(
            request,
            _("Fase actual: %(phase)s.") % {"phase": done.value.get_phase_display()},
        )
    return redirect("budgeting:desk-period", slug=slug)


@require_POST
@login_required
def results_publish(request: SignedInRequest, slug: str) -> HttpResponse:
    """Close the vote and publish the result (a button)."""
    period = get_object_or_404(Period, slug=slug)
    done = action_submit(
        request,
        lambda: services.results_publish(period=period, actor=request.user),
        denied=_("Su cuenta no valida los datos de este municipio."),
    )
    if done.ok:
        messages.success(request, _("Resultados publicados."))
        return redirect("budgeting:results", slug=slug)
    return redirect("budgeting:desk-period", slug=slug)


def _proposal(request: SignedInRequest, slug: str, number: int) -> Proposal:
    period = _kept(request, slug)
    return get_object_or_404(
        Proposal.objects.select_related("period", "work"), period=period, number=number
    )


@never_cache
@login_required
def desk_proposal(request: SignedInRequest, slug: str, number: int) -> HttpResponse:
    """A proposal for staff: assess it, hide it, link it to its work."""
    proposal = _proposal(request, slug, number)
    assess = AssessForm(request.POST if "assess" in request.POST else None)
    hide = HideForm(request.POST if "hide" in request.POST else None)
    link = LinkForm(request.POST if "link" in request.POST else None)
    if request.method == "POST":
        done = _staff_post(request, proposal, assess, hide, link)
        if done:
            return redirect("budgeting:desk-proposal", slug=slug, number=number)
    contact = selectors.may_view_contact(request.user, proposal)
    if contact:
        selectors.proposer_contact_read(
            proposal=proposal, user=request.user, purpose="desk"
        )
    return render(
        request,
        "budgeting/staff/proposal.html",
        {
            "proposal": proposal,
            "period": proposal.period,
            "assess": assess,
            "hide": hide,
            "link": link,
            "show_contact": contact,
        },
    )


def _staff_post(
    request: SignedInRequest,
    proposal: Proposal,
    assess: AssessForm,
    hide: HideForm,
    link: LinkForm,
) -> bool:
    """Run the one action posted; return whether it was done."""
    if "assess" in request.POST:
        done = form_submit(
            assess,
            lambda: services.proposal_assess(
                proposal=proposal,
                feasible=assess.cleaned_data["feasible"],
                assessed_cost=assess.cleaned_data["assessed_cost"],
                reason=assess.cleaned_data["reason"],
                actor=request.user,
            ),
        )
        message = _("Dictamen guardado y publicado.")
    elif "hide" in request.POST:
        done = form_submit(
            hide,
            lambda: services.proposal_moderate(
                proposal=proposal,
                hide=True,
                reason=hide.cleaned_data["reason"],
                actor=request.user,
            ),
        )
        message = _("Propuesta oculta; el motivo se publica.")
    elif "show" in request.POST:
        done = action_submit(
            request,
            lambda: services.proposal_moderate(
                proposal=proposal, hide=False, actor=request.user
            ),
        )
        message = _("Propuesta visible de nuevo.")
    else:
        done = form_submit(link, lambda: _link(request, proposal, link))
        message = _("Propuesta ligada a su obra.")
    if done.ok:
        messages.success(request, message)
    return done.ok


def _link(request: SignedInRequest, proposal: Proposal, form: LinkForm) -> Proposal:
    work = Work.objects.filter(public_id=form.cleaned_data["work"].strip()).first()
    if work is None:
        raise refusal(_("No hay una obra con ese folio."), "no_work", "work")
    return services.proposal_work_link(proposal=proposal, work=work, actor=request.user)
