"""Staff pages of committees: forming one, keeping its members, a roster import.

Views are thin: the signed-in person is the actor; the services decide and
refuse, and a refusal is shown at the field it concerns. Pages that show
members' names are personal data: never cached, each read logged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.common.errors import InputError
from ruta.common.web.forms import action_submit, form_submit
from ruta.participation import roster as rosters
from ruta.participation.forms import (
    CommitteeCreateForm,
    MemberForm,
    MemberRemoveForm,
    MemberReplaceForm,
    RosterForm,
)
from ruta.participation.models import Committee, CommitteeMember
from ruta.participation.selectors import (
    committees_in_reach,
    may_form_committees,
    may_link_members,
    may_view_members,
    members_read_record,
    works_without_committee,
)
from ruta.participation.services import (
    RosterImport,
    committee_form,
    committee_member_add,
    committee_member_invite,
    committee_member_remove,
    committee_member_replace,
    committees_import,
)
from ruta.sources.display import finding_text, refusal_text
from ruta.works.models import Work

# A roster read in a dry run is confirmed within this many seconds.
ROSTER_MAX_AGE = 3600
ROSTER_SALT = "ruta.participation.roster"
SEARCH_MAX = 200


def _staff(request: SignedInRequest) -> None:
    if not may_form_committees(request.user):
        raise PermissionDenied


@never_cache
@login_required
def committees_desk(request: SignedInRequest) -> HttpResponse:
    """List works awaiting a committee and the committees the person keeps."""
    _staff(request)
    query = request.GET.get("q", "").strip()[:SEARCH_MAX]
    return render(
        request,
        "participation/staff/committees.html",
        {
            "query": query,
            "works": works_without_committee(request.user, query),
            "committees": committees_in_reach(request.user, query),
        },
    )


@never_cache
@login_required
def committee_create(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Form a work's committee: its name and date; members come next."""
    work = get_object_or_404(Work, public_id=public_id)
    if not can(request.user, Action.CAPTURE, work):
        raise PermissionDenied
    form = CommitteeCreateForm(request.POST or None)
    if request.method == "POST":
        formed = form_submit(
            form,
            lambda: committee_form(
                work=work,
                name=form.cleaned_data["name"],
                formed_on=form.cleaned_data["formed_on"],
                actor=request.user,
            ),
            fields={"date_in_future": "formed_on"},
            denied=_("Su cuenta no captura las obras de esta dependencia o municipio."),
        )
        if formed.ok and formed.value is not None:
            messages.success(
                request, _("Comité conformado. Registre a sus integrantes.")
            )
            if may_view_members(user=request.user, committee=formed.value):
                return redirect("participation:committee", public_id=public_id)
            return redirect("participation:desk-committee", public_id=public_id)
    return render(
        request, "participation/staff/committee_new.html", {"work": work, "form": form}
    )


def _kept(request: SignedInRequest, public_id: str) -> Committee:
    """Return the committee if the person may keep its members, else refuse (403)."""
    committee = get_object_or_404(
        Committee.objects.select_related("work"), work__public_id=public_id
    )
    if not may_link_members(request.user, committee):
        raise PermissionDenied
    return committee


def _member(request: SignedInRequest, committee: Committee, pk: int) -> CommitteeMember:
    """Return the member the page names; the read of their name is logged."""
    member = get_object_or_404(committee.members, pk=pk)
    members_read_record(committee=committee, user=request.user, purpose=request.path)
    return member


def _member_change(
    request: SignedInRequest,
    public_id: str,
    committee: Committee,
    form: forms.Form,
    change: Callable[[], object],
    *,
    done: str,
    heading: str,
    button: str,
    member: CommitteeMember | None = None,
) -> HttpResponse:
    """Run ``change`` for a posted ``form``; else show the member form page."""
    if request.method == "POST" and form_submit(form, change).ok:
        messages.success(request, done)
        return redirect("participation:committee", public_id=public_id)
    return render(
        request,
        "participation/staff/member_form.html",
        {
            "committee": committee,
            "work": committee.work,
            "form": form,
            "member": member,
            "title": heading,
            "button": button,
        },
    )


@never_cache
@login_required
def member_add(request: SignedInRequest, public_id: str) -> HttpResponse:
    """Add a member with their office and contact (personal data)."""
    committee = _kept(request, public_id)
    form = MemberForm(request.POST or None)
    return _member_change(
        request,
        public_id,
        committee,
        form,
        lambda: committee_member_add(
            committee=committee, **form.cleaned_data, actor=request.user
        ),
        done=_("Integrante registrado."),
        heading=_("Registrar integrante"),
        button=_("Guardar integrante"),
    )


@never_cache
@login_required
def member_replace(request: SignedInRequest, public_id: str, pk: int) -> HttpResponse:
    """Give a member's office to another person, with the reason."""
    committee = _kept(request, public_id)
    member = _member(request, committee, pk)
    form = MemberReplaceForm(request.POST or None)
    return _member_change(
        request,
        public_id,
        committee,
        form,
        lambda: committee_member_replace(
            member=member, **form.cleaned_data, actor=request.user
        ),
        done=_("Cargo entregado a la nueva persona."),
        heading=_("Reemplazar en el cargo de %(role)s")
        % {"role": member.get_role_display()},
        button=_("Reemplazar"),
        member=member,
    )


@never_cache
@login_required
def member_remove(request: SignedInRequest, public_id: str, pk: int) -> HttpResponse:
    """Take a member off the committee, with the reason."""
    committee = _kept(request, public_id)
    member = _member(request, committee, pk)
    form = MemberRemoveForm(request.POST or None)
    return _member_change(
        request,
        public_id,
        committee,
        form,
        lambda: committee_member_remove(
            member=member, reason=form.cleaned_data["reason"], actor=request.user
        ),
        done=_("Integrante dado de baja."),
        heading=_("Dar de baja del cargo de %(role)s")
        % {"role": member.get_role_display()},
        button=_("Dar de baja"),
        member=member,
    )


@require_POST
@login_required
def member_invite(request: SignedInRequest, public_id: str, pk: int) -> HttpResponse:
    """Make the member's account and e-mail the invitation to choose a password."""
    committee = _kept(request, public_id)
    member = _member(request, committee, pk)
    invited = action_submit(
        request, lambda: committee_member_invite(member=member, actor=request.user)
    )
    if invited.ok and invited.value is not None:
        invitation = invited.value
        text = (
            _("Cuenta creada; la invitación va en camino a %(email)s.")
            if invitation.created
            else _("%(email)s ya tenía cuenta: quedó vinculada y se le avisó.")
        )
        messages.success(request, text % {"email": invitation.user.email})
    return redirect("participation:committee", public_id=public_id)


@login_required
def roster_template(request: SignedInRequest) -> HttpResponse:
    """Return the roster template: its header and one example row (fictitious)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(rosters.HEADER)
    writer.writerow(
        [
            "TSAM-2025-0001",
            "Comité ciudadano de la obra TSAM-2025-0001",
            "2025-03-01",
            "Nombre Apellido Ejemplo",
            "Presidencia",
            "",
            "",
        ]
    )
    response = HttpResponse(
        "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="plantilla-comites.csv"'
    return response


@never_cache
@login_required
def roster_import(request: SignedInRequest) -> HttpResponse:
    """Read a roster and show what it holds (nothing saved); import on confirmation.

    The reviewed file travels back signed in the confirmation (never kept on
    the server: it is personal data) and is read again before writing.
    """
    _staff(request)
    form = RosterForm(request.POST or None, request.FILES or None)
    result, token, error = None, "", ""
    if request.method == "POST" and "token" in request.POST:
        result, error = _roster_confirm(request)
        if result is not None and result.written:
            messages.success(
                request,
                _("Se formaron %(committees)s comités con %(members)s integrantes.")
                % {"committees": result.committees, "members": result.members},
            )
            return redirect("participation:committees")
        form = RosterForm()
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["roster"]
        data = upload.read(rosters.MAX_BYTES + 1)
        result, error = _roster_run(request, data, upload.name, dry_run=True)
        if result is not None and result.accepted:
            token = signing.dumps(
                {"name": upload.name, "data": data.decode("latin-1")},
                salt=ROSTER_SALT,
                compress=True,
            )
    return render(
        request,
        "participation/staff/roster.html",
        {
            "form": form,
            "result": result,
            "findings": [finding_text(f) for f in result.findings] if result else [],
            "token": token,
            "error": error,
        },
    )


def _roster_run(
    request: SignedInRequest, data: bytes, name: str, *, dry_run: bool
) -> tuple[RosterImport | None, str]:
    try:
        return (
            committees_import(
                data=data, name=name, dry_run=dry_run, actor=request.user
            ),
            "",
        )
    except InputError as refused:
        return None, refusal_text(refused.as_dict())


def _roster_confirm(request: SignedInRequest) -> tuple[RosterImport | None, str]:
    try:
        kept = signing.loads(
            request.POST["token"], salt=ROSTER_SALT, max_age=ROSTER_MAX_AGE
        )
    except signing.BadSignature:
        return None, _(
            "La confirmación venció o no es válida; suba el archivo de nuevo."
        )
    return _roster_run(
        request, kept["data"].encode("latin-1"), kept["name"], dry_run=False
    )
