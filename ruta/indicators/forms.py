"""The form staff fill in to capture an indicator's result for a period and place.

It checks types and bounds a browser can show; the service checks the rules
(who may, the period the card measures, a result already published).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, Municipality, PlanElement, Region
from ruta.catalog.selectors import plan_elements_alignable
from ruta.common.bounds import YEAR_MAX, YEAR_MIN
from ruta.indicators.models import QUARTERS, DirectionChoice, IndicatorCard, ValueUnit
from ruta.indicators.rules import Direction
from ruta.indicators.services import (
    FOUR_PLACES,
    NAME_MAX,
    NOTE_MAX,
    SHORT_MAX,
    TEXT_MAX,
    VALUE_MAX,
    CardDefinition,
    Period,
)

STATE, MUNICIPALITY, REGION = "state", "municipality", "region"


class ResultForm(forms.Form):
    card = forms.ModelChoiceField(
        label=_("Indicador"), queryset=IndicatorCard.objects.none()
    )
    year = forms.IntegerField(label=_("Año"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    quarter = forms.TypedChoiceField(
        label=_("Periodo"),
        choices=[("", _("Todo el año")), *QUARTERS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    place = forms.ChoiceField(
        label=_("Lugar"),
        choices=[
            (STATE, _("Todo el estado")),
            (MUNICIPALITY, _("Un municipio")),
            (REGION, _("Una región")),
        ],
        initial=STATE,
        widget=forms.RadioSelect,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipio"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Si el resultado es de un municipio."),
    )
    region = forms.ModelChoiceField(
        label=_("Región"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Si el resultado es de una región."),
    )
    value = forms.DecimalField(
        label=_("Resultado"),
        min_value=Decimal(0),
        max_value=VALUE_MAX,
        max_digits=20,
        decimal_places=4,
        help_text=_("Un porcentaje se escribe sin el signo: 87.5 es 87.5 %."),
    )
    note = forms.CharField(
        label=_("Observaciones (opcional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, cards: Sequence[IndicatorCard], **kwargs: Any):
        super().__init__(*args, **kwargs)
        card_field = cast(forms.ModelChoiceField, self.fields["card"])
        card_field.queryset = IndicatorCard.objects.filter(
            pk__in=[card.pk for card in cards]
        ).order_by("agency__name", "id")
        cast(forms.ModelChoiceField, self.fields["municipality"]).queryset = (
            instance().municipalities().order_by("name")
        )
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = (
            instance().regions().order_by("number")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        place = data.get("place")
        if place == MUNICIPALITY and not data.get("municipality"):
            self.add_error("municipality", _("Elija el municipio."))
        if place == REGION and not data.get("region"):
            self.add_error("region", _("Elija la región."))
        return data

    def period(self) -> Period:
        """Return the period and place typed, as the service takes them."""
        data = self.cleaned_data
        return Period(
            year=data["year"],
            quarter=data["quarter"],
            municipality=data["municipality"]
            if data["place"] == MUNICIPALITY
            else None,
            region=data["region"] if data["place"] == REGION else None,
        )


def _text(label: Any, most: int, *, required: bool = True, rows: int = 0) -> Any:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(
        label=label, max_length=most, required=required, widget=widget
    )


def _value(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=20,
        decimal_places=4,
        min_value=-VALUE_MAX + FOUR_PLACES,
        max_value=VALUE_MAX - FOUR_PLACES,
    )


class PlanElementsField(forms.ModelMultipleChoiceField):
    """Plan elements named with their plan and kind, as the card shows them."""

    def label_from_instance(self, obj: Any) -> str:
        """Return "Plan Estatal de Desarrollo 2021-2027 · Eje 2 El Presupuesto …"."""
        return f"{obj.framework.name} · {obj.get_kind_display()} {obj}"


class CardForm(forms.Form):
    """A "Cédula de Indicadores" as the planning unit defines it."""

    name = _text(_("Indicador"), NAME_MAX, rows=2)
    responsible_unit = _text(_("Unidad responsable"), SHORT_MAX)
    executing_unit = _text(_("Unidad ejecutora"), SHORT_MAX)
    objective = _text(_("Objetivo"), TEXT_MAX, rows=3)
    indicator_objective = _text(_("Objetivo del indicador"), TEXT_MAX, rows=3)
    description = _text(_("Descripción general"), TEXT_MAX, required=False, rows=3)
    method = _text(_("Método de cálculo"), TEXT_MAX, rows=2)
    direction = forms.ChoiceField(
        label=_("Sentido del indicador"), choices=DirectionChoice.choices
    )
    frequency = _text(_("Frecuencia de medición"), 100)
    source = _text(_("Fuente"), SHORT_MAX)
    unit_of_measure = _text(_("Unidad de medida"), 200)
    value_unit = forms.ChoiceField(label=_("Tipo de valor"), choices=ValueUnit.choices)
    additional_reference = _text(
        _("Referencia adicional"), TEXT_MAX, required=False, rows=2
    )
    baseline_year = forms.IntegerField(
        label=_("Año de la línea base"), min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    baseline_value = _value(_("Línea base"))
    goal_year = forms.IntegerField(
        label=_("Año de la meta"), min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    goal_value = _value(_("Meta"))
    plan_elements = PlanElementsField(
        label=_("Alineación a los planes y a los Objetivos de Desarrollo Sostenible"),
        queryset=PlanElement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Los ejes, objetivos u ODS a los que sirve el indicador."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["plan_elements"])
        field.queryset = plan_elements_alignable()

    def elements(self) -> list[PlanElement]:
        """Return the plan elements chosen (on a valid form)."""
        return list(self.cleaned_data["plan_elements"])

    def definition(self) -> CardDefinition:
        """Return the card the form describes (on a valid form)."""
        data = dict(self.cleaned_data)
        data.pop("agency", None)
        data.pop("plan_elements", None)
        data["direction"] = Direction(data["direction"])
        return CardDefinition(key="", **data)


class NewCardForm(CardForm):
    agency = forms.ModelChoiceField(
        label=_("Dependencia responsable"), queryset=Agency.objects.none()
    )

    field_order = ["agency"]

    def __init__(self, *args: Any, agencies: Sequence[Agency], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["agency"]
        ).queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by(
            "name"
        )


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Motivo del retiro"), max_length=NOTE_MAX)


class EvaluationForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Dependencia evaluada"), queryset=Agency.objects.none()
    )
    title = forms.CharField(label=_("Evaluación"), max_length=300)
    year = forms.IntegerField(label=_("Año"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    evaluator = forms.CharField(label=_("Instancia evaluadora"), max_length=SHORT_MAX)
    report_url = forms.URLField(
        assume_scheme="https",
        label=_("Dirección del informe (opcional)"),
        required=False,
    )

    def __init__(self, *args: Any, agencies: Sequence[Agency], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["agency"]
        ).queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by(
            "name"
        )


class AspectForm(forms.Form):
    description = forms.CharField(
        label=_("Aspecto susceptible de mejora"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.CharField(label=_("Área responsable"), max_length=SHORT_MAX)
    due_on = forms.DateField(
        label=_("Fecha compromiso"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Avance (%)"), min_value=0, max_value=100)
    evidence = forms.CharField(label=_("Evidencia"), max_length=TEXT_MAX)
