"""Where a work's money comes from, how it is spent and how the work advances."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pghistory
from django.conf import settings
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.accounts.personal import public_value
from ruta.common.audit.history import row_trackers
from ruta.common.fields import MoneyField
from ruta.common.files.uploads import stored
from ruta.common.text.rfc import RFC_PATTERN, is_person_rfc
from ruta.common.text.validators import validate_rfc

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope


# A funding line's id is its work's times this, plus the line's number in
# its work (``k``): the view of migration ``works.0037``.
LINES_PER_WORK = 1024


def funded_by(source: str) -> models.Func:
    """Return the condition "the work has a line of ``source`` above zero".

    Asked of the work's own lines (``@?``), which ``work_funding_lines_paths``
    indexes: through the view, a filter by source read every work's lines
    (guarded by ``make bench``'s explorer by source).
    """
    path = f"$[*] ? (@.source == {json.dumps(source)} && @.amount > 0)"
    return models.Func(
        models.F("funding_lines"),
        RawSQL("%s::jsonpath", [path]),
        template="(%(expressions)s)",
        arg_joiner=" @? ",
        output_field=models.BooleanField(),
    )


class FundedAmount(models.Func):
    """A work's money from one funding source, summed from its own lines.

    Per row, with no join: a download reads each work once, where asking the
    view per work looked each work up again (guarded by ``python -m bench
    downloads``).
    """

    output_field = MoneyField()

    def __init__(self, source: str) -> None:
        super().__init__(models.F("funding_lines"), models.Value(source))

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        lines, source = self.get_source_expressions()
        lines_sql, lines_params = compiler.compile(lines)
        source_sql, source_params = compiler.compile(source)
        # The text holds a compiled column and a bound parameter, nothing typed in.
        sql = (
            "(SELECT coalesce(sum((line ->> 'amount')::numeric), 0)::numeric(16, 2) "  # noqa: S608
            f"FROM jsonb_array_elements({lines_sql}) AS line "
            f"WHERE line ->> 'source' = {source_sql})"
        )
        return sql, [*lines_params, *source_params]


class FundingSource(models.TextChoices):
    STATE = "state", _("Estatal")
    MUNICIPALITY = "municipality", _("Municipio")
    COMMUNITY = "community", _("Comunidad")
    FEDERAL = "federal", _("Federal")
    OTHER = "other", _("Otra")


class FundingQuerySet(models.QuerySet["Funding"]):
    def in_source_order(self) -> FundingQuerySet:
        """Return rows state first, then municipality, community, federal, other."""
        order = models.Case(
            *(
                models.When(source=value, then=models.Value(index))
                for index, value in enumerate(FundingSource.values)
            ),
            output_field=models.IntegerField(),
        )
        return self.alias(source_order=order).order_by("work", "source_order", "fund")


# Its history is the work's (each change of a line writes the work's row).
# The events of the table the lines were kept in until ``works.0037`` stay,
# under a tracker that writes none.
@pghistory.track(pghistory.Tracker("table_kept"))
class Funding(models.Model):
    """One source of a work's financial structure (estructura financiera).

    A line of the work's ``funding_lines``, read and written through a view
    of them (migration ``works.0037``): a works import writes a work and its
    lines in one statement, and the lines go with the work.
    """

    work = models.ForeignKey(
        "works.Work",
        on_delete=models.DO_NOTHING,
        related_name="funding",
        db_constraint=False,
    )
    source = models.CharField(_("fuente"), max_length=20, choices=FundingSource)
    fund = models.CharField(
        _("fondo"),
        max_length=100,
        blank=True,
        help_text=_("El fondo o ramo, p. ej. FAIS; vacío si no aplica."),
    )
    amount = MoneyField(_("monto"))

    objects = FundingQuerySet.as_manager()

    class Meta:
        managed = False
        ordering = ["work", "source", "fund"]
        verbose_name = _("fuente de financiamiento")
        verbose_name_plural = _("estructura financiera")
        constraints = [
            models.UniqueConstraint(
                fields=["work", "source", "fund"], name="funding_unique_source"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="funding_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=FundingSource.values),
                name="funding_source_known",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_source_display()
        return f"{label} {self.fund}".strip()


@pghistory.track()
class Progress(models.Model):
    """The physical and financial progress of a work on a date.

    ``amount_paid`` is cumulative: what has been paid up to ``date``.
    """

    work = models.ForeignKey(
        "works.Work", on_delete=models.CASCADE, related_name="progress"
    )
    date = models.DateField(_("fecha"))
    physical_percent = models.DecimalField(
        _("avance físico (%)"), max_digits=5, decimal_places=2
    )
    amount_paid = MoneyField(_("monto pagado acumulado"))
    evidence = models.TextField(_("evidencia"), blank=True)
    evidence_url = models.URLField(_("enlace a la evidencia"), blank=True)
    reason = models.TextField(
        _("motivo"),
        blank=True,
        help_text=_("Obligatorio cuando el avance físico disminuye."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registró"),
    )
    created = models.DateTimeField(_("registrado"), auto_now_add=True)

    class Meta:
        ordering = ["work", "date", "id"]
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(physical_percent__gte=0, physical_percent__lte=100),
                name="progress_percent_range",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_paid__gte=0),
                name="progress_paid_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_id} {self.date} {self.physical_percent}%"


class ProcurementProcedure(models.TextChoices):
    LICITACION_PUBLICA = "licitacion_publica", _("Licitación pública")
    INVITACION_TRES = "invitacion_tres", _("Invitación a cuando menos tres personas")
    ADJUDICACION_DIRECTA = "adjudicacion_directa", _("Adjudicación directa")


@pghistory.track(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class Contract(models.Model):
    """A public-works contract signed to execute a work."""

    work = models.ForeignKey(
        "works.Work", on_delete=models.CASCADE, related_name="contracts"
    )
    number = models.CharField(_("número de contrato"), max_length=60)
    contractor_name = models.CharField(_("contratista"), max_length=250)
    contractor_rfc = models.CharField(
        _("RFC del contratista"), max_length=13, validators=[validate_rfc]
    )
    procedure = models.CharField(
        _("procedimiento"), max_length=25, choices=ProcurementProcedure
    )
    amount = MoneyField(_("monto"))
    signed_on = models.DateField(_("firmado"))
    start_date = models.DateField(_("inicio"), null=True, blank=True)
    end_date = models.DateField(_("término"), null=True, blank=True)

    class Meta:
        ordering = ["work", "signed_on", "number"]
        verbose_name = _("contrato")
        verbose_name_plural = _("contratos")
        constraints = [
            models.UniqueConstraint(
                fields=["work", "number"], name="contract_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="contract_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(contractor_rfc__regex=RFC_PATTERN),
                name="contract_rfc_format",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date"))
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True),
                name="contract_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.contractor_name}"

    def permission_scope(self) -> Scope:
        """Return the scope of the contract's work."""
        return self.work.permission_scope()

    @property
    def contractor_is_natural_person(self) -> bool:
        """Return whether the contractor is a person (persona física)."""
        return is_person_rfc(self.contractor_rfc)

    @property
    def public_contractor_rfc(self) -> str | None:
        """Return the RFC to publish: a company's; never a person's.

        The personal-data declaration (``ruta.accounts.personal``) decides.
        """
        return public_value("works.Contract", "contractor_rfc", self.contractor_rfc)


class PaymentQuerySet(models.QuerySet["Payment"]):
    def of_work(self, work_id: int) -> PaymentQuerySet:
        """Return the payments of the work's contracts, oldest first."""
        return self.filter(contract__work_id=work_id).order_by("paid_on", "id")


@pghistory.track(*row_trackers())
class Payment(models.Model):
    """One payment under a contract, with its CFDI invoice's UUID when known.

    The UUID (folio fiscal) is stored as PostgreSQL's ``uuid`` type, so the
    same invoice typed in upper or lower case is the same value, and one
    invoice pays at most once across all payments. A payment read from a
    published document names it and its line.
    """

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="payments"
    )
    paid_on = models.DateField(_("fecha de pago"))
    amount = MoneyField(_("monto"))
    invoice_uuid = models.UUIDField(
        _("UUID de la factura (folio fiscal)"), null=True, blank=True, unique=True
    )
    source_document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_payments",
        verbose_name=_("documento publicado"),
    )
    source_line = models.PositiveIntegerField(
        _("línea del documento"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registró"),
    )
    created = models.DateTimeField(_("registrado"), auto_now_add=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "paid_on", "id"]
        verbose_name = _("pago")
        verbose_name_plural = _("pagos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(source_line__isnull=True)
                | models.Q(source_document__isnull=False),
                name="payment_line_needs_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.paid_on} {self.amount}"

    def permission_scope(self) -> Scope:
        """Return the scope of the payment's work."""
        return self.contract.work.permission_scope()

    @property
    def invoice_label(self) -> str:
        """Return the folio fiscal as the SAT prints it (upper case), or ""."""
        return str(self.invoice_uuid).upper() if self.invoice_uuid else ""


class DocumentKind(models.TextChoices):
    PROJECT = "project", _("Expediente técnico")
    CONTRACT = "contract", _("Contrato")
    PHOTO = "photo", _("Fotografía")
    PROGRESS_REPORT = "progress_report", _("Reporte de avance")
    HANDOVER_ACT = "handover_act", _("Acta de entrega-recepción")
    OTHER = "other", _("Otro")


@pghistory.track()
class WorkDocument(models.Model):
    """A document or photo about a work, published at a URL or uploaded."""

    work = models.ForeignKey(
        "works.Work", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("título"), max_length=250)
    kind = models.CharField(_("tipo"), max_length=20, choices=DocumentKind)
    url = models.URLField(_("enlace"), blank=True)
    file = models.FileField(
        _("archivo"), blank=True, **stored("works.WorkDocument.file")
    )
    date = models.DateField(_("fecha"), null=True, blank=True)

    class Meta:
        ordering = ["work", "date", "title"]
        verbose_name = _("documento de obra")
        verbose_name_plural = _("documentos de obra")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(file=""),
                name="work_document_url_or_file",
            )
        ]

    def __str__(self) -> str:
        return self.title
