"""Participatory budgeting (presupuesto participativo) of a municipality.

A municipality's government opens a ``Period`` with its budget and phases;
citizens send ``Proposal``s (moderated; the proposer's contact is personal
data, never published); staff assess each one's feasibility and cost with
public reasons; people vote with one ``Ballot`` each, verified by a code
(``VoteCode``) sent to an e-mail address or a WhatsApp number, and the
``Voter`` row keeps one keyed hash of that contact per period, apart from the
ballot, so the published ballots name no one and no ballot names its voter.
The result is computed from the ballots by ``rules.tally``, never stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.budgeting import rules
from ruta.common.audit.history import row_trackers
from ruta.common.fields import MoneyField

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope

CONTACT_VIEWED = "proposer_contact_viewed"

PHASE_LABELS = {
    rules.Phase.PROPOSALS: _("Recepción de propuestas"),
    rules.Phase.REVIEW: _("Revisión de viabilidad"),
    rules.Phase.VOTING: _("Votación"),
    rules.Phase.RESULTS: _("Resultados"),
}


class PeriodPhase(models.TextChoices):
    PROPOSALS = rules.Phase.PROPOSALS, PHASE_LABELS[rules.Phase.PROPOSALS]
    REVIEW = rules.Phase.REVIEW, PHASE_LABELS[rules.Phase.REVIEW]
    VOTING = rules.Phase.VOTING, PHASE_LABELS[rules.Phase.VOTING]
    RESULTS = rules.Phase.RESULTS, PHASE_LABELS[rules.Phase.RESULTS]


@pghistory.track()
class Period(models.Model):
    """One participatory-budget exercise of a municipality in a year."""

    slug = models.SlugField(_("clave"), max_length=80, unique=True)
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        related_name="budget_periods",
        verbose_name=_("municipio"),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="budget_periods",
        verbose_name=_("ayuntamiento"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    title = models.CharField(_("título"), max_length=rules.TITLE_MAX)
    total_budget = MoneyField(_("presupuesto total"))
    ballot_budget = MoneyField(_("presupuesto por boleta"))
    rules_text = models.TextField(_("reglas"), max_length=rules.DESCRIPTION_MAX)
    proposals_from = models.DateField(_("inicio de propuestas"))
    review_from = models.DateField(_("inicio de revisión"))
    voting_from = models.DateField(_("inicio de votación"))
    voting_until = models.DateField(_("fin de votación"))
    results_on = models.DateField(_("publicación de resultados"))
    phase = models.CharField(
        _("fase"), max_length=12, choices=PeriodPhase, default=PeriodPhase.PROPOSALS
    )
    results_published_at = models.DateTimeField(
        _("resultados publicados el"), null=True, blank=True
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    created = models.DateTimeField(_("abierto el"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "municipality__name", "title"]
        verbose_name = _("presupuesto participativo")
        verbose_name_plural = _("presupuestos participativos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_budget__gt=0)
                & models.Q(ballot_budget__gt=0)
                & models.Q(ballot_budget__lte=models.F("total_budget")),
                name="budgeting_period_budgets",
            ),
            models.CheckConstraint(
                condition=models.Q(review_from__gte=models.F("proposals_from"))
                & models.Q(voting_from__gte=models.F("review_from"))
                & models.Q(voting_until__gte=models.F("voting_from"))
                & models.Q(results_on__gte=models.F("voting_until")),
                name="budgeting_period_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:period", args=[self.slug])

    def permission_scope(self) -> Scope:
        """Return the scope of the municipality's government that runs it."""
        from ruta.accounts.permissions import Scope

        return Scope(agency_id=self.agency_id, municipality_id=self.municipality_id)


class Feasibility(models.TextChoices):
    PENDING = "pending", _("En revisión")
    FEASIBLE = "feasible", _("Viable")
    UNFEASIBLE = "unfeasible", _("No viable")


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def visible(self) -> ProposalQuerySet:
        """Return proposals not hidden by moderation."""
        return self.filter(hidden_reason="")

    def on_ballot(self) -> ProposalQuerySet:
        """Return the proposals people may vote for: visible and feasible."""
        return self.visible().filter(feasibility=Feasibility.FEASIBLE)


@pghistory.track(*row_trackers(), pghistory.ManualEvent(CONTACT_VIEWED))
class Proposal(models.Model):
    """A work a citizen proposes for the period's budget."""

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="proposals"
    )
    number = models.PositiveIntegerField(_("número"))
    title = models.CharField(_("título"), max_length=rules.TITLE_MAX)
    description = models.TextField(_("descripción"), max_length=rules.DESCRIPTION_MAX)
    locality = models.CharField(_("localidad o referencia"), max_length=200)
    latitude = models.DecimalField(
        _("latitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    estimated_cost = MoneyField(_("costo estimado"))
    proposer_name = models.CharField(_("nombre de quien propone"), max_length=120)
    proposer_email = models.EmailField(_("correo de quien propone"), blank=True)
    proposer_phone = models.CharField(
        _("teléfono de quien propone"), max_length=30, blank=True
    )
    hidden_reason = models.CharField(
        _("motivo de ocultar"), max_length=rules.REASON_MAX, blank=True
    )
    feasibility = models.CharField(
        _("viabilidad"), max_length=12, choices=Feasibility, default=Feasibility.PENDING
    )
    assessed_cost = MoneyField(_("costo evaluado"), null=True, blank=True)
    assessment = models.TextField(
        _("dictamen de viabilidad"), max_length=rules.REASON_MAX, blank=True
    )
    assessed_at = models.DateTimeField(_("evaluada el"), null=True, blank=True)
    work = models.ForeignKey(
        "works.Work",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_proposals",
        verbose_name=_("obra que la ejecuta"),
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    submitted_at = models.DateTimeField(_("recibida el"), auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["period", "number"]
        verbose_name = _("propuesta de presupuesto participativo")
        verbose_name_plural = _("propuestas de presupuesto participativo")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "number"], name="budgeting_proposal_number"
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_cost__gt=0),
                name="budgeting_proposal_estimate_positive",
            ),
            models.CheckConstraint(
                condition=~models.Q(feasibility="feasible")
                | models.Q(assessed_cost__gt=0),
                name="budgeting_feasible_has_cost",
            ),
            models.CheckConstraint(
                condition=models.Q(feasibility="pending") | ~models.Q(assessment=""),
                name="budgeting_assessment_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("budgeting:proposal", args=[self.period.slug, self.number])

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)

    def permission_scope(self) -> Scope:
        """Return the scope of the period's municipality government."""
        return self.period.permission_scope()


@pghistory.track()
class VoteCode(models.Model):
    """A code sent to a contact to verify a voter; only hashes are kept."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="codes")
    contact_key = models.CharField(_("huella del contacto"), max_length=64)
    channel = models.CharField(_("medio"), max_length=10)
    code_hash = models.CharField(_("huella del código"), max_length=64)
    expires_at = models.DateTimeField(_("vence"))
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    verified_at = models.DateTimeField(_("verificado"), null=True, blank=True)
    used_at = models.DateTimeField(_("usado"), null=True, blank=True)
    created = models.DateTimeField(_("enviado"), auto_now_add=True)

    # Written by every voter during the vote; never read by a public page.
    unversioned_reason = "private to the vote"

    class Meta:
        ordering = ["-created"]
        verbose_name = _("código de votación")
        verbose_name_plural = _("códigos de votación")
        indexes = [models.Index(fields=["period", "contact_key"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attempts__lte=rules.CODE_ATTEMPTS),
                name="budgeting_code_attempts_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.pk}"


@pghistory.track()
class Voter(models.Model):
    """That a contact voted in a period: its keyed hash, never the contact."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="voters")
    contact_key = models.CharField(_("huella del contacto"), max_length=64)
    channel = models.CharField(_("medio"), max_length=10)
    voted_at = models.DateTimeField(_("votó el"), auto_now_add=True)

    # Written by every voter during the vote; never read by a public page.
    unversioned_reason = "private to the vote"

    class Meta:
        verbose_name = _("votante")
        verbose_name_plural = _("votantes")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "contact_key"],
                name="budgeting_one_ballot_per_contact",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.contact_key[:8]}"


@pghistory.track()
class Ballot(models.Model):
    """A cast ballot: its public folio and the proposals it selects, no voter."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="ballots")
    folio = models.CharField(_("folio"), max_length=16, unique=True)
    proposals = models.ManyToManyField(
        Proposal,
        through="BallotChoice",
        related_name="ballots",
        verbose_name=_("propuestas elegidas"),
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    # Written by every voter during the vote; public only once the result is
    # published, a write of the period's that changes the data version.
    unversioned_reason = "public only after the result, which is versioned"

    class Meta:
        ordering = ["period", "folio"]
        verbose_name = _("boleta")
        verbose_name_plural = _("boletas")

    def __str__(self) -> str:
        return self.folio


@pghistory.track()
class BallotChoice(models.Model):
    """One proposal a ballot selects (its own row, so its history is kept)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="choices")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="choices"
    )

    # Written by every voter during the vote; public only once the result is
    # published, a write of the period's that changes the data version.
    unversioned_reason = "public only after the result, which is versioned"

    class Meta:
        verbose_name = _("elección de boleta")
        verbose_name_plural = _("elecciones de boleta")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "proposal"], name="budgeting_choice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.proposal_id}"
