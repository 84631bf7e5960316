"""Staff pages where the planning unit defines its indicator cards.

Validators of a card's agency create, edit and retire it; each change is in
the audit history, which keeps every earlier version. The services decide
and refuse; a refusal is shown on the form.
"""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.common.web.forms import form_submit
from ruta.indicators import services
from ruta.indicators.forms import CardForm, NewCardForm, RetireForm
from ruta.indicators.models import IndicatorCard
from ruta.indicators.selectors import (
    agencies_defining_cards,
    card_definition,
    cards_to_define,
)


@never_cache
@login_required
def card_desk(request: SignedInRequest) -> HttpResponse:
    """List the cards the person defines, and the way to a new one."""
    agencies = agencies_defining_cards(request.user)
    if not agencies:
        raise PermissionDenied
    return render(
        request, "indicators/cards.html", {"cards": cards_to_define(request.user)}
    )


@never_cache
@login_required
def card_new(request: SignedInRequest) -> HttpResponse:
    """Define a new card for one of the person's agencies."""
    agencies = agencies_defining_cards(request.user)
    if not agencies:
        raise PermissionDenied
    form = NewCardForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        done = form_submit(
            form,
            lambda: services.indicator_card_define(
                agency=form.cleaned_data["agency"],
                definition=form.definition(),
                elements=form.elements(),
                actor=request.user,
            ),
        )
        if done.ok:
            messages.success(
                request, _("Cédula creada: ya aparece en la página de indicadores.")
            )
            return redirect("indicators:cards")
    return render(request, "indicators/card_form.html", {"form": form, "card": None})


def _kept(request: SignedInRequest, pk: int) -> IndicatorCard:
    card = get_object_or_404(IndicatorCard.objects.select_related("agency"), pk=pk)
    if not can(request.user, Action.VALIDATE, card.agency):
        raise Http404("no such card")
    return card


def _card_initial(card: IndicatorCard) -> dict[str, object]:
    """Return the card's fields and the plan elements it serves, for its form."""
    initial: dict[str, object] = asdict(card_definition(card))
    aligned = card.alignments.values_list("element_id", flat=True)
    initial["plan_elements"] = list(aligned)
    return initial


@never_cache
@login_required
def card_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Change a card's fields."""
    card = _kept(request, pk)
    form = CardForm(request.POST or None, initial=_card_initial(card))
    if request.method == "POST":
        done = form_submit(
            form,
            lambda: services.indicator_card_edit(
                card=card,
                definition=form.definition(),
                elements=form.elements(),
                actor=request.user,
            ),
        )
        if done.ok:
            messages.success(request, _("Cédula actualizada."))
            return redirect("indicators:cards")
    return render(
        request,
        "indicators/card_form.html",
        {"form": form, "card": card, "retire": RetireForm()},
    )


@require_POST
@login_required
def card_retire(request: SignedInRequest, pk: int) -> HttpResponse:
    """Retire a card no longer measured, with the reason."""
    card = _kept(request, pk)
    form = RetireForm(request.POST)
    done = form_submit(
        form,
        lambda: services.indicator_card_retire(
            card=card, reason=form.cleaned_data["reason"], actor=request.user
        ),
    )
    if done.ok:
        messages.success(request, _("Cédula retirada de las páginas públicas."))
        return redirect("indicators:cards")
    edit = CardForm(initial=_card_initial(card))
    return render(
        request,
        "indicators/card_form.html",
        {"form": edit, "card": card, "retire": form},
        status=400,
    )
