"""Forms for validators (review decisions) and capture staff (a quarter)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.programs.models import AccumulationChoice
from ruta.programs.selectors import CaptureRow, ReviewItem
from ruta.programs.services import QuarterEntry

OTHER = "other"
LINE_CODE = re.compile(r"\d+(?:\.\d+)*")
PERCENT = re.compile(r"\d+(?:\.\d+)?")
WHOLE_NUMBERS = {
    "annual_target": _("La meta anual es un número entero."),
    "absolute": _("El avance absoluto es un número entero."),
    "number": _("El número de meta es un número entero."),
}


class ValueDecisionForm(forms.Form):
    """Pick one of the candidates, or enter another value, and say why."""

    choice = forms.ChoiceField(label=_("Valor"), widget=forms.RadioSelect)
    other = forms.CharField(label=_("Otro valor"), required=False, max_length=2000)
    reason = forms.CharField(
        label=_("Motivo de la decisión"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, item: ReviewItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        choices = [(str(i), text) for i, text in enumerate(item.candidate_texts)]
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            *choices,
            (OTHER, _("Otro valor")),
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("choice") == OTHER:
            data["value"] = self._typed(data.get("other", "").strip())
        elif data.get("choice") is not None:
            data["value"] = self.item.candidates[int(data["choice"])]
        return data

    def _typed(self, text: str) -> Any:
        field = self.item.field
        if field in WHOLE_NUMBERS:
            if not text.isdigit():
                raise forms.ValidationError(WHOLE_NUMBERS[field])
            return int(text)
        if field == "relative_pct":
            if not PERCENT.fullmatch(text):
                raise forms.ValidationError(
                    _("El acumulado relativo es un porcentaje, como 100 o 87.5.")
                )
            return text
        if field == "lines_of_action":
            return LINE_CODE.findall(text)
        return text or None


class QuartersDecisionForm(forms.Form):
    """Pick a whole reading of a goal's quarters, or enter P and A, and say why."""

    choice = forms.ChoiceField(label=_("Lectura"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Motivo de la decisión"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, item: ReviewItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            *((str(i), label) for i, label in enumerate(item.option_texts)),
            (OTHER, _("Otros valores")),
        ]
        for row in item.quarters:
            for side, label in (("p", _("P")), ("a", _("A"))):
                self.fields[f"{side}{row.quarter}"] = forms.IntegerField(
                    label=f"T{row.quarter} {label}", required=False, min_value=0
                )

    def values(self) -> list[tuple[int | None, int | None]]:
        """Return P and A for the four quarters (None where not reviewed)."""
        chosen = self.cleaned_data["choice"]
        pairs: list[tuple[int | None, int | None]] = [(None, None)] * 4
        for index, row in enumerate(self.item.quarters):
            if chosen == OTHER:
                pair = (
                    self.cleaned_data.get(f"p{row.quarter}"),
                    self.cleaned_data.get(f"a{row.quarter}"),
                )
            else:
                pair = self.item.options[int(chosen)][index]
            pairs[row.quarter - 1] = pair
        return pairs


class QuarterCaptureForm(forms.Form):
    """Programmed, achieved and observation of every goal for the open quarter."""

    def __init__(self, *args: Any, rows: Sequence[CaptureRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            number, current = row.goal.number, row.current
            self.fields[f"p_{row.goal.pk}"] = forms.IntegerField(
                label=_("Meta %(number)s: programado") % {"number": number},
                required=False,
                min_value=0,
                initial=current.programmed if current else None,
            )
            self.fields[f"a_{row.goal.pk}"] = forms.IntegerField(
                label=_("Meta %(number)s: alcanzado") % {"number": number},
                required=False,
                min_value=0,
                initial=current.achieved if current else None,
            )
            self.fields[f"k_{row.goal.pk}"] = forms.ChoiceField(
                label=_("Meta %(number)s: acumulación") % {"number": number},
                choices=AccumulationChoice.choices,
                initial=row.goal.accumulation,
                required=False,  # left out: the goal keeps its kind
                help_text=_(
                    "Cómo se acumula el avance: la suma de los trimestres, el "
                    "último reportado o el mayor."
                ),
            )
            if row.goal.by_sex:
                self.fields[f"w_{row.goal.pk}"] = forms.IntegerField(
                    label=_("Meta %(number)s: mujeres atendidas") % {"number": number},
                    required=False,
                    min_value=0,
                    initial=current.women if current else None,
                )
                self.fields[f"m_{row.goal.pk}"] = forms.IntegerField(
                    label=_("Meta %(number)s: hombres atendidos") % {"number": number},
                    required=False,
                    min_value=0,
                    initial=current.men if current else None,
                )
            self.fields[f"o_{row.goal.pk}"] = forms.CharField(
                label=_("Meta %(number)s: observaciones") % {"number": number},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=current.observation if current else "",
            )

    def goal_fields(self) -> list[tuple[CaptureRow, Any, Any, Any, Any, list[Any]]]:
        """Return each goal's row with its four bound fields, for the template,
        and the women and men served of a goal that registers them (else none)."""
        return [
            (
                row,
                self[f"p_{row.goal.pk}"],
                self[f"a_{row.goal.pk}"],
                self[f"k_{row.goal.pk}"],
                self[f"o_{row.goal.pk}"],
                self._by_sex(row),
            )
            for row in self.rows
        ]

    def _by_sex(self, row: CaptureRow) -> list[Any]:
        if not row.goal.by_sex:
            return []
        return [self[f"w_{row.goal.pk}"], self[f"m_{row.goal.pk}"]]

    def entries(self) -> list[QuarterEntry]:
        """Return what was typed, one entry per goal."""
        data = self.cleaned_data
        return [
            QuarterEntry(
                goal_id=row.goal.pk,
                programmed=data.get(f"p_{row.goal.pk}"),
                achieved=data.get(f"a_{row.goal.pk}"),
                observation=data.get(f"o_{row.goal.pk}", ""),
                accumulation=data.get(f"k_{row.goal.pk}") or None,
                women=data.get(f"w_{row.goal.pk}"),
                men=data.get(f"m_{row.goal.pk}"),
            )
            for row in self.rows
        ]
