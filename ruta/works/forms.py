"""The works explorer's filter form (a GET form).

A value that is not one of the choices (a year with no works, an unknown
status), an amount range upside down or out of bounds is an error shown at
its field, and the list shows no works rather than silently dropping that
filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from ruta.catalog.instance import instance
from ruta.catalog.models import MarginalizationGrade
from ruta.common.bounds import SEARCH_MAX_LENGTH
from ruta.common.web.pagination import CURSOR_MAX_LENGTH, CURSOR_PATTERN
from ruta.works.models import FundingSource
from ruta.works.selectors import FilterOptions, WorkFilters
from ruta.works.selectors.order import SORTS
from ruta.works.selectors.works import PagePlace

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The largest amount a work's investment column holds (14 digits, 2 decimals).
AMOUNT_MAX = Decimal("999999999999.99")


def _choices(
    pairs: Sequence[tuple[object, str | StrPromise]],
) -> list[tuple[str, str | StrPromise]]:
    return [("", _("Todos")), *((str(value), label) for value, label in pairs)]


def _amount_field(label: StrPromise) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=AMOUNT_MAX,
        decimal_places=2,
        max_digits=14,
        localize=False,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


class WorkFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Buscar (palabras, folio o RFC de empresa)"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
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
    agency = forms.ChoiceField(label=_("Dependencia ejecutora"), required=False)
    source = forms.ChoiceField(label=_("Fuente de financiamiento"), required=False)
    marginalization = forms.ChoiceField(
        label=_("Marginación del municipio (CONAPO 2020)"),
        required=False,
        choices=[("", _("Todos los grados")), *MarginalizationGrade.choices],
    )
    amount_min = _amount_field(_("Inversión desde ($)"))
    amount_max = _amount_field(_("Inversión hasta ($)"))
    contractor = forms.CharField(
        label=_("Contratista (nombre o RFC de empresa)"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
    )
    late = forms.BooleanField(label=_("Solo obras atrasadas"), required=False)
    unlocated = forms.BooleanField(
        label=_("Solo obras sin ubicación en el mapa"), required=False
    )
    sort = forms.ChoiceField(label=_("Ordenar por"), required=False)

    def __init__(self, *args: Any, options: FilterOptions, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields = self.fields
        cast(forms.ChoiceField, fields["year"]).choices = _choices(
            [(y, str(y)) for y in options.years]
        )
        cast(forms.ChoiceField, fields["program"]).choices = _choices(options.programs)
        cast(forms.ChoiceField, fields["subprogram"]).choices = _choices(
            options.subprograms
        )
        cast(forms.ChoiceField, fields["region"]).choices = [
            ("", _("Todas las regiones")),
            *options.regions,
        ]
        if instance().municipal:
            del fields["region"]  # a municipality's instance has no regions
        cast(forms.ChoiceField, fields["municipality"]).choices = _choices(
            options.municipalities
        )
        cast(forms.ChoiceField, fields["status"]).choices = _choices(options.statuses)
        cast(forms.ChoiceField, fields["agency"]).choices = _choices(options.agencies)
        cast(forms.ChoiceField, fields["source"]).choices = [
            ("", _("Todas las fuentes")),
            *FundingSource.choices,
        ]
        cast(forms.ChoiceField, fields["sort"]).choices = [
            (key, label) for key, (label, _order) in SORTS.items()
        ]

    def clean(self) -> dict:
        """Refuse an amount range upside down, at the upper bound's field."""
        super().clean()
        data = self.cleaned_data
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "amount_max",
                _("El monto máximo debe ser mayor o igual que el mínimo."),
            )
        return data

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
            source=data.get("source") or "",
            marginalization=data.get("marginalization") or "",
            amount_min=data.get("amount_min"),
            amount_max=data.get("amount_max"),
            contractor=data.get("contractor") or "",
            agency=data.get("agency") or "",
            late=bool(data.get("late")),
            unlocated=bool(data.get("unlocated")),
            sort=data.get("sort") or "",
        )


class PageForm(forms.Form):
    """Where a page of the explorer starts: after or before a work, or at the end.

    The cursors are the ones the list gave (signed); their form is bounded
    here, their signature checked when the page is read.
    """

    despues = forms.CharField(
        label=_("Página siguiente"),
        required=False,
        max_length=CURSOR_MAX_LENGTH,
        validators=[RegexValidator(CURSOR_PATTERN)],
    )
    antes = forms.CharField(
        label=_("Página anterior"),
        required=False,
        max_length=CURSOR_MAX_LENGTH,
        validators=[RegexValidator(CURSOR_PATTERN)],
    )
    ultima = forms.BooleanField(label=_("Última página"), required=False)

    def place(self) -> PagePlace:
        """Return where the page starts; the form must be valid."""
        data = self.cleaned_data
        return PagePlace(
            after=data.get("despues") or "",
            before=data.get("antes") or "",
            last=bool(data.get("ultima")),
        )
