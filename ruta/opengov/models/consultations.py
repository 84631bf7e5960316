"""Public consultation on draft regulations (consulta pública regulatoria).

An agency publishes a draft (``DraftRegulation``) in versions
(``DraftVersion``) with a consultation period; the public comments on the
whole draft or on one article or paragraph (``Comment.anchor``); comments
are moderated before they show, and the agency answers each one, accepting
or rejecting it with its reasons. The closing report is computed from the
comments (``rules.closing_tally``), never typed. Commenters' name and e-mail
are personal data: never on public pages, the API or downloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.catalog.instance import instance
from ruta.common.audit.history import row_trackers
from ruta.opengov.rules import anchor_place

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope

COMMENTERS_VIEWED = "commenters_viewed"


class DraftRegulationQuerySet(models.QuerySet["DraftRegulation"]):
    def here(self) -> DraftRegulationQuerySet:
        """Return the drafts the instance publishes: a municipality's, its own
        agencies'; a state's, every one."""
        return self.filter(instance().run_by_own_agencies("agency__"))


@pghistory.track(*row_trackers(), pghistory.ManualEvent(COMMENTERS_VIEWED))
class DraftRegulation(models.Model):
    """A draft regulation an agency puts to public consultation."""

    slug = models.SlugField(_("clave"), max_length=120, unique=True)
    title = models.CharField(_("título"), max_length=300)
    summary = models.TextField(_("resumen"), blank=True)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="draft_regulations",
        verbose_name=_("dependencia"),
    )
    opens_on = models.DateField(_("inicio de la consulta"))
    closes_on = models.DateField(_("fin de la consulta"))
    closed_at = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    created = models.DateTimeField(_("registrado"), auto_now_add=True)
    # A consultation the demo opened with its demonstration accounts.
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )

    objects = DraftRegulationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("anteproyecto de regulación")
        verbose_name_plural = _("anteproyectos de regulación")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="opengov_draft_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opengov:draft", args=[self.slug])

    def permission_scope(self) -> Scope:
        """Return the scope of the agency that consults."""
        from ruta.accounts.permissions import Scope

        return Scope(agency_id=self.agency_id)


@pghistory.track()
class DraftVersion(models.Model):
    """One version of a draft's text; comments name the version they read."""

    draft = models.ForeignKey(
        DraftRegulation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("versión"))
    text = models.TextField(_("texto"))
    published_at = models.DateTimeField(_("publicada el"), auto_now_add=True)

    class Meta:
        ordering = ["draft", "number"]
        verbose_name = _("versión del anteproyecto")
        verbose_name_plural = _("versiones del anteproyecto")
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "number"], name="opengov_draft_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft} v{self.number}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("En moderación")
    PUBLISHED = "published", _("Publicado")
    REFUSED = "refused", _("No publicado por moderación")


class CommentDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Aceptado")
    REJECTED = "rejected", _("No aceptado")


@pghistory.track()
class Comment(models.Model):
    """A comment on a draft, on the whole text or one article or paragraph."""

    draft = models.ForeignKey(
        DraftRegulation, on_delete=models.CASCADE, related_name="comments"
    )
    version = models.ForeignKey(
        DraftVersion, on_delete=models.PROTECT, related_name="comments"
    )
    # "" for the whole draft, "art-5" or "art-5-p-2" (rules.draft_units).
    anchor = models.CharField(_("artículo o párrafo"), max_length=40, blank=True)
    body = models.TextField(_("comentario"))
    author_name = models.CharField(_("nombre de quien comenta"), max_length=200)
    author_email = models.EmailField(_("correo de quien comenta"), blank=True)
    submitted_at = models.DateTimeField(_("recibido el"), auto_now_add=True)
    status = models.CharField(
        _("moderación"),
        max_length=12,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    moderation_reason = models.CharField(
        _("motivo de moderación"), max_length=500, blank=True
    )
    decision = models.CharField(
        _("decisión"), max_length=10, choices=CommentDecision.choices, blank=True
    )
    answer = models.TextField(_("respuesta de la dependencia"), blank=True)
    answered_at = models.DateTimeField(_("respondido el"), null=True, blank=True)

    class Meta:
        ordering = ["draft", "submitted_at", "id"]
        verbose_name = _("comentario de consulta")
        verbose_name_plural = _("comentarios de consulta")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="") | ~models.Q(answer=""),
                name="opengov_comment_decision_has_reasons",
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft} #{self.pk}"

    @property
    def place(self) -> str:
        """Return what the comment is about, as people say it ("artículo 5, párrafo 2").

        Its anchor ("art-5-p-2") is for links and forms.
        """
        if not self.anchor:
            return str(_("todo el anteproyecto"))
        place = anchor_place(self.anchor)
        if place is None:
            return self.anchor
        article, paragraph = place
        if paragraph is None:
            return str(_("artículo %(article)s") % {"article": article})
        return str(
            _("artículo %(article)s, párrafo %(paragraph)s")
            % {"article": article, "paragraph": paragraph}
        )

    def permission_scope(self) -> Scope:
        """Return the scope of the draft's agency."""
        return self.draft.permission_scope()
