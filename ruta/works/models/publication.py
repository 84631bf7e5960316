"""What each published file said about a work, kept as published.

A work imported from a file (the federal Obra Pública Abierta lists, an
agency's spreadsheet) takes its current values from the latest file; every
file's figures stay here with the file and the date it speaks for, so a
value's history is one query (``work.publications``) and a quarter that
overwrites the last one on the publisher's site overwrites nothing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.common.audit.history import row_trackers, track_keys_unindexed
from ruta.common.fields import MoneyField
from ruta.common.statementkeys import StatementCheckedForeignKey
from ruta.sources.records import row_anchor, row_place

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope

# The table a works list's rows are kept in (``sources.PublishedRow``): a
# publication's ``row_number`` is a row of that table of its document.
PUBLICATION_TABLE_ID = "works"


class WorkPublicationQuerySet(models.QuerySet["WorkPublication"]):
    def newest_first(self) -> WorkPublicationQuerySet:
        """Return publications from the latest date back.

        Their files are not joined: a work's page gives them from the rows
        kept for the data version (a few files publish every work).
        """
        return self.order_by("-as_of", "-document_id")


# The official a file names for a work is personal data (declared in the
# works app): never a published value, read by staff in the audit history.
# Its history is read by publication, never by its work's or file's key.
@track_keys_unindexed(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class WorkPublication(models.Model):
    """One file's figures for one work, as of the date the file speaks for."""

    # Found by work through ``work_publication_once_per_file`` (work first).
    # Checked once per statement, as its document is.
    work = StatementCheckedForeignKey(
        "works.Work",
        on_delete=models.CASCADE,
        related_name="publications",
        db_index=False,
    )
    # Checked once per statement: an import writes one per work of its
    # file, all naming one document.
    document = StatementCheckedForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        related_name="work_publications",
        verbose_name=_("archivo"),
    )
    row_number = models.PositiveIntegerField(_("renglón"))
    as_of = models.DateField(_("vigente al"))
    title = models.CharField(_("nombre publicado"), max_length=400)
    approved = MoneyField(_("aprobado"), null=True, blank=True)
    modified = MoneyField(_("modificado"), null=True, blank=True)
    paid = MoneyField(_("ejercido"), null=True, blank=True)
    total_investment = MoneyField(_("monto total de inversión"), null=True, blank=True)
    physical_progress = models.DecimalField(
        _("avance físico (%)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    sources = models.JSONField(_("fuentes publicadas"), default=dict, blank=True)
    status_printed = models.CharField(
        _("estatus publicado"), max_length=120, blank=True
    )
    official_name = models.CharField(_("responsable"), max_length=200, blank=True)
    official_position = models.CharField(
        _("cargo del responsable"), max_length=300, blank=True
    )
    official_email = models.EmailField(_("correo del responsable"), blank=True)
    official_phone = models.CharField(
        _("teléfono del responsable"), max_length=60, blank=True
    )

    objects = WorkPublicationQuerySet.as_manager()

    class Meta:
        ordering = ["work", "-as_of", "-document_id"]
        verbose_name = _("cifras publicadas de una obra")
        verbose_name_plural = _("cifras publicadas de las obras")
        constraints = [
            models.UniqueConstraint(
                fields=["work", "document"], name="work_publication_once_per_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.work_id} · {self.document_id} · {self.as_of}"

    @property
    def anchor(self) -> str:
        """Return the fragment of the work's row on its document's page."""
        return row_anchor(PUBLICATION_TABLE_ID, self.row_number)

    @property
    def place(self) -> str:
        """Return the query and fragment that open its document's page at the row."""
        return row_place(PUBLICATION_TABLE_ID, self.row_number)

    def permission_scope(self) -> Scope:
        """Return the scope of the publication's work."""
        return self.work.permission_scope()
