"""Forms of participatory budgeting: they parse and bound; the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.budgeting import rules
from ruta.budgeting.verification import EMAIL, WHATSAPP, code_channels


def money_input(label: Any, *, required: bool = True) -> forms.DecimalField:
    """Return a field of pesos with centavos, above zero and within the bound."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=rules.BUDGET_MAX,
    )


STATUS_CHOICES = [
    ("", _("Todas")),
    ("pending", _("En revisión")),
    ("feasible", _("Viables")),
    ("unfeasible", _("No viables")),
    ("funded", _("Ganadoras")),
    ("hidden", _("Ocultas por moderación")),
]
CHANNEL_LABELS = {EMAIL: _("Correo electrónico"), WHATSAPP: _("WhatsApp")}


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.Form):
    """Open a period: where, when, how much, under which rules."""

    municipality = forms.ChoiceField(label=_("Municipio"))
    year = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("Título"), min_length=rules.TITLE_MIN, max_length=rules.TITLE_MAX
    )
    total_budget = money_input(_("Presupuesto total (pesos)"))
    ballot_budget = money_input(_("Presupuesto por boleta (pesos)"))
    proposals_from = forms.DateField(
        label=_("Inicio de recepción de propuestas"), widget=DateInput
    )
    review_from = forms.DateField(label=_("Inicio de la revisión"), widget=DateInput)
    voting_from = forms.DateField(label=_("Inicio de la votación"), widget=DateInput)
    voting_until = forms.DateField(label=_("Fin de la votación"), widget=DateInput)
    results_on = forms.DateField(label=_("Publicación de resultados"), widget=DateInput)
    rules_text = forms.CharField(
        label=_("Reglas"),
        min_length=rules.DESCRIPTION_MIN,
        max_length=rules.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, municipalities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [
            (m.code, m.name) for m in municipalities
        ]


class ProposalForm(forms.Form):
    """A citizen's proposal; ``sitio_web`` is a trap for robots."""

    title = forms.CharField(
        label=_("Título de la propuesta"),
        min_length=rules.TITLE_MIN,
        max_length=rules.TITLE_MAX,
    )
    description = forms.CharField(
        label=_("Describa la obra y a quién beneficia"),
        min_length=rules.DESCRIPTION_MIN,
        max_length=rules.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    locality = forms.CharField(
        label=_("Localidad, colonia o referencia del lugar"), max_length=200
    )
    latitude = forms.DecimalField(
        label=_("Latitud (opcional)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=Decimal("-90"),
        max_value=Decimal("90"),
    )
    longitude = forms.DecimalField(
        label=_("Longitud (opcional)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=Decimal("-180"),
        max_value=Decimal("180"),
    )
    estimated_cost = money_input(_("Costo estimado (pesos)"))
    name = forms.CharField(label=_("Su nombre"), max_length=120)
    email = forms.CharField(
        label=_("Su correo (correo o teléfono)"), max_length=254, required=False
    )
    phone = forms.CharField(
        label=_("Su teléfono (correo o teléfono)"), max_length=30, required=False
    )
    sitio_web = forms.CharField(label=_("Deje este campo vacío"), required=False)

    def is_trap_filled(self) -> bool:
        """Return whether the robots' trap was filled."""
        return bool(self.data.get("sitio_web", "").strip())


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo para ocultarla (se publica)"),
        min_length=rules.REASON_MIN,
        max_length=rules.REASON_MAX,
    )


class AssessForm(forms.Form):
    """Staff's assessment: feasible or not, the cost, the public reasons."""

    feasible = forms.TypedChoiceField(
        label=_("Dictamen"),
        choices=[("1", _("Viable")), ("0", _("No viable"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    assessed_cost = money_input(
        _("Costo evaluado (pesos; si es viable)"), required=False
    )
    reason = forms.CharField(
        label=_("Razones (se publican)"),
        min_length=rules.REASON_MIN,
        max_length=rules.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LinkForm(forms.Form):
    work = forms.CharField(label=_("Folio de la obra que la ejecuta"), max_length=40)


class CodeRequestForm(forms.Form):
    """Where to send the voting code."""

    channel = forms.ChoiceField(label=_("¿Dónde recibe su código?"))
    address = forms.CharField(
        label=_("Su correo o su número de WhatsApp"), max_length=254
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["channel"]).choices = [
            (channel, CHANNEL_LABELS.get(channel, channel))
            for channel in code_channels()
        ]


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Código recibido"),
        regex=rf"^\s*\d{{{rules.CODE_DIGITS}}}\s*$",
        max_length=20,
        error_messages={"invalid": _("El código son 6 dígitos.")},
    )


class BallotForm(forms.Form):
    """The ballot: the proposals chosen, by number."""

    choices = forms.TypedMultipleChoiceField(
        label=_("Propuestas que elige"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, proposals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["choices"]).choices = [
            (p.number, p.title) for p in proposals
        ]


class StatusFilterForm(forms.Form):
    estado = forms.ChoiceField(
        label=_("Mostrar"), choices=STATUS_CHOICES, required=False
    )
