"""The staff desk's uploads: a works list, or a published document to preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.catalog.models import Agency
from ruta.common.uploads import file_recognise, file_rule
from ruta.ingest.importers import importer_for, importers_previewed
from ruta.ingest.pdf import MAX_PDF_BYTES
from ruta.ingest.worklist.decode import MAX_FILE_BYTES
from ruta.works.models import WorksProgram
from ruta.works.selectors.desk import instance_agencies

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST_CUT = date(1990, 1, 1)


class WorksUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo (CSV o XLSX)"),
        help_text=_(
            "Columnas de Obra Pública Abierta (2015 o 2019 en adelante) o de la "
            "plantilla de la plataforma."
        ),
    )
    agency = forms.ModelChoiceField(
        label=_("Dependencia ejecutora"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("Obligatoria para un archivo de la plantilla."),
    )
    program = forms.ModelChoiceField(
        label=_("Programa"),
        queryset=WorksProgram.objects.order_by("name"),
        to_field_name="code",
        required=False,
        help_text=_("Obligatorio para un archivo de la plantilla."),
    )
    as_of = forms.DateField(
        label=_("Cifras al"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("La fecha de corte que publica el archivo."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["agency"]
        ).queryset = instance_agencies().order_by("name")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise ValidationError(_("El archivo está vacío."))
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("El archivo pesa más de %(most)s MB.")
                % {"most": MAX_FILE_BYTES // (1024 * 1024)}
            )
        file_recognise(file_rule("ingest.works_list"), upload, name=upload.name)
        return upload

    def clean_as_of(self):
        cut = self.cleaned_data["as_of"]
        if cut is not None and not EARLIEST_CUT <= cut <= timezone.localdate():
            raise ValidationError(_("La fecha de corte debe estar entre 1990 y hoy."))
        return cut

    def options(self) -> dict[str, object]:
        """Return the import's options, as the command line takes them."""
        data = self.cleaned_data
        return {
            "agency": data["agency"].code if data["agency"] else "",
            "program": data["program"].code if data["program"] else "",
            "as_of": data["as_of"].isoformat() if data["as_of"] else "",
        }


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
