"""Forms of problem reports: filing, answering, moderating, contact, keys.

Forms parse and bound the input; the rules themselves (transitions, the
bounding box, lengths) are checked by the services, which say why.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.problems import rules
from ruta.problems.models import ReportStatus
from ruta.problems.selectors import categories_active, report_municipalities

STATUS_FILTER = [("", _("Todos")), *ReportStatus.choices]


class ReportForm(forms.Form):
    """A citizen's report on a work; ``sitio_web`` is a trap for robots."""

    category = forms.ModelChoiceField(
        label=_("¿Qué tipo de problema es?"),
        queryset=categories_active(),
        to_field_name="code",
        empty_label=_("Elija una categoría"),
    )
    description = forms.CharField(
        label=_("Describa el problema"),
        min_length=rules.DESCRIPTION_MIN,
        max_length=rules.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    photo = forms.FileField(
        label=_("Foto (opcional; se le quitan la ubicación y los datos de la cámara)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    address = forms.CharField(
        label=_("Referencia del lugar (opcional)"), max_length=250, required=False
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
    name = forms.CharField(
        label=_("Su nombre (opcional)"), max_length=120, required=False
    )
    email = forms.EmailField(
        label=_(
            "Su correo (opcional; le enviamos un enlace para ver o borrar sus datos)"
        ),
        required=False,
    )
    phone = forms.CharField(
        label=_("Su teléfono (opcional)"), max_length=30, required=False
    )
    # Hidden from people (the template hides its paragraph); robots fill it.
    sitio_web = forms.CharField(label=_("Deje este campo vacío"), required=False)

    def is_trap_filled(self) -> bool:
        """Return whether the robots' trap was filled (drop silently)."""
        return bool(self.data.get("sitio_web", "").strip())


class StatusForm(forms.Form):
    """A status change with the agency's public response."""

    status = forms.ChoiceField(label=_("Nuevo estado"), choices=ReportStatus.choices)
    response = forms.CharField(
        label=_("Respuesta pública de la dependencia"),
        min_length=rules.RESPONSE_MIN,
        max_length=rules.RESPONSE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            cast(forms.ChoiceField, self.fields["status"]).choices = [
                (value, label)
                for value, label in ReportStatus.choices
                if value in allowed
            ]


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo para ocultarlo (se publica)"), max_length=rules.REASON_MAX
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Número del reporte al que se suma"), min_value=1, max_value=2**31 - 1
    )


class PlaceForm(forms.Form):
    """The work a kept report is about, by its folio."""

    work = forms.CharField(
        label=_("Folio de la obra en que se ubica"),
        max_length=40,
        help_text=_("La obra debe estar publicada y ser de su ámbito."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo para descartarlo (lo lee la aplicación que lo envió)"),
        max_length=rules.REASON_MAX,
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=120, required=False)
    email = forms.EmailField(label=_("Correo electrónico"), required=False)
    phone = forms.CharField(label=_("Teléfono"), max_length=30, required=False)


class KeyForm(forms.Form):
    name = forms.CharField(
        label=_("Aplicación o persona que usará la clave"), max_length=120
    )


class ListFilterForm(forms.Form):
    """The public list's filters, bounded."""

    status = forms.ChoiceField(label=_("Estado"), choices=STATUS_FILTER, required=False)
    municipality = forms.ChoiceField(label=_("Municipio"), required=False)
    obra = forms.CharField(label=_("Folio de la obra"), max_length=40, required=False)
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [
            ("", _("Todos")),
            *report_municipalities(),
        ]
