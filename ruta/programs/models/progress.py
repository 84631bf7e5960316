"""Goals, their quarterly progress, and validators' review decisions.

Blank on the form is ``None`` (nothing programmed or reported), not 0.
Accumulated figures (ΣA and ΣA ÷ annual target) are derived by the
selectors, never stored.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Scope
from ruta.common.audit.kept import Kept
from ruta.programs.models.status import QUARTER_CHOICES, ValueStatus
from ruta.programs.models.structure import PlanReference, UnitProgram


class AccumulationChoice(models.TextChoices):
    """The kinds of ``ruta.programs.rules.Accumulation``, labelled for people."""

    SUM = "sum", _("Suma de los trimestres")
    LAST = "last", _("Último trimestre reportado")
    MAX = "max", _("Mayor de los trimestres")


@pghistory.track()
class Goal(models.Model):
    """A meta y acción of a unit's program, with its annual target."""

    unit_program = models.ForeignKey(
        UnitProgram, on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveIntegerField(_("número"))
    description = models.TextField(_("meta y acción"))
    unit_of_measure = models.CharField(_("unidad de medida"), max_length=120)
    annual_target = models.PositiveIntegerField(_("meta anual"), null=True, blank=True)
    # How the quarters make the absolute advance: read from the form's figures
    # when they settle it (its reading is in ``readings``), or chosen by staff.
    accumulation = models.CharField(
        _("acumulación"),
        max_length=8,
        choices=AccumulationChoice.choices,
        default=AccumulationChoice.SUM,
    )
    lines_of_action = models.ManyToManyField(
        PlanReference,
        through="GoalLine",
        related_name="goals",
        verbose_name=_("líneas de acción"),
    )
    # The works and committees the goal counts (goal 307 "Integrar comités",
    # 404 "Seguimiento a las obras"): its progress is computed from them
    # where its unit of measure says what to count (``rules.linked_measure``).
    works = models.ManyToManyField(
        "works.Work",
        through="GoalWork",
        related_name="poa_goals",
        blank=True,
        verbose_name=_("obras vinculadas"),
    )
    committees = models.ManyToManyField(
        "participation.Committee",
        through="GoalCommittee",
        related_name="poa_goals",
        blank=True,
        verbose_name=_("comités vinculados"),
    )
    # A goal that says its population served is registered by sex (seed goal
    # 502, "desagregada por sexo"; Ley de Planeación art. 15 IV): each
    # quarter then records the women and the men served.
    by_sex = models.BooleanField(
        _("registra la población atendida por sexo"),
        default=False,
        db_default=False,
        help_text=_(
            "Cada trimestre registra cuántas mujeres y cuántos hombres atendió la meta."
        ),
    )
    # The least certain of ``readings``, set by every service that writes
    # them: stored (not derived per read) so the review queue and the admin
    # can filter on it in SQL.
    status = models.CharField(_("estado"), max_length=20, choices=ValueStatus.choices)
    readings = models.JSONField(_("lecturas"), default=dict, blank=True)
    quarter_candidates = models.JSONField(
        _("lecturas posibles de los trimestres"), default=list, blank=True
    )
    source_document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("documento fuente"),
    )
    source_lines = models.JSONField(_("líneas de origen"), default=list, blank=True)

    class Meta:
        ordering = ["unit_program", "number"]
        verbose_name = _("meta")
        verbose_name_plural = _("metas")
        constraints = [
            models.UniqueConstraint(
                fields=["unit_program", "number"], name="goal_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}.- {self.description}"

    def permission_scope(self) -> Scope:
        """Return the executing unit's scope."""
        return self.unit_program.permission_scope()


@pghistory.track()
class GoalLine(models.Model):
    """A línea de acción a goal is aligned to, as the form prints it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE)
    reference = models.ForeignKey(PlanReference, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("línea de acción de la meta")
        verbose_name_plural = _("líneas de acción de las metas")
        constraints = [
            models.UniqueConstraint(fields=["goal", "reference"], name="goal_line")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} · {self.reference_id}"


@pghistory.track()
class GoalWork(models.Model):
    """A work a goal counts."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE)
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("obra de la meta")
        verbose_name_plural = _("obras de las metas")
        constraints = [
            models.UniqueConstraint(fields=["goal", "work"], name="goal_work")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} · {self.work_id}"


@pghistory.track()
class GoalCommittee(models.Model):
    """A citizens' committee a goal counts."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE)
    committee = models.ForeignKey("participation.Committee", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("comité de la meta")
        verbose_name_plural = _("comités de las metas")
        constraints = [
            models.UniqueConstraint(fields=["goal", "committee"], name="goal_committee")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} · {self.committee_id}"


# An approved quarter is published: a change to it is a new record, never a delete.
QUARTER_KEPT = Kept("approved_quarter_kept", "status", (ValueStatus.APPROVED,))
# A decision is the record of who chose what and why: always kept.
DECISION_KEPT = Kept("review_decision_kept")


@pghistory.track()
class QuarterProgress(models.Model):
    """What a goal programmed (P) and achieved (A) in one quarter.

    Blank on the form is ``None`` (nothing programmed or reported), not 0.
    Provenance is the source document and the copies and lines it was read
    from, or the person who captured it.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="quarters")
    quarter = models.PositiveSmallIntegerField(_("trimestre"), choices=QUARTER_CHOICES)
    programmed = models.PositiveIntegerField(_("programado"), null=True, blank=True)
    achieved = models.PositiveIntegerField(_("alcanzado"), null=True, blank=True)
    observation = models.TextField(_("observaciones"), blank=True)
    # The population served in the quarter, by sex, of a goal that registers it
    # (``Goal.by_sex``); blank when not reported.
    women = models.PositiveIntegerField(_("mujeres atendidas"), null=True, blank=True)
    men = models.PositiveIntegerField(_("hombres atendidos"), null=True, blank=True)
    status = models.CharField(_("estado"), max_length=20, choices=ValueStatus.choices)
    reason = models.TextField(_("motivo"), blank=True)
    candidates = models.JSONField(_("valores posibles"), default=list, blank=True)
    readings = models.JSONField(_("lecturas"), default=dict, blank=True)
    source_document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("documento fuente"),
    )
    source_lines = models.JSONField(_("líneas de origen"), default=list, blank=True)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("capturado por"),
    )
    captured_at = models.DateTimeField(_("capturado el"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aprobado por"),
    )
    approved_at = models.DateTimeField(_("aprobado el"), null=True, blank=True)

    kept = QUARTER_KEPT

    class Meta:
        ordering = ["goal", "quarter"]
        verbose_name = _("avance trimestral")
        verbose_name_plural = _("avances trimestrales")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "quarter"], name="quarter_progress_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="quarter_progress_quarter_range",
            ),
            models.CheckConstraint(
                condition=models.Q(source_document__isnull=False)
                | models.Q(captured_by__isnull=False),
                name="quarter_progress_has_provenance",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ValueStatus.APPROVED)
                | models.Q(approved_by__isnull=False),
                name="quarter_progress_approved_by",
            ),
        ]
        triggers = [QUARTER_KEPT.trigger()]

    def __str__(self) -> str:
        return f"{self.goal.number} T{self.quarter}"


@pghistory.track()
class ReviewDecision(models.Model):
    """A validator's decision on a value the reader left for review.

    Keeps what was shown (the candidates), what was there before, what was
    chosen, who chose it, when and why.
    """

    unit_program = models.ForeignKey(
        UnitProgram, on_delete=models.CASCADE, related_name="decisions"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    field = models.CharField(_("dato"), max_length=60)
    previous = models.JSONField(_("valor anterior"), null=True, blank=True)
    chosen = models.JSONField(_("valor elegido"), null=True, blank=True)
    candidates = models.JSONField(_("valores posibles"), default=list, blank=True)
    reason = models.TextField(_("motivo"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decidido por"),
    )
    decided_at = models.DateTimeField(_("decidido el"))

    kept = DECISION_KEPT

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("decisión de revisión")
        verbose_name_plural = _("decisiones de revisión")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="review_decision_has_reason"
            )
        ]
        triggers = [DECISION_KEPT.trigger()]

    def __str__(self) -> str:
        return f"{self.field}: {self.chosen}"
