"""After the result: agreements, bank accounts, disbursements and their CFDI,
reports and observations, sanctions and refunds, the beneficiary register."""

from __future__ import annotations

from datetime import date

import pghistory
from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.catalog.scope import Scope
from ruta.common.audit.history import row_trackers
from ruta.common.audit.kept import Kept
from ruta.common.fields import MoneyField
from ruta.common.files.uploads import stored
from ruta.grants.models.applications import Application


class AgreementStatus(models.TextChoices):
    CITED = "cited", _("Citada a firma")
    SIGNED = "signed", _("Firmado")
    NOT_FORMALIZED = "not_formalized", _("No formalizado en plazo")
    CANCELLED = "cancelled", _("Cancelado")
    CONCLUDED = "concluded", _("Concluido")


@pghistory.track(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class Agreement(models.Model):
    """The operating agreement (convenio) of a supported application."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="agreement"
    )
    amount = MoneyField(_("monto convenido"))
    cited_on = models.DateField(_("citada a firma"))
    due_on = models.DateField(_("firma a más tardar (§3.7.2-8)"))
    signed_on = models.DateField(_("firmado"), null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=AgreementStatus, default="cited"
    )
    status_reason = models.TextField(_("motivo del estado"), blank=True)

    class Meta:
        ordering = ["application"]
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="grant_agreement_positive"
            )
        ]

    def __str__(self) -> str:
        return str(self.application)

    @property
    def signed_date(self) -> date:
        """Return the signing date, from which the agreement's deadlines count.

        Signing sets it with the status (the agreement's "sign" step): a signed
        agreement has it, one still cited has none.
        """
        if self.signed_on is None:
            raise ValueError(f"agreement {self.pk} is not signed")
        return self.signed_on

    def permission_scope(self) -> Scope:
        return self.application.permission_scope()


@pghistory.track()
class BankAccount(models.Model):
    """The project's single bank account (§3.4 req. 11, §3.7.2-7): private."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.PROTECT, related_name="bank_account"
    )
    bank = models.CharField(_("banco"), max_length=100)
    clabe = models.CharField(_("CLABE"), max_length=18)
    proven_on = models.DateField(_("acreditada"), null=True, blank=True)
    due_on = models.DateField(_("acreditar a más tardar"))
    extension_days = models.PositiveSmallIntegerField(_("prórroga (días)"), default=0)

    class Meta:
        verbose_name = _("cuenta bancaria")
        verbose_name_plural = _("cuentas bancarias")

    def __str__(self) -> str:
        return f"{self.agreement} · {self.bank}"

    def permission_scope(self) -> Scope:
        return self.agreement.permission_scope()


class DisbursementStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Programada")
    INVOICED = "invoiced", _("Factura recibida")
    APPROVED = "approved", _("Aprobada")
    TRANSFERRED = "transferred", _("Transferida")
    SUSPENDED = "suspended", _("Suspendida")
    CANCELLED = "cancelled", _("Cancelada")


DISBURSEMENT_KEPT = Kept(
    "grant_disbursement_kept", "status", ("approved", "transferred")
)


@pghistory.track()
class Disbursement(models.Model):
    """One disbursement (ministración) of an agreement, for one month."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="disbursements"
    )
    number = models.PositiveSmallIntegerField(_("número"))
    month = models.DateField(_("mes"))
    amount = MoneyField(_("monto"))
    status = models.CharField(
        _("estado"), max_length=20, choices=DisbursementStatus, default="scheduled"
    )
    status_reason = models.TextField(_("motivo del estado"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("aprobada"), null=True, blank=True)
    transferred_on = models.DateField(_("transferida"), null=True, blank=True)

    kept = DISBURSEMENT_KEPT

    class Meta:
        ordering = ["agreement", "number"]
        verbose_name = _("ministración")
        verbose_name_plural = _("ministraciones")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="grant_disbursement_number"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="grant_disbursement_positive"
            ),
        ]
        triggers = [DISBURSEMENT_KEPT.trigger()]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.number}"

    @property
    def transferred_date(self) -> date:
        """Return the transfer's date; a transferred disbursement has it."""
        if self.transferred_on is None:
            raise ValueError(f"disbursement {self.pk} is not transferred")
        return self.transferred_on

    def permission_scope(self) -> Scope:
        return self.agreement.permission_scope()


class CfdiKind(models.TextChoices):
    INVOICE = "I", _("Factura (ingreso)")
    PAYMENT = "P", _("Complemento de pago")


@pghistory.track()
class Cfdi(models.Model):
    """A CFDI 4.0 (XML and PDF) presented for a disbursement (§4.4).

    Its stamp's UUID is unique across every disbursement: one invoice pays
    for one thing once.
    """

    disbursement = models.ForeignKey(
        Disbursement, on_delete=models.PROTECT, related_name="cfdis"
    )
    kind = models.CharField(_("tipo"), max_length=1, choices=CfdiKind)
    uuid = models.CharField(_("UUID"), max_length=36)
    emitter_rfc = models.CharField(_("RFC del emisor"), max_length=13)
    receiver_rfc = models.CharField(_("RFC del receptor"), max_length=13)
    total = MoneyField(_("importe"))
    issued_at = models.DateTimeField(_("emitido"))
    xml = models.FileField(_("XML"), **stored("grants.Cfdi.xml"))
    pdf = models.FileField(_("PDF"), **stored("grants.Cfdi.pdf"))
    received_at = models.DateTimeField(_("recibido"), auto_now_add=True)

    class Meta:
        ordering = ["disbursement", "received_at"]
        verbose_name = _("CFDI")
        verbose_name_plural = _("CFDI")
        constraints = [
            models.UniqueConstraint(Upper("uuid"), name="grant_cfdi_uuid_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    uuid__regex=r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
                    r"-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
                ),
                name="grant_cfdi_uuid_format",
            ),
        ]

    def __str__(self) -> str:
        return self.uuid


class ReportKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Trimestral")
    FINAL = "final", _("Final")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Pendiente")
    SUBMITTED = "submitted", _("Entregado")
    OBSERVED = "observed", _("Con observaciones")
    ACCEPTED = "accepted", _("Validado")
    OVERDUE = "overdue", _("Vencido")


@pghistory.track()
class Report(models.Model):
    """A technical-financial report of a period (§4.5, §4.6, §5)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=ReportKind)
    period_start = models.DateField(_("inicio del periodo"))
    period_end = models.DateField(_("fin del periodo"))
    due_on = models.DateField(_("vence"))
    reading = models.CharField(_("lectura del plazo"), max_length=20)
    extended_until = models.DateField(_("prórroga hasta"), null=True, blank=True)
    submitted_on = models.DateField(_("entregado"), null=True, blank=True)
    spent = MoneyField(_("ejercido"), null=True, blank=True)
    content = models.TextField(_("avance técnico"), blank=True)
    file = models.FileField(_("archivo"), blank=True, **stored("grants.Report.file"))
    file_name = models.CharField(_("nombre del archivo"), max_length=200, blank=True)
    status = models.CharField(
        _("estado"), max_length=10, choices=ReportStatus, default="pending"
    )

    class Meta:
        ordering = ["agreement", "period_end"]
        verbose_name = _("informe")
        verbose_name_plural = _("informes")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "period_end"], name="grant_report_once"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="grant_report_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.get_kind_display()} {self.period_end}"

    @property
    def answered(self) -> bool:
        """Return whether observations on it were answered and await review."""
        return any(
            observation.answered_on is not None and not observation.resolved
            for observation in self.observations.all()
        )

    def permission_scope(self) -> Scope:
        return self.agreement.permission_scope()


@pghistory.track()
class Observation(models.Model):
    """Observations on a report and the organisation's answer (§5 B)."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="observations"
    )
    review_round = models.PositiveSmallIntegerField(_("revisión"), default=1)
    text = models.TextField(_("observaciones"))
    notified_on = models.DateField(_("notificadas"))
    answer_due = models.DateField(_("responder a más tardar"))
    answer = models.TextField(_("respuesta"), blank=True)
    answered_on = models.DateField(_("respondidas"), null=True, blank=True)
    resolved = models.BooleanField(_("solventadas"), default=False)

    class Meta:
        ordering = ["report", "review_round"]
        verbose_name = _("observación")
        verbose_name_plural = _("observaciones")

    def __str__(self) -> str:
        return f"{self.report} · {self.review_round}"


class SanctionKind(models.TextChoices):
    SUSPENSION = "suspension", _("Suspensión")
    RETENTION = "retention", _("Retención")
    NO_TRANSFER = "no_transfer", _("Recurso no transferido")
    CANCELLATION = "cancellation", _("Cancelación")


class SanctionStatus(models.TextChoices):
    IN_FORCE = "in_force", _("En vigor")
    LIFTED = "lifted", _("Levantada")


SANCTION_KEPT = Kept("grant_sanction_kept")


@pghistory.track()
class Sanction(models.Model):
    """A suspension, retention or cancellation with its cause (§4.4.2, §5)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="sanctions"
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=SanctionKind)
    cause = models.CharField(_("causa"), max_length=40)
    section = models.CharField(_("apartado"), max_length=30)
    started_on = models.DateField(_("desde"))
    lifted_on = models.DateField(_("levantada"), null=True, blank=True)
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=SanctionStatus,
        default=SanctionStatus.IN_FORCE,
    )
    reason = models.TextField(_("motivo"))

    kept = SANCTION_KEPT

    class Meta:
        ordering = ["agreement", "started_on"]
        verbose_name = _("sanción")
        verbose_name_plural = _("sanciones")
        triggers = [SANCTION_KEPT.trigger()]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.get_kind_display()}"

    def permission_scope(self) -> Scope:
        return self.agreement.permission_scope()


class RefundStatus(models.TextChoices):
    OWED = "owed", _("Por reintegrar")
    PAID = "paid", _("Reintegrado, por confirmar")
    CONFIRMED = "confirmed", _("Reintegro confirmado")


@pghistory.track()
class Refund(models.Model):
    """Money to return to the administering body (reintegro, §4.7, §5)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="refunds"
    )
    cause = models.CharField(_("causa"), max_length=40)
    amount = MoneyField(_("monto"))
    due_on = models.DateField(_("a más tardar"))
    paid_on = models.DateField(_("reintegrado"), null=True, blank=True)
    proof = models.FileField(
        _("comprobante"), blank=True, **stored("grants.Refund.proof")
    )
    proof_name = models.CharField(
        _("nombre del comprobante"), max_length=200, blank=True
    )
    # Staff check the proof: confirmed, or rejected with its reason (the
    # organisation then records the refund again; the history keeps both).
    status = models.CharField(
        _("estado"), max_length=10, choices=RefundStatus, default=RefundStatus.OWED
    )
    confirmed_on = models.DateField(_("confirmado"), null=True, blank=True)
    rejection_reason = models.TextField(
        _("motivo del rechazo del comprobante"), blank=True, max_length=2000
    )

    class Meta:
        ordering = ["agreement", "due_on"]
        verbose_name = _("reintegro")
        verbose_name_plural = _("reintegros")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="grant_refund_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.amount}"

    def permission_scope(self) -> Scope:
        return self.agreement.permission_scope()


class Sex(models.TextChoices):
    WOMAN = "M", _("Mujer")
    MAN = "H", _("Hombre")
    OTHER = "X", _("Otro o no binario")


@pghistory.track()
class BeneficiaryEntry(models.Model):
    """A person in the project's beneficiary register (§3.7.2-5): private."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="beneficiaries"
    )
    full_name = models.CharField(_("nombre completo"), max_length=200)
    age = models.PositiveSmallIntegerField(_("edad"))
    sex = models.CharField(_("sexo"), max_length=1, choices=Sex)
    benefit = models.CharField(_("beneficio o apoyo"), max_length=200)
    municipality = models.ForeignKey(
        "catalog.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    locality = models.CharField(_("localidad"), max_length=200)
    guardian_name = models.CharField(
        _("madre, padre o tutor"), max_length=200, blank=True
    )
    guardian_consent_on = models.DateField(
        _("consentimiento escrito del tutor"), null=True, blank=True
    )
    privacy_notice_version = models.CharField(
        _("versión del aviso de privacidad mostrado"), max_length=40
    )
    recorded_at = models.DateTimeField(_("registrado"), auto_now_add=True)

    class Meta:
        ordering = ["agreement", "pk"]
        verbose_name = _("persona beneficiaria")
        verbose_name_plural = _("padrón de beneficiarios")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age__lte=120), name="grant_beneficiary_age_bound"
            ),
            # §3.7.2-5: a minor needs the written consent of a parent or guardian.
            models.CheckConstraint(
                condition=models.Q(age__gte=18)
                | (
                    models.Q(guardian_consent_on__isnull=False)
                    & ~models.Q(guardian_name="")
                ),
                name="grant_beneficiary_minor_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.pk}"

    def permission_scope(self) -> Scope:
        return self.agreement.permission_scope()


@pghistory.track()
class Notice(models.Model):
    """An e-mail notice sent about a due date, so each is sent once."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="notices", null=True
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="notices"
    )
    key = models.CharField(_("aviso"), max_length=120)
    sent_at = models.DateTimeField(_("enviado"), auto_now_add=True)
    subject = models.CharField(_("asunto"), max_length=250)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("aviso")
        verbose_name_plural = _("avisos")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "key"], name="grant_notice_once"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class VisitKind(models.TextChoices):
    SUPERVISION = "supervision", _("Visita de supervisión (§3.7.2-4)")
    FOLLOW_UP = "follow_up", _("Visita de seguimiento (§3.7.2-6)")


class VisitCause(models.TextChoices):
    """The causes of §5 a visit may find (``rules.supervision.VISIT_CAUSES``)."""

    INSPECTION_REFUSED = (
        "inspection_refused",
        _("§5 causa 3: no dio las facilidades ni los datos para la supervisión"),
    )
    SERVICES_STOPPED = (
        "services_stopped",
        _("§5 causa 5: dejó de prestar los servicios, no opera o no cumple metas"),
    )


VISIT_KEPT = Kept("grant_supervision_visit_kept")


@pghistory.track()
class SupervisionVisit(models.Model):
    """A supervision or follow-up visit of the administering body to a project."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="visits"
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=VisitKind)
    visited_on = models.DateField(_("fecha de la visita"))
    findings = models.TextField(_("hallazgos"), max_length=5000)
    follow_up = models.TextField(_("seguimiento acordado"), blank=True, max_length=5000)
    follow_up_due = models.DateField(
        _("seguimiento a más tardar"), null=True, blank=True
    )
    cause = models.CharField(
        _("causa de §5 que aplica"), max_length=30, choices=VisitCause, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registró"),
    )
    recorded_at = models.DateTimeField(_("registrada"), auto_now_add=True)

    kept = VISIT_KEPT

    class Meta:
        ordering = ["agreement", "visited_on", "pk"]
        verbose_name = _("visita de supervisión")
        verbose_name_plural = _("visitas de supervisión")
        triggers = [VISIT_KEPT.trigger()]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(findings=""), name="grant_visit_findings"
            ),
            models.CheckConstraint(
                condition=models.Q(follow_up_due__isnull=True)
                | models.Q(follow_up_due__gt=models.F("visited_on")),
                name="grant_visit_follow_up_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.visited_on}"

    def permission_scope(self) -> Scope:
        return self.agreement.permission_scope()


@pghistory.track()
class SupervisionPhoto(models.Model):
    """A photo of a visit, re-encoded without metadata; private to the file."""

    visit = models.ForeignKey(
        SupervisionVisit, on_delete=models.PROTECT, related_name="photos"
    )
    image = models.FileField(_("foto"), **stored("grants.SupervisionPhoto.image"))
    name = models.CharField(_("nombre del archivo"), max_length=200)

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = _("foto de visita de supervisión")
        verbose_name_plural = _("fotos de visitas de supervisión")

    def __str__(self) -> str:
        return self.name
