"""Periods: opened by a municipality's staff, moved through their phases, published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, service
from ruta.accounts.duties import separation_require
from ruta.accounts.permissions import Action, require
from ruta.budgeting import rules
from ruta.budgeting.models import Feasibility, Period, PeriodPhase, Proposal
from ruta.budgeting.selectors import period_tally, period_writers
from ruta.budgeting.services.checks import money_bounded, phase_require, text_bounded
from ruta.catalog.models import Agency, Municipality
from ruta.common.db.published import data_published_notify
from ruta.common.refusals import refusal
from ruta.works.models import Work

YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class Calendar:
    """The phases' planned dates, published with the period."""

    proposals_from: date
    review_from: date
    voting_from: date
    voting_until: date
    results_on: date


# ------------------------------------------------------------------ periods


def _ayuntamiento(municipality: Municipality) -> Agency:
    agency = Agency.objects.ayuntamientos().filter(municipality=municipality).first()
    if agency is None:
        raise refusal(
            _("%(name)s no tiene ayuntamiento en el catálogo de dependencias.")
            % {"name": municipality.name},
            "no_ayuntamiento",
            "municipality",
        )
    return agency


def _calendar_check(calendar: Calendar, year: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise refusal(
            _("El año debe estar entre %(least)s y %(most)s.")
            % {"least": YEAR_MIN, "most": YEAR_MAX},
            "year_range",
            "year",
        )
    dates = (
        calendar.proposals_from,
        calendar.review_from,
        calendar.voting_from,
        calendar.voting_until,
        calendar.results_on,
    )
    if not rules.dates_in_order(*dates):
        raise refusal(
            _(
                "Las fechas van en orden: propuestas, revisión, inicio y fin de la "
                "votación, resultados."
            ),
            "dates_order",
            "voting_from",
        )
    if any(abs(day.year - year) > 1 for day in dates):
        raise refusal(
            _("Las fechas deben caer en %(year)s o en un año contiguo.")
            % {"year": year},
            "dates_year",
            "proposals_from",
        )


def _slug(municipality: Municipality, year: int) -> str:
    base = slugify(f"{municipality.name}-{year}")[:70]
    slug, n = base, 1
    while Period.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@service
def period_open(
    *,
    municipality: Municipality,
    year: int,
    title: str,
    total_budget: Decimal,
    ballot_budget: Decimal,
    rules_text: str,
    calendar: Calendar,
    is_demo: bool = False,
    actor: Actor,
) -> Period:
    """Open a municipality's participatory budget; proposals are received first."""
    agency = _ayuntamiento(municipality)
    period = Period(municipality=municipality, agency=agency, year=year)
    require(actor, Action.CAPTURE, period)
    _calendar_check(calendar, year)
    total = money_bounded(
        total_budget,
        most=rules.BUDGET_MAX,
        what=_("El presupuesto total"),
        code="total_budget",
    )
    per_ballot = money_bounded(
        ballot_budget,
        most=total,
        what=_("El presupuesto por boleta"),
        code="ballot_budget",
    )
    period.title = text_bounded(
        title,
        least=rules.TITLE_MIN,
        most=rules.TITLE_MAX,
        what=_("El título"),
        code="title",
    )
    period.rules_text = text_bounded(
        rules_text,
        least=rules.DESCRIPTION_MIN,
        most=rules.DESCRIPTION_MAX,
        what=_("Las reglas"),
        code="rules_text",
    )
    period.total_budget, period.ballot_budget = total, per_ballot
    period.proposals_from = calendar.proposals_from
    period.review_from = calendar.review_from
    period.voting_from = calendar.voting_from
    period.voting_until = calendar.voting_until
    period.results_on = calendar.results_on
    period.slug, period.is_demo = _slug(municipality, year), is_demo
    period.save()
    return period


@service
def period_advance(*, period: Period, actor: Actor) -> Period:
    """Move the period to its next phase: review, then voting.

    Voting opens only when every visible proposal has been assessed and at
    least one is feasible; the results come only by ``results_publish``.
    """
    period = Period.objects.select_for_update().get(pk=period.pk)
    require(actor, Action.CAPTURE, period)
    following = rules.next_phase(rules.Phase(period.phase))
    if following is None or following == rules.Phase.RESULTS:
        raise refusal(
            _("Los resultados se publican con su propio paso, por otra persona."),
            "phase",
        )
    if following == rules.Phase.VOTING:
        _ballot_ready(period)
    period.phase = PeriodPhase(following)
    period.save(update_fields=["phase"])
    return period


def _ballot_ready(period: Period) -> None:
    pending = period.proposals.visible().filter(feasibility=Feasibility.PENDING)
    if pending.exists():
        raise refusal(
            _("Faltan %(count)s propuestas por evaluar antes de abrir la votación.")
            % {"count": pending.count()},
            "pending_assessment",
        )
    if not period.proposals.on_ballot().exists():
        raise refusal(
            _("Ninguna propuesta es viable: no hay boleta que votar."), "empty_ballot"
        )


# ------------------------------------------------------------------ results


@service
def results_publish(*, period: Period, actor: Actor) -> Period:
    """Close the vote and publish its results, counted from the ballots.

    Whoever opened the period or assessed its proposals does not publish the
    result: another person with the right to validate does
    (``ruta.accounts.duties``).
    """
    period = Period.objects.select_for_update().get(pk=period.pk)
    require(actor, Action.VALIDATE, period)
    phase_require(
        period, rules.Phase.VOTING, _("Solo se publica el resultado de una votación.")
    )
    separation_require(
        actor,
        period_writers(period),
        what=_("la apertura de este presupuesto o la evaluación de sus propuestas"),
    )
    if not period.ballots.exists():
        raise refusal(_("Aún no hay boletas: no hay resultado."), "no_ballots")
    period.phase = PeriodPhase.RESULTS
    period.results_published_at = timezone.now()
    period.save(update_fields=["phase", "results_published_at"])
    data_published_notify(what="budgeting")
    return period


@service
def proposal_work_link(*, proposal: Proposal, work: Work, actor: Actor) -> Proposal:
    """Name the work that carries out a funded proposal, so its money is followed."""
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("period")
        .get(pk=proposal.pk)
    )
    require(actor, Action.CAPTURE, proposal)
    period = proposal.period
    if period.phase != PeriodPhase.RESULTS:
        raise refusal(_("Los resultados aún no se publican."), "phase", "work")
    if proposal.pk not in period_tally(period).funded_ids:
        raise refusal(
            _("Solo una propuesta ganadora se liga a una obra."), "not_funded", "work"
        )
    if work.published_at is None or work.municipality_id != period.municipality_id:
        raise refusal(
            _("La obra %(id)s no es una obra publicada de %(name)s.")
            % {"id": work.public_id, "name": period.municipality.name},
            "work_elsewhere",
            "work",
        )
    proposal.work = work
    proposal.save(update_fields=["work"])
    return proposal
