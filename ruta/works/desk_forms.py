"""The staff desk's forms: a work with its funding rows, progress with a photo.

The forms check types and ranges; the services check the rules (funding that
adds up, progress that does not go back without a reason, permissions) and
their errors are shown at the field they concern.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.works.forms import AMOUNT_MAX
from ruta.works.models import FundingSource, Subprogram, WorksProgram
from ruta.works.services import FundingLine

FUNDING_ROWS = 4
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _money(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=AMOUNT_MAX,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


class WorkCaptureForm(forms.Form):
    public_id = forms.CharField(label=_("Folio"), max_length=40)
    fiscal_year = forms.ModelChoiceField(
        label=_("Ejercicio fiscal"), queryset=FiscalYear.objects.filter(is_closed=False)
    )
    program = forms.ModelChoiceField(
        label=_("Programa"), queryset=WorksProgram.objects.all()
    )
    subprogram = forms.ModelChoiceField(
        label=_("Subprograma"), queryset=Subprogram.objects.all()
    )
    executing_agency = forms.ModelChoiceField(
        label=_("Ejecutora"), queryset=Agency.objects.none()
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipio"), queryset=Municipality.objects.none()
    )
    locality = forms.CharField(label=_("Localidad"), max_length=200, required=False)
    title = forms.CharField(label=_("Nombre de la obra"), max_length=400)
    description = forms.CharField(
        label=_("Descripción"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    beneficiaries = forms.IntegerField(
        label=_("Beneficiarios"), min_value=0, max_value=100_000_000, initial=0
    )
    latitude = forms.DecimalField(
        label=_("Latitud"),
        required=False,
        min_value=-90,
        max_value=90,
        max_digits=9,
        decimal_places=6,
    )
    longitude = forms.DecimalField(
        label=_("Longitud"),
        required=False,
        min_value=-180,
        max_value=180,
        max_digits=9,
        decimal_places=6,
    )
    start_date = forms.DateField(label=_("Inicio"), required=False, widget=DATE_INPUT)
    end_date = forms.DateField(label=_("Término"), required=False, widget=DATE_INPUT)
    total_investment = _money(_("Inversión total ($)"))

    def __init__(self, *args: object, agencies, municipalities, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["executing_agency"].queryset = agencies
        self.fields["municipality"].queryset = municipalities


class FundingLineForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Fuente"), choices=[("", "—"), *FundingSource.choices], required=False
    )
    fund = forms.CharField(label=_("Fondo"), max_length=100, required=False)
    amount = _money(_("Monto ($)"), required=False)

    def clean(self) -> dict:
        """Refuse an amount without a source, or a source without an amount."""
        data = super().clean()
        if data.get("source") and data.get("amount") is None:
            self.add_error("amount", _("Escriba el monto de esta fuente."))
        if data.get("amount") and not data.get("source"):
            self.add_error("source", _("Elija la fuente de este monto."))
        return data


FundingFormSet = forms.formset_factory(
    FundingLineForm, extra=FUNDING_ROWS, max_num=8, validate_max=True
)


def funding_lines(formset: forms.BaseFormSet) -> list[FundingLine]:
    """Return the filled rows of a valid funding formset as service lines."""
    return [
        FundingLine(
            FundingSource(form.cleaned_data["source"]),
            form.cleaned_data["amount"],
            form.cleaned_data.get("fund", ""),
        )
        for form in formset
        if form.cleaned_data.get("source")
    ]


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("Fecha"), widget=DATE_INPUT)
    physical_percent = forms.DecimalField(
        label=_("Avance físico (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    amount_paid = _money(_("Monto pagado acumulado ($)"))
    evidence = forms.CharField(
        label=_("Evidencia (descripción)"), required=False, max_length=500
    )
    reason = forms.CharField(
        label=_("Motivo (obligatorio si el avance disminuye)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    photo = forms.FileField(
        label=_("Foto de evidencia (JPEG, PNG o WebP, hasta 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
