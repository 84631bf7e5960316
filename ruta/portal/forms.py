"""The public pages' small GET forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.portal.questions.parse import MAX_QUESTION_LENGTH


class YearForm(forms.Form):
    """The fiscal year a page shows: one of the years with published works."""

    year = forms.TypedChoiceField(
        label=_("Ejercicio fiscal"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (str(year), str(year)) for year in years
        ]

    def chosen_year(self) -> int | None:
        """Return the year asked for, or the latest with data; None if invalid."""
        if self.is_bound and not self.is_valid():
            return None
        year = getattr(self, "cleaned_data", {}).get("year")
        return year or (self.years[0] if self.years else None)


class MunicipalityPickerForm(forms.Form):
    """The home page's municipality picker (a GET form to the municipality page)."""

    municipio = forms.ChoiceField(label=_("Ir a un municipio"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["municipio"]).choices = choices


class QuestionForm(forms.Form):
    """The question box: a question in words, bounded (a GET form)."""

    q = forms.CharField(
        label=_("Pregunta"),
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
