"""Proposals: sent by citizens, moderated and assessed by the municipality's staff."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, SystemActor, service
from ruta.accounts.permissions import Action, require
from ruta.budgeting import rules
from ruta.budgeting.models import Feasibility, Period, PeriodPhase, Proposal
from ruta.budgeting.services.checks import (
    money_bounded,
    phase_require,
    text_bounded,
    throttle,
)
from ruta.common.refusals import refusal
from ruta.common.text.contacts import email_clean, phone_clean
from ruta.problems.rules import within_mexico

# Who writes what the public sends: no account is needed to propose.
PUBLIC_PROPOSALS = SystemActor("participatory budget proposal form")


@dataclass(frozen=True)
class Contact:
    """Who proposes: a name and an e-mail or a phone, all private."""

    name: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Place:
    """Where the proposed work would be: a locality (or reference) and maybe a point."""

    locality: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None


# ------------------------------------------------------------------ proposals


def _place_check(place: Place) -> Place:
    locality = text_bounded(
        place.locality,
        least=3,
        most=200,
        what=_("La localidad o referencia"),
        code="locality",
    )
    if (place.latitude is None) != (place.longitude is None):
        raise refusal(
            _("Indique latitud y longitud juntas, o ninguna."),
            "location_partial",
            "latitude",
        )
    if (
        place.latitude is not None
        and place.longitude is not None
        and not within_mexico(place.latitude, place.longitude)
    ):
        raise refusal(
            _("La ubicación (%(lat)s, %(lon)s) queda fuera de México.")
            % {"lat": place.latitude, "lon": place.longitude},
            "location_outside",
            "latitude",
        )
    return Place(locality, place.latitude, place.longitude)


def _contact_check(contact: Contact) -> Contact:
    name = text_bounded(
        contact.name, least=2, most=120, what=_("El nombre"), code="name"
    )
    email = phone = ""
    if contact.email.strip():
        email = email_clean(contact.email) or ""
        if not email:
            raise refusal(_("El correo no es válido."), "email_invalid", "email")
    if contact.phone.strip():
        phone = phone_clean(contact.phone) or ""
        if not phone:
            raise refusal(
                _("El teléfono debe ser de 10 dígitos (con o sin +52)."),
                "phone_invalid",
                "phone",
            )
    if not email and not phone:
        raise refusal(
            _("Deje un correo o un teléfono: el municipio lo usa solo para avisarle."),
            "contact_missing",
            "email",
        )
    return Contact(name, email, phone)


@service
def proposal_submit(
    *,
    period: Period,
    title: str,
    description: str,
    place: Place,
    estimated_cost: Decimal,
    contact: Contact,
    client: str | None = None,
    is_demo: bool = False,
    actor: Actor,
) -> Proposal:
    """Receive a citizen's proposal while the period takes proposals."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    phase_require(
        period, rules.Phase.PROPOSALS, _("Este presupuesto ya no recibe propuestas.")
    )
    proposal = Proposal(
        period=period,
        title=text_bounded(
            title,
            least=rules.TITLE_MIN,
            most=rules.TITLE_MAX,
            what=_("El título"),
            code="title",
        ),
        description=text_bounded(
            description,
            least=rules.DESCRIPTION_MIN,
            most=rules.DESCRIPTION_MAX,
            what=_("La descripción"),
            code="description",
        ),
        estimated_cost=money_bounded(
            estimated_cost,
            most=period.total_budget,
            what=_("El costo estimado"),
            code="estimated_cost",
        ),
        is_demo=is_demo,
    )
    place = _place_check(place)
    proposal.locality, proposal.latitude, proposal.longitude = (
        place.locality,
        place.latitude,
        place.longitude,
    )
    contact = _contact_check(contact)
    proposal.proposer_name = contact.name
    proposal.proposer_email, proposal.proposer_phone = contact.email, contact.phone
    throttle(
        "budget-proposals",
        client,
        settings.RUTA_BUDGETING_PROPOSALS_PER_HOUR,
        _(
            "Se recibieron demasiadas propuestas desde su conexión en la última hora "
            "(el límite es %(limit)s). Intente más tarde."
        ),
    )
    latest = period.proposals.order_by("-number").first()
    proposal.number = latest.number + 1 if latest else 1
    proposal.save()
    return proposal


@service
def proposal_moderate(
    *, proposal: Proposal, hide: bool, reason: str = "", actor: Actor
) -> Proposal:
    """Hide a proposal with a public reason, or show it again.

    Once voting opened the ballot is fixed: nothing on it is hidden.
    """
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("period")
        .get(pk=proposal.pk)
    )
    require(actor, Action.CAPTURE, proposal)
    if proposal.period.phase in (PeriodPhase.VOTING, PeriodPhase.RESULTS):
        raise refusal(
            _("La votación ya empezó: la boleta no cambia."), "phase", "reason"
        )
    if hide:
        proposal.hidden_reason = text_bounded(
            reason,
            least=rules.REASON_MIN,
            most=rules.REASON_MAX,
            what=_("El motivo"),
            code="reason",
        )
    else:
        proposal.hidden_reason = ""
    proposal.save(update_fields=["hidden_reason"])
    return proposal


@service
def proposal_assess(
    *,
    proposal: Proposal,
    feasible: bool,
    reason: str,
    assessed_cost: Decimal | None = None,
    actor: Actor,
) -> Proposal:
    """Record whether a proposal is feasible and, if so, its assessed cost.

    The reason is public. A feasible proposal must fit one ballot's budget,
    or no one could vote for it.
    """
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("period")
        .get(pk=proposal.pk)
    )
    period = proposal.period
    require(actor, Action.CAPTURE, proposal)
    if period.phase not in (PeriodPhase.PROPOSALS, PeriodPhase.REVIEW):
        raise refusal(
            _("La votación ya empezó: las evaluaciones no cambian."), "phase", "reason"
        )
    if proposal.is_hidden:
        raise refusal(_("La propuesta está oculta por moderación."), "hidden")
    proposal.assessment = text_bounded(
        reason,
        least=rules.REASON_MIN,
        most=rules.REASON_MAX,
        what=_("El dictamen"),
        code="reason",
    )
    proposal.assessed_cost = None
    if feasible:
        if assessed_cost is None:
            raise refusal(
                _("Una propuesta viable lleva su costo evaluado."),
                "cost_missing",
                "assessed_cost",
            )
        proposal.assessed_cost = money_bounded(
            assessed_cost,
            most=period.ballot_budget,
            what=_("El costo evaluado"),
            code="assessed_cost",
        )
    proposal.feasibility = Feasibility.FEASIBLE if feasible else Feasibility.UNFEASIBLE
    proposal.assessed_at = timezone.now()
    proposal.save()
    return proposal
