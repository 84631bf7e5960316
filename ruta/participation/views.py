"""Committee pages: the members list (personal data) and the oversight desk.

The desk is small and made for a phone: a member sees their committees,
records a visit and, once the work is finished, the handover act. Views are
thin: the signed-in person is the actor, a service's refusal is shown at the
field it concerns and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.common.files.privatefiles import private_file_response
from ruta.common.web.forms import action_submit, form_submit
from ruta.participation.forms import HandoverActForm, VisitForm, WorkshopForm
from ruta.participation.models import Committee, OversightVisit
from ruta.participation.selectors import (
    committee_members,
    has_oversight_desk,
    may_follow_oversight,
    may_link_members,
    may_read_minutes,
    may_record_oversight,
    may_record_workshop,
    may_view_members,
    member_committees,
    member_departures,
    minutes_read_record,
    work_oversight,
)
from ruta.participation.services import (
    committee_member_link_by_email,
    handover_act_record,
    visit_record,
    workshop_record,
)
from ruta.works.models import Work


@never_cache
@login_required
def committee_page(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Show who sits on a work's committee; each view is logged (personal data)."""
    committee = _committee(public_id)
    if not may_view_members(user=request.user, committee=committee):
        raise PermissionDenied
    members = committee_members(
        committee=committee, user=request.user, purpose=request.path
    )
    return render(
        request,
        "participation/committee.html",
        {
            "committee": committee,
            "work": committee.work,
            "members": members,
            "may_link": may_link_members(request.user, committee),
            "departures": member_departures(committee),
        },
    )


@require_POST
@login_required
def member_link(request: SignedInRequest, public_id: str, pk: int) -> HttpResponse:
    """Give a member the account they sign in with to record oversight."""
    committee = _committee(public_id)
    if not may_link_members(request.user, committee):
        raise PermissionDenied
    member = get_object_or_404(committee.members, pk=pk)
    linked = action_submit(
        request,
        lambda: committee_member_link_by_email(
            member=member, email=request.POST.get("email", "")[:254], actor=request.user
        ),
    )
    if linked.ok:
        messages.success(
            request,
            _("%(name)s ya puede registrar visitas con su cuenta.")
            % {"name": member.full_name},
        )
    return redirect("participation:committee", public_id=public_id)


def oversight_section(work: Work, request: HttpRequest) -> Mapping[str, Any]:
    """Return the work page's committee part: no names, only what it oversaw.

    A work without a committee says so; the links to the members (personal
    data) and to the committee's desk appear only to those who may open them.
    """
    oversight = work_oversight(work)
    if oversight is None:
        return {"oversight": None}
    committee = oversight.committee
    return {
        "oversight": oversight,
        "may_view_members": may_view_members(user=request.user, committee=committee),
        "may_read_minutes": may_read_minutes(request.user, committee),
        "may_follow": may_follow_oversight(request.user, committee),
    }


def _committee(public_id: str) -> Committee:
    return get_object_or_404(
        Committee.objects.select_related("work", "work__municipality"),
        work__public_id=public_id,
    )


def _followed_committee(request: SignedInRequest, public_id: str) -> Committee:
    """Return the committee if the person may open its desk, else refuse (403)."""
    committee = _committee(public_id)
    if not may_follow_oversight(request.user, committee):
        raise PermissionDenied
    return committee


def _recorded_committee(request: SignedInRequest, public_id: str) -> Committee:
    """Return the committee if the person may record its oversight, else 403."""
    committee = _committee(public_id)
    if not may_record_oversight(request.user, committee):
        raise PermissionDenied
    return committee


@never_cache
@login_required
def desk_index(request: SignedInRequest) -> HttpResponse:
    """List the committees the signed-in member sits on."""
    committees = member_committees(request.user)
    if not has_oversight_desk(request.user, committees):
        raise PermissionDenied
    return render(request, "participation/desk/index.html", {"committees": committees})


@never_cache
@login_required
def desk_committee(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Show a committee's visits and act to its members and the scope's staff."""
    committee = _followed_committee(request, public_id)
    # The desk is where the section's link to the desk leads: leave it out.
    section = {**oversight_section(committee.work, request), "may_follow": False}
    return render(
        request,
        "participation/desk/committee.html",
        {
            "committee": committee,
            "work": committee.work,
            "oversight": section["oversight"],
            "oversight_section": section,
            "may_record": may_record_oversight(request.user, committee),
            "may_record_workshop": may_record_workshop(request.user, committee),
            "may_view_members": may_view_members(
                user=request.user, committee=committee
            ),
            "has_oversight_desk": has_oversight_desk(request.user),
        },
    )


@never_cache
@login_required
def visit_create(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Record an oversight visit: date, what was checked, findings, minutes, photos."""
    committee = _recorded_committee(request, public_id)
    form = VisitForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        recorded = form_submit(
            form, lambda: _visit_record(request, committee, form.cleaned_data)
        )
        if recorded.ok:
            messages.success(request, _("Visita registrada. Ya es pública."))
            return redirect("participation:desk-committee", public_id=public_id)
    return render(
        request,
        "participation/desk/visit.html",
        {"committee": committee, "work": committee.work, "form": form},
    )


def _visit_record(
    request: SignedInRequest, committee: Committee, data: dict[str, Any]
) -> OversightVisit:
    return visit_record(
        committee=committee,
        visited_on=data["visited_on"],
        checked=data["checked"],
        findings=data["findings"],
        minutes=[(page, page.size) for page in data["minutes"]],
        photos=[(photo, photo.size) for photo in data["photos"]],
        actor=request.user,
    )


@never_cache
@login_required
def handover_act_create(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Record the committee's handover act: date, receiver, conformity."""
    committee = _recorded_committee(request, public_id)
    form = HandoverActForm(request.POST or None)
    if request.method == "POST":
        recorded = form_submit(
            form,
            lambda: handover_act_record(
                committee=committee, **form.cleaned_data, actor=request.user
            ),
        )
        if recorded.ok:
            messages.success(request, _("Acta de entrega-recepción registrada."))
            return redirect("participation:desk-committee", public_id=public_id)
    return render(
        request,
        "participation/desk/act.html",
        {"committee": committee, "work": committee.work, "form": form},
    )


@never_cache
@login_required
def workshop_create(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Record the committee's training workshop (capture staff of the scope)."""
    committee = _committee(public_id)
    if not may_record_workshop(request.user, committee):
        raise PermissionDenied
    form = WorkshopForm(request.POST or None)
    if request.method == "POST":
        recorded = form_submit(
            form,
            lambda: workshop_record(
                committee=committee, **form.cleaned_data, actor=request.user
            ),
        )
        if recorded.ok:
            messages.success(request, _("Taller de capacitación registrado."))
            return redirect("participation:desk-committee", public_id=public_id)
    return render(
        request,
        "participation/desk/workshop.html",
        {"committee": committee, "work": committee.work, "form": form},
    )


@never_cache
@login_required
def visit_minutes(
    request: SignedInRequest, public_id: str, pk: int
) -> HttpResponseBase:
    """Send a visit's signed minutes to those who may read them; log the read."""
    committee = _committee(public_id)
    visit = OversightVisit.objects.filter(committee=committee, pk=pk).first()
    if visit is None:
        raise Http404("no such visit")
    if not may_read_minutes(request.user, committee):
        raise PermissionDenied
    minutes_read_record(visit=visit, user=request.user)
    return private_file_response(
        visit.minutes,
        name=f"minuta-{committee.work.public_id}-{visit.visited_on}.pdf",
    )
