"""The staff desk's uploads: a file for the queue, or a document to preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Action, agencies_where, is_administrator
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency
from ruta.common.files.uploads import file_recognise, file_rule
from ruta.ingest.importers import (
    Importer,
    importer_for,
    importers_previewed,
    importers_queued,
)
from ruta.ingest.pdf import MAX_PDF_BYTES
from ruta.works.models import WorksProgram

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST_CUT = date(1990, 1, 1)


WORKS_KIND = "works"


def queued_kinds() -> list[tuple[str, str | Promise]]:
    """Return the kinds uploaded straight to the queue, as the form offers them."""
    return [(importer.name, importer.label) for importer in importers_queued()]


class QueuedUploadForm(forms.Form):
    """A file for the background queue: a works list, an action plan, OCDS."""

    # Posted without a kind, a file is a works list (the page's first upload).
    kind = forms.ChoiceField(
        label=_("Tipo de archivo"),
        choices=queued_kinds,
        initial=WORKS_KIND,
        required=False,
    )
    file = forms.FileField(
        label=_("Archivo"),
        help_text=_(
            "Lista de obras: CSV o XLSX con las columnas de Obra Pública Abierta "
            "(2015 o 2019 en adelante) o de la plantilla. Plan de acción: el "
            "reporte de avance publicado (PDF o texto). OCDS: un archivo JSON de "
            "entregas o registros."
        ),
    )
    agency = forms.ModelChoiceField(
        label=_("Dependencia"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_(
            "Obligatoria para una lista de la plantilla (la ejecutora); en OCDS, "
            "la que publicó el archivo."
        ),
    )
    program = forms.ModelChoiceField(
        label=_("Programa"),
        queryset=WorksProgram.objects.order_by("name"),
        to_field_name="code",
        required=False,
        help_text=_("Obligatorio para una lista de la plantilla."),
    )
    as_of = forms.DateField(
        label=_("Cifras al"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("La fecha de corte que publica el archivo (listas y planes)."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["agency"]
        ).queryset = _capturable_agencies(user)

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or WORKS_KIND

    @property
    def importer(self) -> Importer:
        """Return the importer of the chosen kind; the form must be valid."""
        return importer_for(self.cleaned_data["kind"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload, kind = data.get("file"), data.get("kind")
        if upload is None or not kind:
            return data
        importer = importer_for(kind)
        if upload.size == 0:
            self.add_error("file", _("El archivo está vacío."))
        elif upload.size > importer.upload_limit:
            self.add_error(
                "file",
                _("El archivo pesa más de %(most)s MB.")
                % {"most": importer.upload_limit // (1024 * 1024)},
            )
        else:
            try:
                file_recognise(
                    file_rule(importer.upload_rule), upload, name=upload.name
                )
            except ValidationError as refused:
                self.add_error("file", refused)
        return data

    def clean_as_of(self):
        cut = self.cleaned_data["as_of"]
        if cut is not None and not EARLIEST_CUT <= cut <= timezone.localdate():
            raise ValidationError(_("La fecha de corte debe estar entre 1990 y hoy."))
        return cut

    def options(self) -> dict[str, object]:
        """Return the options the chosen kind takes, as the command line does."""
        data = self.cleaned_data
        given = {
            "agency": data["agency"].code if data["agency"] else "",
            "program": data["program"].code if data["program"] else "",
            "as_of": data["as_of"].isoformat() if data["as_of"] else "",
        }
        return {
            name: value
            for name, value in given.items()
            if name in self.importer.options and value
        }


def _capturable_agencies(user: Any) -> QuerySet[Agency]:
    """Return the instance's agencies ``user`` may capture for, by name.

    The import writes nothing for another agency (the importers check every
    row), so the form does not offer one.
    """
    agencies = instance().agencies_working().order_by("name")
    if user is None:
        return agencies.none()  # a form no one fills in (its kinds read alone)
    if is_administrator(user):
        return agencies
    allowed = agencies_where(user, Action.CAPTURE, agencies)
    return agencies.filter(pk__in=[agency.pk for agency in allowed])


def previewed_kinds() -> list[tuple[str, str | Promise]]:
    """Return the kinds the desk reads before importing, as the form offers them."""
    return [(importer.name, importer.label) for importer in importers_previewed()]


class DocumentUploadForm(forms.Form):
    """A published report (text or PDF) or a statement (CSV or XLSX), read
    before importing; what a file may be is its kind's (``Importer.upload_rule``)."""

    kind = forms.ChoiceField(label=_("Tipo de documento"), choices=previewed_kinds)
    file = forms.FileField(
        label=_("Documento (PDF o texto; un estado analítico en CSV o XLSX)"),
        help_text=_("Se lee y se revisa primero; nada se guarda hasta que confirme."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise ValidationError(_("El archivo está vacío."))
        if upload.size > MAX_PDF_BYTES:
            raise ValidationError(
                _("El archivo pesa más de %(most)s MB.")
                % {"most": MAX_PDF_BYTES // (1024 * 1024)}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is not None and kind:
            rule = file_rule(importer_for(kind).upload_rule)
            try:
                file_recognise(rule, upload, name=upload.name)
            except ValidationError as refused:
                self.add_error("file", refused)
        return cleaned


# A state's catalog file is a few hundred rows; this leaves room to spare.
MAX_STATE_FILE_BYTES = 2 * 1024 * 1024


class StateSetupForm(forms.Form):
    """The CSV files a state's team prepares (docs/setting-up-a-state.md)."""

    agencies = forms.FileField(label=_("Dependencias (agencies.csv)"))
    plans = forms.FileField(
        label=_("Plan estatal (plans.csv)"),
        required=False,
        help_text=_("Necesario si sube las regiones."),
    )
    regions = forms.FileField(label=_("Regiones (regions.csv)"), required=False)
    programs = forms.FileField(
        label=_("Programas de obra (programs.csv)"), required=False
    )
    sources = forms.FileField(label=_("Fuentes (sources.csv)"), required=False)

    # The name each file takes in the folder the setup reads.
    FILE_NAMES = {
        "agencies": "agencies.csv",
        "plans": "plans.csv",
        "regions": "regions.csv",
        "programs": "programs.csv",
        "sources": "sources.csv",
    }

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        for field in self.FILE_NAMES:
            upload = cleaned.get(field)
            if upload is not None and upload.size > MAX_STATE_FILE_BYTES:
                self.add_error(
                    field,
                    _("El archivo pesa más de %(most)s MB.")
                    % {"most": MAX_STATE_FILE_BYTES // (1024 * 1024)},
                )
        return cleaned

    def files_write(self, folder: Path) -> None:
        """Write the uploaded files into ``folder`` under the names the setup reads."""
        for field, name in self.FILE_NAMES.items():
            upload = self.cleaned_data.get(field)
            if upload is not None:
                with (folder / name).open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
