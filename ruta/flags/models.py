"""Red flags kept at each publish, and the SAT's 69-B list they read.

A ``RaisedFlag`` is what a rule of ``ruta.flags.rules`` raised the last time
the open data was published, with the figures that raised it: pages, the API
and the dataset read these rows and never run a rule per request. It is
derived data stored once more, which the ground rule allows where measured:
the split and direct-award rules group every contract of the instance.

A ``FlagReply`` is the right of reply: the agency's explanation of a flag
(or the contractor's, through the agency's staff), shown beside it. It is
kept by the flag's kind and key, not by the raised row, so a publish that
raises the flag again finds its reply in place.

A ``TaxpayerList`` is one file of the SAT's list of taxpayers presumed to
simulate operations (Código Fiscal de la Federación, art. 69-B), imported by
staff, with the date the file speaks for; its ``ListedTaxpayer`` rows are the
file's as published. The latest list is the one the rule reads.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.catalog.scope import Scope
from ruta.flags.rules import FLAG_KINDS, Situation, Subject


class TaxpayerSituation(models.TextChoices):
    PRESUMED = Situation.PRESUMED.value, _("Presunto")
    DISPROVED = Situation.DISPROVED.value, _("Desvirtuado")
    DEFINITIVE = Situation.DEFINITIVE.value, _("Definitivo")
    FAVOURABLE = Situation.FAVOURABLE.value, _("Sentencia favorable")


@pghistory.track()
class TaxpayerList(models.Model):
    """One imported file of the SAT's 69-B list, with the date it speaks for."""

    document = models.OneToOneField(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        related_name="taxpayer_list",
        verbose_name=_("documento publicado"),
    )
    as_of = models.DateField(_("información al"))
    rows = models.PositiveIntegerField(_("contribuyentes"))
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = _("lista del SAT (art. 69-B)")
        verbose_name_plural = _("listas del SAT (art. 69-B)")

    def __str__(self) -> str:
        return f"69-B {self.as_of}"


@pghistory.track()
class ListedTaxpayer(models.Model):
    """A taxpayer of a 69-B list: RFC, name, situation, notices and their dates."""

    taxpayer_list = models.ForeignKey(
        TaxpayerList, on_delete=models.CASCADE, related_name="taxpayers"
    )
    line = models.PositiveIntegerField(_("renglón"))
    rfc = models.CharField(_("RFC"), max_length=13)
    name = models.CharField(_("nombre del contribuyente"), max_length=400)
    situation = models.CharField(
        _("situación"), max_length=20, choices=TaxpayerSituation
    )
    # Each notice as the file prints it: {"column": …, "text": …}.
    notices = models.JSONField(_("oficios y publicaciones"), default=list)

    class Meta:
        ordering = ["taxpayer_list", "line"]
        verbose_name = _("contribuyente listado")
        verbose_name_plural = _("contribuyentes listados")
        constraints = [
            models.UniqueConstraint(
                fields=["taxpayer_list", "rfc"], name="listed_taxpayer_unique_rfc"
            ),
            models.CheckConstraint(
                condition=models.Q(situation__in=TaxpayerSituation.values),
                name="listed_taxpayer_situation_known",
            ),
        ]
        indexes = [models.Index(fields=["rfc"], name="listed_taxpayer_rfc")]

    def __str__(self) -> str:
        return f"{self.rfc} {self.situation}"


class FlagSubject(models.TextChoices):
    """What a flag is about (``rules.Subject``), labelled for pages, files and API."""

    WORK = Subject.WORK.value, _("Obra")
    CONTRACT = Subject.CONTRACT.value, _("Contrato")
    CONTRACTOR = Subject.CONTRACTOR.value, _("Contratista")
    AGENCY = Subject.AGENCY.value, _("Dependencia")
    PROCESS = Subject.PROCESS.value, _("Proceso de contratación (OCDS)")


KINDS = [(key, key) for key in FLAG_KINDS]


@pghistory.track()
class RaisedFlag(models.Model):
    """A flag a rule raised at the last publish, with its figures.

    ``key`` names what it is about within its kind (a work's folio, a
    contract's id, an RFC, an agency's code, an ocid), so a publish that
    raises the same flag again changes nothing.
    """

    kind = models.CharField(_("señal"), max_length=40, choices=KINDS)
    subject = models.CharField(_("sobre"), max_length=20, choices=FlagSubject)
    key = models.CharField(_("clave"), max_length=200)
    work = models.ForeignKey(
        "works.Work", on_delete=models.CASCADE, null=True, related_name="flags"
    )
    contract = models.ForeignKey(
        "works.Contract", on_delete=models.CASCADE, null=True, related_name="flags"
    )
    process = models.ForeignKey(
        "works.ContractingProcess",
        on_delete=models.CASCADE,
        null=True,
        related_name="flags",
    )
    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.CASCADE, null=True, related_name="flags"
    )
    # A company's RFC only: a person's is never a key of anything public.
    contractor_rfc = models.CharField(
        _("RFC del contratista"), max_length=12, blank=True
    )
    values = models.JSONField(_("cifras"))
    message = models.TextField(_("mensaje"))
    raised_on = models.DateField(_("detectada el"))
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("señal")
        verbose_name_plural = _("señales")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="raised_flag_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=list(FLAG_KINDS)),
                name="raised_flag_kind_known",
            ),
        ]
        indexes = [
            models.Index(fields=["contractor_rfc"], name="raised_flag_contractor"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class ReplyVoice(models.TextChoices):
    """Whose explanation a reply gives."""

    AGENCY = "agency", _("la dependencia")
    CONTRACTOR = "contractor", _("el contratista, por medio de la dependencia")


# A reply is read beside its flag: a paragraph or two, never a document.
REPLY_LONGEST = 2_000


@pghistory.track()
class FlagReply(models.Model):
    """The explanation an agency attaches to one of its flags (right of reply).

    Written by a validator of the flag's agency, published at once beside
    the flag; each earlier wording stays in the audit history.
    """

    kind = models.CharField(_("señal"), max_length=40, choices=KINDS)
    key = models.CharField(_("clave"), max_length=200)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="flag_replies",
        verbose_name=_("dependencia"),
    )
    voice = models.CharField(
        _("a nombre de"), max_length=20, choices=ReplyVoice.choices
    )
    text = models.TextField(_("explicación"), max_length=REPLY_LONGEST)
    # None when a command wrote it (the audit history names the command).
    written_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("escrita por"),
    )
    written_at = models.DateTimeField(_("escrita el"))
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("respuesta a una señal")
        verbose_name_plural = _("respuestas a las señales")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="flag_reply_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=list(FLAG_KINDS)),
                name="flag_reply_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(voice__in=ReplyVoice.values),
                name="flag_reply_voice_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    def permission_scope(self) -> Scope:
        """Return the agency's staff."""
        return Scope(agency_id=self.agency_id)
