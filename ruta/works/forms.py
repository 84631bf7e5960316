"""The works list filter form (a GET form).

A value that is not one of the choices (a year with no works, an unknown
status) is an error shown at its field, and the list shows no works rather
than silently dropping that filter.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.works.selectors import FilterOptions, WorkFilters


def _choices(pairs: list[tuple[object, str]]) -> list[tuple[str, str]]:
    return [("", _("Todos")), *((str(value), label) for value, label in pairs)]


class WorkFilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    year = forms.TypedChoiceField(
        label=_("Ejercicio"), required=False, coerce=int, empty_value=None
    )
    program = forms.ChoiceField(label=_("Programa"), required=False)
    subprogram = forms.ChoiceField(label=_("Subprograma"), required=False)
    region = forms.TypedChoiceField(
        label=_("Región"), required=False, coerce=int, empty_value=None
    )
    municipality = forms.ChoiceField(label=_("Municipio"), required=False)
    status = forms.ChoiceField(label=_("Estado"), required=False)

    def __init__(self, *args: object, options: FilterOptions, **kwargs: object):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["year"].choices = _choices([(y, str(y)) for y in options.years])
        fields["program"].choices = _choices(
            [(p.code, p.name) for p in options.programs]
        )
        fields["subprogram"].choices = _choices(
            [(s.code, s.name) for s in options.subprograms]
        )
        fields["region"].choices = _choices([(r.pk, r.name) for r in options.regions])
        fields["municipality"].choices = _choices(
            [(m.code, m.name) for m in options.municipalities]
        )
        fields["status"].choices = _choices(options.statuses)

    def filters(self) -> WorkFilters | None:
        """Return the filters given; None when one of them is not valid."""
        if self.is_bound and not self.is_valid():
            return None
        data = getattr(self, "cleaned_data", {})
        return WorkFilters(
            year=data.get("year"),
            program=data.get("program") or "",
            subprogram=data.get("subprogram") or "",
            municipality=data.get("municipality") or "",
            region=data.get("region"),
            status=data.get("status") or "",
            text=data.get("q") or "",
        )
