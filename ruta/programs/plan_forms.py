"""Forms of a POA year opened on the site: the year, each goal, its links.

The forms check types and bounds a browser can show; the services check the
rules (who may, the programming making the target, numbers not repeated).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.catalog.models import FiscalYear
from ruta.programs.models import AccumulationChoice, Goal
from ruta.programs.models.structure import ExecutingUnit
from ruta.programs.services import GoalDraft
from ruta.programs.services.plans import GOAL_NUMBER_MAX, TARGET_MAX, TEXT_MAX, UNIT_MAX


class OpenYearForm(forms.Form):
    executing_unit = forms.ModelChoiceField(
        label=_("Unidad ejecutora"), queryset=ExecutingUnit.objects.none()
    )
    fiscal_year = forms.ModelChoiceField(
        label=_("Ejercicio"), queryset=FiscalYear.objects.none()
    )
    copy_previous = forms.BooleanField(
        label=_("Copiar las metas, metas anuales y programación del año anterior"),
        required=False,
        initial=True,
        help_text=_("Después las corrige; nada de lo alcanzado se copia."),
    )
    program_code = forms.CharField(
        label=_("Clave del programa"),
        max_length=20,
        required=False,
        help_text=_("Si copia el año anterior, puede dejarla vacía."),
    )
    program_name = forms.CharField(
        label=_("Nombre del programa"), max_length=250, required=False
    )

    def __init__(
        self,
        *args: Any,
        units: Sequence[ExecutingUnit],
        years: Sequence[FiscalYear],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast(forms.ModelChoiceField, self.fields["executing_unit"])
        unit_field.queryset = ExecutingUnit.objects.filter(
            pk__in=[unit.pk for unit in units]
        ).order_by("code", "name")
        year_field = cast(forms.ModelChoiceField, self.fields["fiscal_year"])
        year_field.queryset = FiscalYear.objects.filter(
            pk__in=[year.pk for year in years]
        ).order_by("-year")


def _count(label: Any, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=TARGET_MAX, required=required
    )


class GoalForm(forms.Form):
    number = forms.IntegerField(
        label=_("Número de la meta"), min_value=1, max_value=GOAL_NUMBER_MAX
    )
    description = forms.CharField(
        label=_("Meta y acción"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    unit_of_measure = forms.CharField(
        label=_("Unidad de medida"),
        max_length=UNIT_MAX,
        help_text=_(
            "Comité, Obra, Supervisión o Taller se calculan también con las obras "
            "y comités que vincule a la meta."
        ),
    )
    annual_target = _count(_("Meta anual"))
    accumulation = forms.ChoiceField(
        label=_("Cómo se acumulan los trimestres"),
        choices=AccumulationChoice.choices,
        initial=AccumulationChoice.SUM,
    )
    by_sex = forms.BooleanField(
        label=_("Registra la población atendida por sexo"),
        required=False,
        help_text=_(
            "Márquelo si la meta dice que su población se registra desagregada "
            "por sexo: cada trimestre se capturan las mujeres y los hombres "
            "atendidos."
        ),
    )
    programmed_1 = _count(_("Programado enero-marzo"), required=False)
    programmed_2 = _count(_("Programado abril-junio"), required=False)
    programmed_3 = _count(_("Programado julio-septiembre"), required=False)
    programmed_4 = _count(_("Programado octubre-diciembre"), required=False)

    @classmethod
    def of_goal(cls, goal: Goal) -> dict[str, Any]:
        """Return the form's initial values for an existing goal."""
        programmed = {row.quarter: row.programmed for row in goal.quarters.all()}
        return {
            "number": goal.number,
            "description": goal.description,
            "unit_of_measure": goal.unit_of_measure,
            "annual_target": goal.annual_target,
            "accumulation": goal.accumulation,
            "by_sex": goal.by_sex,
            **{f"programmed_{q}": programmed.get(q) for q in range(1, 5)},
        }

    def draft(self) -> GoalDraft:
        """Return what was typed, as the service takes it."""
        data = self.cleaned_data
        return GoalDraft(
            number=data["number"],
            description=data["description"],
            unit_of_measure=data["unit_of_measure"],
            annual_target=data["annual_target"],
            accumulation=data["accumulation"],
            programmed=(
                data["programmed_1"],
                data["programmed_2"],
                data["programmed_3"],
                data["programmed_4"],
            ),
            by_sex=bool(data.get("by_sex")),
        )


def _keys(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=60_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GoalLinksForm(forms.Form):
    works = _keys(
        _("Obras que cuenta la meta"), _("La clave de cada obra, una por renglón.")
    )
    committees = _keys(
        _("Comités que cuenta la meta"),
        _("La clave de la obra de cada comité, una por renglón."),
    )

    def keys(self, field: str) -> list[str]:
        """Return the keys typed in ``field``, one per line or comma."""
        text = self.cleaned_data[field].replace(",", "\n")
        return [line.strip() for line in text.splitlines() if line.strip()]
