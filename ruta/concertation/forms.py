"""Forms of the concertation: they parse and bound; the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.concertation import rules
from ruta.concertation.lineamientos import LINEAMIENTOS


def money_input(label: Any) -> forms.DecimalField:
    """Return a field of pesos with centavos, from zero to the bound."""
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=rules.AMOUNT_MAX,
    )


class DateInput(forms.DateInput):
    input_type = "date"


class AmountsForm(forms.Form):
    """What the agreement promises: the floor and the parties' contributions."""

    floor = money_input(_("Piso: recurso estatal para las obras concertadas (pesos)"))
    municipal_contribution = money_input(_("Aportación municipal comprometida (pesos)"))
    community_contribution = money_input(
        _("Aportación de los beneficiarios comprometida (pesos)")
    )
    notes = forms.CharField(
        label=_("Notas (opcional)"),
        required=False,
        max_length=rules.NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgreementForm(AmountsForm):
    """A new agreement: who concerts, with which municipality, for which year."""

    agency = forms.ChoiceField(label=_("Dependencia que concierta"))
    municipality = forms.ChoiceField(label=_("Municipio"))
    year = forms.IntegerField(label=_("Ejercicio"), min_value=2000, max_value=2100)

    field_order = ["agency", "municipality", "year"]

    def __init__(
        self, *args: Any, agencies: list, municipalities: list, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            (a.pk, a.name) for a in agencies
        ]
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [
            (m.code, m.name) for m in municipalities
        ]


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Fecha de firma"), widget=DateInput)
    document = forms.FileField(
        label=_("Convenio firmado (PDF, opcional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class CheckForm(forms.Form):
    item = forms.ChoiceField(
        label=_("Lineamiento"),
        choices=[(item.key, item.label) for item in LINEAMIENTOS],
        widget=forms.HiddenInput,
    )
    evidence = forms.CharField(
        label=_("Evidencia"),
        max_length=rules.EVIDENCE_MAX,
        help_text=_("El oficio, depósito o expediente que lo acredita."),
    )


class UncheckForm(forms.Form):
    item = forms.ChoiceField(
        choices=[(item.key, item.label) for item in LINEAMIENTOS],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(label=_("Motivo"), max_length=rules.EVIDENCE_MAX)
