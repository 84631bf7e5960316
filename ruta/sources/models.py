"""Documents read into the platform, every row they print, and what was found.

A ``SourceDocument`` is identified by the SHA-256 of its bytes, so the same
file is imported once. ``PublishedRow`` keeps each table row as printed
(Decimals as strings) with its place in the file: any figure the platform
regenerates can be compared with what the document said, cell by cell.

These models began in the ``ingest`` app; their tables keep the names they
were created with, so moving them changed no data.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruta.catalog.instance import instance
from ruta.common.statementkeys import StatementCheckedForeignKey


class DocumentKind(models.TextChoices):
    CECOP_ANNUAL_REPORT = (
        "cecop-annual-report",
        _("Informe Anual de Resultados (CECOP)"),
    )
    POA_TMM_F004 = "poa-tmm-f004", _("Avance del POA, formato TMM-F004")
    WORKS_OPA = "works-opa", _("Obra Pública Abierta (SHCP), proyectos de inversión")
    WORKS_TEMPLATE = (
        "works-template",
        _("Lista de obras en la plantilla de la plataforma"),
    )
    OCDS = "ocds", _("Contrataciones abiertas (OCDS)")
    ACTION_PLAN = (
        "action-plan",
        _("Avance de un plan de acción de gobierno abierto"),
    )
    BUDGET_EXPENDITURE = (
        "budget-expenditure",
        _("Estado Analítico del Ejercicio del Presupuesto de Egresos"),
    )
    BUDGET_REVENUE = "budget-revenue", _("Estado Analítico de Ingresos")
    CALL_RULES = (
        "call-rules",
        _("Reglas de operación de un programa de apoyos"),
    )
    SAT_69B = (
        "sat-69b",
        _("Lista del SAT de contribuyentes del artículo 69-B (CFF)"),
    )
    AIDS = "aids", _("Ayudas sociales de un año (archivo de la plataforma)")
    PRIORITY_ZONES = (
        "priority-zones",
        _("Catálogo de Zonas de Atención Prioritaria (archivo de la plataforma)"),
    )


class SourceDocumentQuerySet(models.QuerySet["SourceDocument"]):
    def of_kind(self, kind: str) -> SourceDocumentQuerySet:
        """Return the documents of ``kind``."""
        return self.filter(kind=kind)

    def for_report(self, agency_id: int, year: int) -> SourceDocumentQuerySet:
        """Return the documents of ``agency_id`` about fiscal year ``year``."""
        return self.filter(agency_id=agency_id, fiscal_year_id=year)

    def here(self) -> SourceDocumentQuerySet:
        """Return the documents the instance lists and counts.

        A municipality's: those of its own agencies (its POA forms, its
        budget statements, its works lists) and the works lists that publish
        a work it covers (a federal list with works located in it); a
        state's or the country's, every one.
        """
        place = instance()
        if not place.municipal:
            return self.all()
        publishing = SourceDocument.objects.filter(
            place.covers_work("work_publications__work__")
        )
        return self.filter(
            place.run_by_own_agencies("agency__")
            | models.Q(pk__in=publishing.values("pk"))
        )


@pghistory.track(meta={"db_table": "ingest_sourcedocumentevent"})
class SourceDocument(models.Model):
    """A published document that was read, once, identified by its hash."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    kind = models.CharField(_("tipo"), max_length=40, choices=DocumentKind.choices)
    name = models.CharField(_("nombre del archivo"), max_length=255)
    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("ejercicio fiscal"),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("dependencia o entidad"),
    )
    imported_at = models.DateTimeField(_("importado el"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importado por"),
    )
    summary = models.JSONField(_("resumen"), default=dict, blank=True)
    # A document the project wrote in a published document's layout, with its
    # figures, to stand in for it on a demo (``ruta.demo.documents``).
    is_demo = models.BooleanField(_("documento de demostración"), default=False)

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        db_table = "ingest_sourcedocument"
        ordering = ["-imported_at"]
        verbose_name = _("documento fuente")
        verbose_name_plural = _("documentos fuente")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="source_document_sha256_hex",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PrintedJSONField(models.JSONField):
    """JSON kept as the text it was written as: PostgreSQL's ``json``, not ``jsonb``.

    A document's rows are written in bulk, read a page at a time and never
    searched inside. ``json`` keeps each row's cells in the order its
    document printed them (``jsonb`` sorts keys by length) and spares each
    import the binary form (half the COPY time: ``docs/performance.md``;
    guarded by ``python -m bench works-import``). What needs ``jsonb``
    (containment, ``has_key``) is never asked of them. Read as text, as ``jsonb`` is
    (``ruta.common.db.jsontext``).
    """

    def db_type(self, connection):
        return "json"


def kept_as_imported(name: str) -> list[pgtrigger.Trigger]:
    """Return the triggers keeping an imported document's rows as it was read.

    What a document printed and what was found in it are written once, by
    its import: no row is ever changed, and a row goes only with its
    document, whose deletion is an audit event (checked at commit, so the
    order of the deletes is free). The application's role cannot drop or
    ignore them (``ruta.common.db.roles``).
    """
    return [
        pgtrigger.Protect(name=f"{name}_unchanged", operation=pgtrigger.Update),
        pgtrigger.Trigger(
            name=f"{name}_kept",
            when=pgtrigger.After,
            operation=pgtrigger.Delete,
            timing=pgtrigger.Deferred,
            func=(
                "IF EXISTS (SELECT FROM ingest_sourcedocument d "
                "WHERE d.id = OLD.document_id) THEN "
                "RAISE EXCEPTION 'the rows of an imported document are kept: "
                "they go only with their document' "
                "USING ERRCODE = 'restrict_violation'; END IF; RETURN NULL;"
            ),
        ),
    ]


class PublishedRow(models.Model):
    """One row of one table as the document prints it, with its place."""

    # Found by document through ``published_row_unique_place`` (document
    # first): an index of its own would only be kept up on every import.
    # Checked once per statement: an import writes thousands naming one
    # document.
    document = StatementCheckedForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="rows", db_index=False
    )
    table_id = models.CharField(_("tabla"), max_length=60)
    title = models.CharField(_("título de la tabla"), max_length=300, blank=True)
    program = models.CharField(_("programa"), max_length=20, blank=True)
    dimension = models.CharField(_("dimensión"), max_length=20, blank=True)
    row_number = models.PositiveIntegerField(_("renglón"))
    line = models.PositiveIntegerField(_("línea"))
    label = models.CharField(_("etiqueta"), max_length=500, blank=True)
    values = PrintedJSONField(_("valores"), default=dict)
    is_total = models.BooleanField(_("renglón de total"), default=False)

    class Meta:
        db_table = "ingest_publishedrow"
        ordering = ["document", "table_id", "row_number"]
        verbose_name = _("renglón publicado")
        verbose_name_plural = _("renglones publicados")
        triggers = kept_as_imported("published_row")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "table_id", "row_number"],
                name="published_row_unique_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.table_id} #{self.row_number}: {self.label}"


class DocumentTable(models.Model):
    """A table of a document as its published rows hold it, kept by the database.

    A statement-level trigger on published rows adds what each statement
    inserts and counts again the tables a statement deleted from (sources
    migration 0012), so a document's page and the lists of documents read a
    row per table instead of grouping a federal works file's 250,000 rows
    on every request.
    """

    document = models.ForeignKey(
        SourceDocument,
        on_delete=models.CASCADE,
        related_name="table_tallies",
        db_index=False,
    )
    table_id = models.CharField(_("tabla"), max_length=60)
    title = models.CharField(_("título de la tabla"), max_length=300, blank=True)
    rows = models.PositiveBigIntegerField(_("renglones"))
    first_row = models.PositiveIntegerField(_("primer renglón"))
    last_row = models.PositiveIntegerField(_("último renglón"))
    first_line = models.PositiveIntegerField(_("primera línea"))

    class Meta:
        db_table = "ingest_documenttable"
        verbose_name = _("tabla de un documento")
        verbose_name_plural = _("tablas de los documentos")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "table_id"], name="document_table_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.table_id}: {self.rows}"


class Severity(models.TextChoices):
    INFO = "info", _("Nota")
    WARNING = "warning", _("Advertencia")
    ERROR = "error", _("Error")


class DocumentFinding(models.Model):
    """A contradiction the checks found in a document, with both places."""

    # Checked once per statement, as a published row's.
    document = StatementCheckedForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="findings"
    )
    code = models.CharField(_("código"), max_length=60)
    message = models.TextField(_("mensaje"))
    where = models.TextField(_("dónde"))
    values = models.JSONField(_("valores"), default=dict, blank=True)
    severity = models.CharField(
        _("gravedad"),
        max_length=10,
        choices=Severity.choices,
        default=Severity.WARNING,
    )

    class Meta:
        db_table = "ingest_documentfinding"
        ordering = ["document", "id"]
        verbose_name = _("hallazgo")
        verbose_name_plural = _("hallazgos")
        triggers = kept_as_imported("document_finding")

    def __str__(self) -> str:
        return self.message


class StagedRow(models.Model):
    """A row of a file being imported, held until the import sets it in place.

    Bulk imports stream every row here with ``COPY`` and then write the
    domain tables and the published rows from it in set-based statements,
    all in the import's transaction; the import empties it before
    committing, so a committed database holds no staged row.
    """

    document = models.ForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="+"
    )
    row_number = models.PositiveIntegerField()
    line = models.PositiveIntegerField()
    label = models.CharField(max_length=500, blank=True)
    values = models.JSONField(default=dict)
    record = models.JSONField(null=True, blank=True)

    class Meta:
        db_table = "sources_stagedrow"
        verbose_name = _("renglón en importación")
        verbose_name_plural = _("renglones en importación")
        indexes = [
            models.Index(fields=["document", "row_number"], name="staged_row_place")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} #{self.row_number}"
