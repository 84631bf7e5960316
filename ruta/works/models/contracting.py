"""Contracting processes published in OCDS: parties, awards, contracts, payments.

A process is one ``ocid``. Every release read of it is kept
(``ContractingRelease``, with the file that published it); the process and
its rows are what those releases compile to, so a later release updates them
and the audit history keeps what they were. A process belongs to a work when
an identifier or an explicit mapping says so; otherwise only to its agency.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.common.audit.history import row_trackers
from ruta.common.fields import MoneyField

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope


class OcdsMethod(models.TextChoices):
    """OCDS's procurement methods, named in the public works law's words.

    A process keeps the method its file printed (maybe not a code of the
    codelist); readers label the codes with these.
    """

    OPEN = "open", _("Abierto (licitación pública)")
    SELECTIVE = "selective", _("Selectivo (invitación a cuando menos tres personas)")
    LIMITED = "limited", _("Limitado")
    DIRECT = "direct", _("Directo (adjudicación directa)")


@pghistory.track(*row_trackers())
class ContractingProcess(models.Model):
    """A contracting process (an OCDS ``ocid``) as its releases compile."""

    ocid = models.CharField("ocid", max_length=200, unique=True)
    title = models.CharField(_("título"), max_length=500, blank=True)
    buyer_name = models.CharField(_("comprador"), max_length=300, blank=True)
    procuring_entity = models.CharField(
        _("entidad contratante"), max_length=300, blank=True
    )
    method = models.CharField(_("procedimiento"), max_length=60, blank=True)
    tender_start = models.DateField(_("inicio de la licitación"), null=True)
    tender_end = models.DateField(_("fin de la licitación"), null=True)
    amount = MoneyField(_("monto"), null=True)
    currency = models.CharField(_("moneda"), max_length=3, blank=True)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        related_name="contracting_processes",
    )
    work = models.ForeignKey(
        "works.Work",
        on_delete=models.SET_NULL,
        null=True,
        related_name="contracting_processes",
    )
    document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        related_name="contracting_processes",
        help_text=_("el último archivo publicado que cambió el proceso"),
    )

    class Meta:
        ordering = ["ocid"]
        verbose_name = _("proceso de contratación")
        verbose_name_plural = _("procesos de contratación")

    def __str__(self) -> str:
        return self.ocid

    def permission_scope(self) -> Scope:
        """Return the work's scope when linked; the agency's otherwise."""
        from ruta.accounts.permissions import Scope

        if self.work is not None:
            return self.work.permission_scope()
        return Scope(agency_id=self.agency_id)


@pghistory.track(*row_trackers())
class ContractingRelease(models.Model):
    """One OCDS release as published, with the file it came in."""

    process = models.ForeignKey(
        ContractingProcess, on_delete=models.CASCADE, related_name="releases"
    )
    release_id = models.CharField(max_length=250)
    date = models.CharField(max_length=40, blank=True)
    document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        related_name="contracting_releases",
    )
    place = models.CharField(max_length=200)
    data = models.JSONField()
    # The OCDS version its file declared ("1.0", "1.1"), blank when none did:
    # releases of one process in two versions are reported when compiled.
    version = models.CharField(max_length=10, blank=True, default="")

    class Meta:
        ordering = ["process", "date", "release_id"]
        constraints = [
            # One row per release a file holds, by its place in the file: a
            # release id published again with other content is kept too.
            models.UniqueConstraint(
                fields=["process", "document", "place"],
                name="contracting_release_unique_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} · {self.release_id}"


@pghistory.track(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class ContractingParty(models.Model):
    """An organisation or person a process names.

    A natural person (13-character RFC) has their name in ``person_name`` and
    their RFC in ``person_rfc``, both personal data (declared in the works
    app's ``ready``); an organisation's name and identifier are public.
    """

    process = models.ForeignKey(
        ContractingProcess, on_delete=models.CASCADE, related_name="parties"
    )
    party_id = models.CharField(max_length=200, blank=True)
    name = models.CharField(_("nombre"), max_length=300, blank=True)
    person_name = models.CharField(
        _("nombre de la persona"), max_length=300, blank=True
    )
    identifier = models.CharField(_("RFC o identificador"), max_length=100, blank=True)
    person_rfc = models.CharField(_("RFC de la persona"), max_length=13, blank=True)
    is_person = models.BooleanField(_("persona física"), default=False)
    roles = models.JSONField(default=list)

    class Meta:
        ordering = ["process", "party_id", "id"]

    def __str__(self) -> str:
        return self.name or str(_("persona física"))

    def permission_scope(self) -> Scope:
        return self.process.permission_scope()


@pghistory.track(*row_trackers())
class ContractingAward(models.Model):
    """An award of a process: its amount and date."""

    process = models.ForeignKey(
        ContractingProcess, on_delete=models.CASCADE, related_name="awards"
    )
    award_id = models.CharField(max_length=200, blank=True)
    title = models.CharField(_("título"), max_length=500, blank=True)
    amount = MoneyField(null=True)
    currency = models.CharField(max_length=3, blank=True)
    day = models.DateField(null=True)

    class Meta:
        ordering = ["process", "award_id", "id"]

    def __str__(self) -> str:
        return self.award_id or self.title


@pghistory.track(*row_trackers())
class ContractingContract(models.Model):
    """A contract of a process with its supplier, amount and period.

    ``supplier`` is an organisation's name; a natural person's is not kept
    here (``supplier_is_person``): it stays in ``ContractingParty``.
    """

    process = models.ForeignKey(
        ContractingProcess, on_delete=models.CASCADE, related_name="contracts"
    )
    contract_id = models.CharField(_("contrato"), max_length=200, blank=True)
    award_id = models.CharField(max_length=200, blank=True)
    title = models.CharField(_("título"), max_length=500, blank=True)
    supplier = models.CharField(_("proveedor"), max_length=300, blank=True)
    supplier_is_person = models.BooleanField(default=False)
    amount = MoneyField(_("monto"), null=True)
    currency = models.CharField(_("moneda"), max_length=3, blank=True)
    start = models.DateField(_("inicio"), null=True)
    end = models.DateField(_("término"), null=True)
    signed = models.DateField(_("firmado"), null=True)

    class Meta:
        ordering = ["process", "contract_id", "id"]

    def __str__(self) -> str:
        return self.contract_id or self.title

    @property
    def paid(self) -> Decimal:
        """Return the sum of the payments published for the contract."""
        return sum((p.amount or Decimal(0) for p in self.payments.all()), Decimal(0))


@pghistory.track(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class ContractingPayment(models.Model):
    """A payment (``implementation.transactions``) under a contract.

    A payee who is a natural person is named in ``payee_person`` (personal
    data), never in ``payee``.
    """

    contract = models.ForeignKey(
        ContractingContract, on_delete=models.CASCADE, related_name="payments"
    )
    transaction_id = models.CharField(max_length=200, blank=True)
    day = models.DateField(_("fecha"), null=True)
    amount = MoneyField(_("monto"), null=True)
    currency = models.CharField(_("moneda"), max_length=3, blank=True)
    payer = models.CharField(_("pagador"), max_length=300, blank=True)
    payee = models.CharField(_("beneficiario"), max_length=300, blank=True)
    payee_person = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["contract", "day", "transaction_id", "id"]

    def __str__(self) -> str:
        return self.transaction_id or str(self.day)

    def permission_scope(self) -> Scope:
        return self.contract.process.permission_scope()
