"""Public pages of participatory budgeting: periods, proposals, the vote, results.

Views are thin: forms bound the input, services decide and refuse, and a
refusal lands on the field it concerns. Pages never show a proposer's
contact. The vote's steps carry a signed, short-lived token naming the code
being verified, so no session or account is needed; the code itself is the
proof of the contact.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ruta.budgeting import rules, selectors, services
from ruta.budgeting.forms import (
    BallotForm,
    CodeForm,
    CodeRequestForm,
    ProposalForm,
    StatusFilterForm,
)
from ruta.budgeting.models import Period, PeriodPhase, Proposal, VoteCode
from ruta.common.files.downloads import CONTENT_TYPES, csv_chunks
from ruta.common.ops.client import client_address
from ruta.common.web.caching import form_query, public_page
from ruta.common.web.forms import form_submit

CODE_SALT = "ruta.budgeting.code"
VERIFIED_SALT = "ruta.budgeting.verified"
THANKS_SALT = "ruta.budgeting.thanks"
TOKEN_MAX_AGE = 60 * 60
BALLOTS_COLUMNS = {"folio": "folio", "proposals": "propuestas"}
PROPOSALS_COLUMNS = {
    "number": "numero",
    "title": "titulo",
    "assessed_cost": "costo_evaluado",
    "votes": "votos",
    "funded": "ganadora",
    "work": "obra",
}


def _period(slug: str) -> Period:
    try:
        return selectors.period_public(slug)
    except Period.DoesNotExist as missing:
        raise Http404 from missing


@public_page
def period_list(request: HttpRequest) -> HttpResponse:
    """List the participatory budgets of the instance's municipalities."""
    return render(
        request, "budgeting/list.html", {"periods": selectors.periods_public()}
    )


@public_page(query=form_query(StatusFilterForm))
def period_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a period: budget, calendar, rules and its proposals by status."""
    period = _period(slug)
    form = StatusFilterForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "budgeting/period.html",
            {"period": period, "form": form, "proposals": []},
            status=400,
        )
    status = form.cleaned_data["estado"]
    return render(
        request,
        "budgeting/period.html",
        {
            "period": period,
            "form": form,
            "status": status,
            "proposals": selectors.proposals_public(period, status),
        },
    )


@public_page(query=("recibida",))
def proposal_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Show a proposal: what, where, its assessment, votes and its work."""
    period = _period(slug)
    try:
        proposal = selectors.proposal_public(period, number)
    except Proposal.DoesNotExist as missing:
        raise Http404 from missing
    votes = None
    if period.phase == PeriodPhase.RESULTS:
        result = selectors.period_result(period)
        votes = next(
            (row for row in result.rows if row.proposal.pk == proposal.pk), None
        )
    return render(
        request,
        "budgeting/proposal.html",
        {"period": period, "proposal": proposal, "row": votes},
    )


# Where a refusal of ``proposal_submit`` is shown: its code → the form field.
PROPOSAL_FIELDS = {
    "location_partial": "latitude",
    "location_outside": "latitude",
    "email_invalid": "email",
    "phone_invalid": "phone",
    "contact_missing": "email",
}


@never_cache
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, slug: str) -> HttpResponse:
    """The form to propose a work while the period takes proposals."""
    period = _period(slug)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and period.phase == PeriodPhase.PROPOSALS:
        if form.is_trap_filled():
            return redirect(period.get_absolute_url())
        sent = form_submit(
            form,
            lambda: _propose(request, period, form.cleaned_data),
            fields=PROPOSAL_FIELDS,
        )
        if sent.ok and sent.value is not None:
            return redirect(
                reverse("budgeting:proposal", args=[period.slug, sent.value.number])
                + "?"
                + urlencode({"recibida": "1"})
            )
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "budgeting/proposal_new.html",
        {"period": period, "form": form},
        status=status,
    )


def _propose(request: HttpRequest, period: Period, data: dict[str, Any]) -> Proposal:
    return services.proposal_submit(
        period=period,
        title=data["title"],
        description=data["description"],
        place=services.Place(data["locality"], data["latitude"], data["longitude"]),
        estimated_cost=data["estimated_cost"],
        contact=services.Contact(data["name"], data["email"], data["phone"]),
        client=client_address(request),
        actor=services.PUBLIC_PROPOSALS,
    )


# ------------------------------------------------------------------ the vote


@never_cache
@require_http_methods(["GET", "POST"])
def vote_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for a code by e-mail or WhatsApp: the first step of voting."""
    period = _period(slug)
    form = CodeRequestForm(request.POST or None)
    if request.method == "POST":
        sent = form_submit(
            form,
            lambda: services.vote_code_request(
                period=period,
                channel=form.cleaned_data["channel"],
                address=form.cleaned_data["address"],
                client=client_address(request),
                language=get_language() or "es-mx",
                actor=services.PUBLIC_VOTE,
            ),
        )
        if sent.ok and sent.value is not None:
            token = signing.dumps(sent.value.pk, salt=CODE_SALT)
            return redirect(_step("budgeting:vote-code", period, token))
    return render(
        request, "budgeting/vote_start.html", {"period": period, "form": form}
    )


def _step(name: str, period: Period, token: str) -> str:
    return f"{reverse(name, args=[period.slug])}?{urlencode({'t': token})}"


def _signed_code(request: HttpRequest, period: Period, salt: str) -> VoteCode | None:
    """Return the code the step's token names, or None when it is missing or stale."""
    try:
        pk = signing.loads(request.GET.get("t", ""), salt=salt, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return VoteCode.objects.filter(pk=pk, period=period).first()


@never_cache
@require_http_methods(["GET", "POST"])
def vote_code(request: HttpRequest, slug: str) -> HttpResponse:
    """Type the code received: the second step."""
    period = _period(slug)
    code = _signed_code(request, period, CODE_SALT)
    if code is None:
        return _unverified(request, period)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        checked = form_submit(
            form,
            lambda: services.vote_code_verify(
                vote_code=code,
                code=form.cleaned_data["code"],
                client=client_address(request),
                actor=services.PUBLIC_VOTE,
            ),
        )
        if checked.ok and checked.value is not None:
            if checked.value.verified:
                token = signing.dumps(code.pk, salt=VERIFIED_SALT)
                return redirect(_step("budgeting:vote-ballot", period, token))
            form.add_error(
                "code",
                _("El código no es correcto. Le quedan %(left)s intentos.")
                % {"left": checked.value.attempts_left},
            )
    status = 400 if form.errors else 200
    return render(
        request,
        "budgeting/vote_code.html",
        {
            "period": period,
            "form": form,
            "channel": code.channel,
            "minutes": rules.CODE_MINUTES,
        },
        status=status,
    )


def _unverified(request: HttpRequest, period: Period) -> HttpResponse:
    return render(
        request, "budgeting/vote_unverified.html", {"period": period}, status=403
    )


@never_cache
@require_http_methods(["GET", "POST"])
def vote_ballot(request: HttpRequest, slug: str) -> HttpResponse:
    """Choose proposals within the per-ballot budget: the last step."""
    period = _period(slug)
    code = _signed_code(request, period, VERIFIED_SALT)
    if code is None or code.verified_at is None:
        return _unverified(request, period)
    proposals = selectors.ballot_proposals(period)
    form = BallotForm(request.POST or None, proposals=proposals)
    if request.method == "POST":
        cast = form_submit(
            form,
            lambda: services.ballot_cast(
                vote_code=code,
                choices=form.cleaned_data["choices"],
                actor=services.PUBLIC_VOTE,
            ),
        )
        if cast.ok and cast.value is not None:
            token = signing.dumps(cast.value.folio, salt=THANKS_SALT)
            return redirect(
                f"{reverse('budgeting:vote-thanks', args=[period.slug])}?"
                f"{urlencode({'boleta': token})}"
            )
    status = 400 if form.errors else 200
    return render(
        request,
        "budgeting/vote_ballot.html",
        {"period": period, "form": form, "proposals": proposals},
        status=status,
    )


@never_cache
def vote_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    """Thank the voter with the folio of the ballot this browser cast.

    Signed, so the page names only a folio its own voter was given; a
    redirect after the vote, so reloading it casts nothing again.
    """
    period = _period(slug)
    try:
        folio = signing.loads(
            request.GET.get("boleta", ""), salt=THANKS_SALT, max_age=TOKEN_MAX_AGE
        )
    except signing.BadSignature as stale:
        raise Http404 from stale
    return render(
        request, "budgeting/vote_thanks.html", {"period": period, "folio": folio}
    )


# ------------------------------------------------------------------ results


@public_page
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show the counted result: votes, funded proposals, the budget used."""
    period = _period(slug)
    if period.phase != PeriodPhase.RESULTS:
        return render(
            request, "budgeting/results.html", {"period": period, "result": None}
        )
    return render(
        request,
        "budgeting/results.html",
        {"period": period, "result": selectors.period_result(period)},
    )


def _published(slug: str) -> Period:
    period = _period(slug)
    if period.phase != PeriodPhase.RESULTS:
        raise Http404(_("Los resultados aún no se publican."))
    return period


@public_page
def ballots_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """Download every ballot's folio and chosen proposals (no voter, no contact)."""
    period = _published(slug)
    rows = (
        {"folio": folio, "proposals": " ".join(str(n) for n in numbers)}
        for folio, numbers in selectors.ballots_published(period)
    )
    return _csv(csv_chunks(BALLOTS_COLUMNS, rows), f"boletas-{period.slug}.csv")


@public_page
def proposals_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """Download the ballot's proposals with cost, votes and result."""
    period = _published(slug)
    rows = (
        {
            "number": row.proposal.number,
            "title": row.proposal.title,
            "assessed_cost": row.proposal.assessed_cost,
            "votes": row.votes,
            "funded": row.funded,
            "work": row.proposal.work.public_id if row.proposal.work else "",
        }
        for row in selectors.period_result(period).rows
    )
    return _csv(csv_chunks(PROPOSALS_COLUMNS, rows), f"propuestas-{period.slug}.csv")


def _csv(chunks: Any, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
