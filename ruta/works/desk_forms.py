"""The staff desk's forms: a work with its funding rows, progress with a photo,
contracts, their payments and a work's documents.

The forms check types and ranges; the services check the rules (funding that
adds up, progress that does not go back without a reason, permissions) and
their errors are shown at the field they concern.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.common.text.rfc import RfcHolder
from ruta.common.text.validators import rfc_cleaned
from ruta.works.forms import AMOUNT_MAX
from ruta.works.models import (
    AgeGroup,
    AidConcept,
    Contract,
    DocumentKind,
    FundingSource,
    ProcurementProcedure,
    RecipientSex,
    Subprogram,
    WorksProgram,
)
from ruta.works.rules import EARLIEST_PAYMENT, invoice_uuid
from ruta.works.services import FundingLine

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

FUNDING_ROWS = 4
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Dates the desk accepts for contracts and documents: a typo such as year
# 0224 or 20245 is refused at the field rather than stored.
LATEST_DATE = date(2100, 12, 31)
CENT = Decimal("0.01")


def _date(label: StrPromise, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        validators=[
            MinValueValidator(EARLIEST_PAYMENT),
            MaxValueValidator(LATEST_DATE),
        ],
    )


def _money(
    label: StrPromise, *, required: bool = True, minimum: Decimal = Decimal(0)
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=minimum,
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

    def __init__(self, *args: Any, agencies, municipalities, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["executing_agency"]
        ).queryset = agencies
        cast(
            forms.ModelChoiceField, self.fields["municipality"]
        ).queryset = municipalities


class FundingLineForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Fuente"), choices=[("", "—"), *FundingSource.choices], required=False
    )
    fund = forms.CharField(label=_("Fondo"), max_length=100, required=False)
    amount = _money(_("Monto ($)"), required=False)

    def clean(self) -> dict:
        """Refuse an amount without a source, or a source without an amount."""
        super().clean()
        data = self.cleaned_data
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


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Número de contrato"), max_length=60)
    contractor_name = forms.CharField(
        label=_("Contratista (razón social o nombre)"), max_length=250
    )
    contractor_rfc = forms.CharField(
        label=_("RFC del contratista"),
        max_length=13,
        help_text=_("12 caracteres una empresa; 13 una persona física (reservado)."),
    )
    procedure = forms.ChoiceField(
        label=_("Procedimiento"), choices=ProcurementProcedure.choices
    )
    amount = _money(_("Monto del contrato ($)"), minimum=CENT)
    signed_on = _date(_("Fecha de firma"))
    start_date = _date(_("Inicio"), required=False)
    end_date = _date(_("Término"), required=False)

    def clean_contractor_rfc(self) -> str:
        """Return the RFC as stored, or refuse it saying why."""
        return rfc_cleaned(self.cleaned_data["contractor_rfc"])

    def clean(self) -> dict:
        """Refuse a contract that ends before it starts."""
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("El término es anterior al inicio."))
        return data


class PaymentForm(forms.Form):
    contract = forms.ModelChoiceField(
        label=_("Contrato"), queryset=Contract.objects.none()
    )
    paid_on = _date(_("Fecha de pago"))
    amount = _money(_("Monto pagado ($)"), minimum=CENT)
    invoice = forms.CharField(
        label=_("UUID de la factura (folio fiscal del CFDI)"),
        required=False,
        max_length=40,
        help_text=_("36 caracteres, p. ej. 6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5B."),
    )

    def __init__(self, *args: Any, contracts, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["contract"]).queryset = contracts

    def clean_invoice(self) -> str:
        """Refuse a malformed folio fiscal before asking the service."""
        text = self.cleaned_data["invoice"].strip()
        if text and invoice_uuid(text) is None:
            raise forms.ValidationError(
                _(
                    "«%(value)s» no es un UUID de factura (folio fiscal): son 32 "
                    "caracteres hexadecimales en grupos 8-4-4-4-12."
                ),
                code="invoice_uuid_format",
                params={"value": text},
            )
        return text


DOCUMENT_KINDS = [
    (value, label) for value, label in DocumentKind.choices if value != "photo"
]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=250)
    kind = forms.ChoiceField(label=_("Tipo"), choices=DOCUMENT_KINDS)
    on = _date(_("Fecha del documento"), required=False)
    file = forms.FileField(
        label=_("Archivo PDF (hasta 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class BudgetModificationForm(forms.Form):
    """An ampliación (positive) or reducción (negative) of a work's budget."""

    amount = forms.DecimalField(
        label=_("Monto: positivo amplía, negativo reduce"),
        min_value=-AMOUNT_MAX,
        max_value=AMOUNT_MAX,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    reason = forms.CharField(
        label=_("Motivo (oficio, convenio modificatorio, ajuste de metas…)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AidRequestForm(forms.Form):
    """A request for a social aid, as the aids staff capture it."""

    agency = forms.ModelChoiceField(
        label=_("Dependencia"), queryset=Agency.objects.none()
    )
    fiscal_year = forms.ModelChoiceField(
        label=_("Ejercicio fiscal"), queryset=FiscalYear.objects.filter(is_closed=False)
    )
    requested_on = forms.DateField(label=_("Fecha de la solicitud"), widget=DATE_INPUT)
    concept = forms.ChoiceField(label=_("Concepto (rubro)"), choices=AidConcept.choices)
    description = forms.CharField(
        label=_("Qué se solicita"), max_length=300, required=False
    )
    amount = _money(_("Monto ($)"), minimum=Decimal("0.01"))
    municipality = forms.ModelChoiceField(
        label=_("Municipio"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Vacío para una ayuda estatal."),
    )
    beneficiaries = forms.IntegerField(
        label=_("Personas beneficiadas"),
        min_value=1,
        max_value=10_000_000,
        required=False,
    )
    recipient_name = forms.CharField(
        label=_("Nombre de quien solicita (persona)"),
        max_length=200,
        required=False,
        help_text=_(
            "Dato personal: nunca se publica ni se descarga; lo ven solo quienes "
            "resuelven y se borra al terminar su plazo de conservación."
        ),
    )
    recipient_sex = forms.ChoiceField(
        label=_("Sexo de quien la recibe"),
        choices=[("", "—"), *RecipientSex.choices],
        required=False,
    )
    age_group = forms.ChoiceField(
        label=_("Grupo de edad de quien la recibe"),
        choices=[("", "—"), *AgeGroup.choices],
        required=False,
    )
    recipient_rfc = forms.CharField(
        label=_("RFC de la institución que la recibe"),
        # Room for the hyphens and spaces people type; stored bare (12).
        max_length=20,
        required=False,
        help_text=_(
            "Solo cuando la recibe una institución: el RFC de la persona moral "
            "(12 caracteres), sin sexo ni grupo de edad. Con él, la comisión de "
            "los apoyos a organizaciones ve esta ayuda junto a lo que la "
            "organización declara. El RFC de una persona no se captura."
        ),
    )

    def __init__(self, *args: Any, agencies, municipalities, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        cast(
            forms.ModelChoiceField, self.fields["municipality"]
        ).queryset = municipalities

    def clean_recipient_rfc(self) -> str:
        """Return the institution's RFC as stored, or refuse it saying why
        (a person's RFC, 13 characters, is refused: it is personal data)."""
        text = self.cleaned_data["recipient_rfc"].strip()
        return rfc_cleaned(text, holder=RfcHolder.COMPANY) if text else ""


class AidsResolveForm(forms.Form):
    """Many requests for aid resolved at once: those marked on the desk or a
    whole year's (a file imported at once), granted or denied with one reason."""

    step = forms.ChoiceField(
        label=_("Resolución"),
        choices=[("grant", _("Otorgar")), ("deny", _("No procede"))],
        widget=forms.RadioSelect,
    )
    aid = forms.TypedMultipleChoiceField(
        label=_("Solicitudes marcadas"), coerce=int, required=False
    )
    year = forms.TypedChoiceField(
        label=_("O todas las de un ejercicio"), coerce=int, required=False
    )
    reason = forms.CharField(
        label=_("Motivo o nota (uno para todas)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, aids: list[int], years: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["aid"]).choices = [
            (str(pk), str(pk)) for pk in aids
        ]
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [
            ("", "—"),
            *((str(year), str(year)) for year in years),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("aid") and not data.get("year"):
            raise forms.ValidationError(
                _("Marque al menos una solicitud o elija un ejercicio.")
            )
        return data
