"""Pages of the red flags: what each one is, an agency's flags, and the replies.

The public pages explain the flags and list an agency's; the staff pages
(reached from the desk) let a validator of the agency answer each of its
flags, the right of reply, shown beside the flag on every page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, require_anywhere
from ruta.catalog.models import Agency
from ruta.common.web.caching import public_page
from ruta.common.web.forms import form_submit
from ruta.flags import rules, selectors, services
from ruta.flags.forms import ReplyForm
from ruta.flags.models import FlagReply, RaisedFlag


@public_page
def flags_index(request: HttpRequest) -> HttpResponse:
    """Explain every flag (rule, source, settings) and list the agencies with flags."""
    return render(
        request,
        "flags/index.html",
        {
            "kinds": selectors.kind_summaries(),
            "agencies": selectors.flagged_agencies(),
            "taxpayer_list": selectors.latest_taxpayer_list(),
            "state_law": selectors.state_law(),
        },
    )


@public_page
def agency_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show an agency's flags: its own and those of its works and contracts."""
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404("no such agency")
    return render(
        request,
        "flags/agency.html",
        {"agency": agency, "flags": selectors.agency_flags(agency)},
    )


@never_cache
@login_required
def replies_desk(request: SignedInRequest) -> HttpResponse:
    """List the flags of the agencies the person answers for, with their replies."""
    require_anywhere(request.user, Action.VALIDATE)
    return render(
        request,
        "flags/replies.html",
        {"agencies": selectors.flags_to_answer(request.user)},
    )


@never_cache
@login_required
def reply_page(request: SignedInRequest, pk: int) -> HttpResponse:
    """Write or change the agency's explanation of one flag."""
    require_anywhere(request.user, Action.VALIDATE)
    flag = get_object_or_404(RaisedFlag.objects.select_related("agency", "work"), pk=pk)
    kept = FlagReply.objects.filter(kind=flag.kind, key=flag.key).first()
    initial = {"voice": kept.voice, "text": kept.text} if kept else None
    form = ReplyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        done = form_submit(
            form,
            lambda: services.flag_reply_write(
                flag=flag,
                text=data["text"],
                voice=data["voice"],
                actor=request.user,
            ),
        )
        if done.ok:
            messages.success(request, _("Respuesta publicada junto a la señal."))
            return redirect("flags:replies")
    return render(
        request,
        "flags/reply.html",
        {
            "form": form,
            "flag": flag,
            "text": selectors.flag_text(flag),
            "kind": selectors.kind_text(rules.FLAG_KINDS[flag.kind]),
        },
    )
