"""Imports run as background jobs, with their progress and result.

The import itself writes in one transaction, invisible until it commits;
its ``ImportJob`` row is written on a connection of its own, so the staff
page shows rows read and findings so far while the import runs. A job
killed half-way leaves the import's writes rolled back; the queue check
(every minute, ``ruta.common.ops.queue``) then marks it failed (its worker no
longer holds it, ``ruta.ingest.jobs``) and the staff page offers to queue
the file again.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ruta.common.refusals import refused_text
from ruta.sources.display import refusal_text

# The error of a job whose worker ended before it finished: nothing of it
# was written, and queueing its file again is the remedy.
INTERRUPTED = (
    "Nothing was written. The import stopped before it finished (its worker "
    "ended); queue the file again."
)
# What the jobs page says of that, and of an import that failed unforeseen
# (its English error names the exception, for whoever reads the logs).
INTERRUPTED_TEXT = _(
    "No se guardó nada: la importación se detuvo antes de terminar (terminó el "
    "proceso que la hacía). Vuelva a poner el archivo en cola."
)
CRASHED_TEXT = _(
    "No se guardó nada: la importación falló por un error del sistema, que quedó "
    "registrado. Intente de nuevo más tarde o avise a quien administra la "
    "plataforma."
)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("En cola")
    RUNNING = "running", _("En proceso")
    SUCCEEDED = "succeeded", _("Terminada")
    FAILED = "failed", _("Rechazada o fallida")


# The parts of an import's tally, as a job's result keeps them.
TALLY_PARTS = ("read", "stored", "refused", "identical", "superseded")


@pghistory.track()
class ImportJob(models.Model):
    """One file to import in the background, and how far it went."""

    kind = models.CharField(_("tipo"), max_length=40)
    path = models.CharField(_("archivo"), max_length=1000)
    options = models.JSONField(_("opciones"), default=dict, blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    rows_read = models.PositiveIntegerField(_("renglones leídos"), default=0)
    findings = models.PositiveIntegerField(_("hallazgos"), default=0)
    result = models.JSONField(_("resultado"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("documento"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("solicitada por"),
    )
    requested_as = models.CharField(_("solicitada como"), max_length=120, blank=True)
    created = models.DateTimeField(_("creada"), default=timezone.now)
    started = models.DateTimeField(_("iniciada"), null=True, blank=True)
    finished = models.DateTimeField(_("terminada"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("importación en segundo plano")
        verbose_name_plural = _("importaciones en segundo plano")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values),
                name="import_job_status_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def interrupted(self) -> bool:
        """Return whether the job stopped with its worker (worth queueing again)."""
        return self.status == JobStatus.FAILED and self.error == INTERRUPTED

    @property
    def error_text(self) -> str:
        """Return the error in the page's language.

        ``error`` is English, for the command line and the logs; a page says
        why from what the job kept: the refusal's code and values, who was
        refused what, or that the import failed or its worker ended.
        """
        if self.status != JobStatus.FAILED or not self.error:
            return self.error
        result = self.result if isinstance(self.result, dict) else {}
        if self.interrupted:
            return str(INTERRUPTED_TEXT)
        if result.get("refusal"):
            why = refusal_text(result["refusal"])
        elif result.get("refused"):
            why = refused_text(result["refused"])
        elif result.get("crashed"):
            return str(CRASHED_TEXT)
        else:
            return self.error
        return _("No se guardó nada. %(why)s") % {"why": why}

    @property
    def unaccounted(self) -> bool:
        """Return whether the import wrote but its counts do not add up."""
        result = self.result if isinstance(self.result, dict) else {}
        tally = result.get("tally")
        return isinstance(tally, dict) and not tally.get("balanced", True)

    @property
    def counts_text(self) -> str:
        """Say what the import did with every unit it read, and whether it adds up.

        A job kept its tally (``ruta.sources.records.Tally``); one whose parts
        do not add up to what was read is said first, as the summary's
        failure: the rows were written, but something read is in no part.
        """
        result = self.result if isinstance(self.result, dict) else {}
        tally = result.get("tally")
        if not isinstance(tally, dict):
            return ""
        parts = _(
            "%(read)s leídos: %(stored)s guardados, %(refused)s rechazados, "
            "%(identical)s idénticos a los ya guardados, %(superseded)s "
            "reemplazados por otro del mismo archivo"
        ) % {name: f"{tally.get(name, 0):,}" for name in TALLY_PARTS}
        if tally.get("balanced"):
            return parts + "."
        return _(
            "Las cuentas no cuadran: %(parts)s; %(missing)s sin explicar. "
            "Lo leído se guardó, pero revise el archivo antes de darlo por completo."
        ) % {"parts": parts, "missing": f"{tally.get('missing', 0):,}"}

    @property
    def outside_instance(self) -> str:
        """Say how many of the file's works this state's instance does not show."""
        result = self.result if isinstance(self.result, dict) else {}
        if "instance_state" not in result:
            return ""
        hidden = result["works_elsewhere"] + result["works_without_state"]
        if not hidden:
            return ""
        return ngettext(
            "%(hidden)s obra de este archivo no se muestra aquí: %(elsewhere)s de "
            "otros estados y %(without)s de varios estados o de todo el país "
            "(se conservan; %(shown)s sí se muestran).",
            "%(hidden)s obras de este archivo no se muestran aquí: %(elsewhere)s de "
            "otros estados y %(without)s de varios estados o de todo el país "
            "(se conservan; %(shown)s sí se muestran).",
            hidden,
        ) % {
            "hidden": f"{hidden:,}",
            "elsewhere": f"{result['works_elsewhere']:,}",
            "without": f"{result['works_without_state']:,}",
            "shown": f"{result['works_in_state']:,}",
        }

    @property
    def active(self) -> bool:
        """Return whether the job is waiting or running."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def kind_label(self) -> str:
        """Return the importer's label, as the import page names the kind."""
        # Imported here: the registry imports the loaders, which import models.
        from ruta.ingest.importers import importer_label

        return str(importer_label(self.kind))

    @property
    def file_name(self) -> str:
        """Return the file's name without its folder."""
        return self.path.rsplit("/", 1)[-1]
