"""Forms of the grants pages; every write still goes through a service."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.grants.models import CategoryChoice, Scheme, Sex
from ruta.grants.rules.requirements import UPLOADED

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}
BUDGET_ROWS = 6


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Nombre de la organización"), max_length=250)
    rfc = forms.CharField(label=_("RFC (persona moral, 12 caracteres)"), max_length=12)
    cluni = forms.CharField(label=_("CLUNI"), max_length=30, required=False)
    dnias = forms.CharField(label=_("Constancia DNIAS"), max_length=30, required=False)
    state_registry_folio = forms.CharField(
        label=_("Folio del Registro Estatal"), max_length=30, required=False
    )
    legal_representative = forms.CharField(
        label=_("Representante legal"), max_length=200
    )
    representative_curp = forms.CharField(
        label=_("CURP del representante"), max_length=18, required=False
    )
    contact_email = forms.EmailField(label=_("Correo para notificaciones"))


class ApplicationForm(forms.Form):
    organization = forms.ChoiceField(label=_("Organización"))
    scheme = forms.ChoiceField(label=_("Esquema"), choices=Scheme.choices)
    theme = forms.CharField(label=_("Temática"), max_length=200, required=False)
    title = forms.CharField(label=_("Nombre del proyecto"), max_length=250)
    summary = forms.CharField(
        label=_("Resumen"), widget=forms.Textarea, max_length=5000
    )
    coordinator_name = forms.CharField(label=_("Coordinador operativo"), max_length=200)
    coordinator_curp = forms.CharField(label=_("CURP del coordinador"), max_length=18)
    coordinator_email = forms.EmailField(label=_("Correo del coordinador"))
    compliance_opinion_on = forms.DateField(
        label=_("Fecha de la opinión de cumplimiento (AAAA-MM-DD)"), required=False
    )
    accepts_partial = forms.BooleanField(
        label=_("Acepta apoyo parcial"), required=False
    )

    def __init__(self, *args, organizations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]
        for row in range(1, BUDGET_ROWS + 1):
            required = row == 1
            self.fields[f"concept_{row}"] = forms.CharField(
                label=_("Concepto %(n)s") % {"n": row},
                max_length=250,
                required=required,
            )
            self.fields[f"category_{row}"] = forms.ChoiceField(
                label=_("Categoría %(n)s") % {"n": row},
                choices=CategoryChoice.choices,
                required=required,
            )
            self.fields[f"support_{row}"] = forms.DecimalField(
                label=_("Apoyo solicitado %(n)s") % {"n": row}, required=False, **MONEY
            )
            self.fields[f"own_money_{row}"] = forms.DecimalField(
                label=_("Aportación monetaria %(n)s") % {"n": row},
                required=False,
                **MONEY,
            )
            self.fields[f"own_in_kind_{row}"] = forms.DecimalField(
                label=_("Aportación no monetaria %(n)s") % {"n": row},
                required=False,
                **MONEY,
            )


class DocumentForm(forms.Form):
    requirement = forms.ChoiceField(
        label=_("Requisito (§3.4)"),
        choices=[(r.code, f"{r.code}. {r.document}") for r in UPLOADED],
    )
    file = forms.FileField(label=_("Archivo (PDF o imagen, hasta 10 MB)"))


class CfdiForm(forms.Form):
    xml = forms.FileField(label=_("CFDI (XML, hasta 2 MB)"))
    pdf = forms.FileField(label=_("Representación impresa (PDF)"))


class ReportForm(forms.Form):
    spent = forms.DecimalField(label=_("Monto ejercido"), **MONEY)
    content = forms.CharField(
        label=_("Avance técnico"), widget=forms.Textarea, max_length=20000
    )
    file = forms.FileField(label=_("Formato técnico-financiero (PDF)"), required=False)


class BankAccountForm(forms.Form):
    bank = forms.CharField(label=_("Banco"), max_length=100)
    clabe = forms.CharField(label=_("CLABE (18 dígitos)"), max_length=18)


class BeneficiaryForm(forms.Form):
    full_name = forms.CharField(label=_("Nombre completo"), max_length=200)
    age = forms.IntegerField(label=_("Edad"), min_value=0, max_value=120)
    sex = forms.ChoiceField(label=_("Sexo"), choices=Sex.choices)
    benefit = forms.CharField(label=_("Beneficio o apoyo"), max_length=200)
    municipality = forms.CharField(label=_("Municipio (clave INEGI)"), max_length=5)
    locality = forms.CharField(label=_("Localidad"), max_length=200)
    guardian_name = forms.CharField(
        label=_("Madre, padre o tutor (menores)"), max_length=200, required=False
    )
    guardian_consent_on = forms.DateField(
        label=_("Fecha del consentimiento escrito (AAAA-MM-DD)"), required=False
    )
    privacy_notice = forms.BooleanField(
        label=_("Se mostró el aviso de privacidad vigente a la persona")
    )
