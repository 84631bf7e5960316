"""The forms of consultations: the public's comment, the staff's draft and version."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.common.bounds import YEAR_MAX, YEAR_MIN
from ruta.opengov.services import COMMENT_MAX_CHARS, NAME_MAX_CHARS

if TYPE_CHECKING:
    from ruta.catalog.models import Agency


class CommentForm(forms.Form):
    anchor = forms.ChoiceField(label=_("Sobre"), required=False)
    body = forms.CharField(
        label=_("Comentario"),
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    author_name = forms.CharField(
        label=_("Nombre"),
        max_length=NAME_MAX_CHARS,
        help_text=_("No se publica."),
    )
    author_email = forms.EmailField(
        label=_("Correo electrónico (opcional)"),
        required=False,
        help_text=_("No se publica; sirve para avisarle de la respuesta."),
    )

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["anchor"]).choices = [
            ("", _("Todo el anteproyecto"))
        ] + [(unit.anchor, _unit_label(unit)) for unit in units]


def _unit_label(unit) -> str:
    if unit.paragraph is None:
        return _("Artículo %(article)s") % {"article": unit.article}
    return _("Artículo %(article)s, párrafo %(paragraph)s") % {
        "article": unit.article,
        "paragraph": unit.paragraph,
    }


# Addresses under /consultas/ that are pages, not drafts.
RESERVED_SLUGS = frozenset({"nueva"})


class DraftForm(forms.Form):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label=_("Dependencia"), queryset=None
    )
    title = forms.CharField(label=_("Título"), max_length=300)
    slug = forms.SlugField(
        label=_("Clave para la dirección"),
        max_length=120,
        help_text=_("Letras minúsculas, números y guiones."),
    )
    summary = forms.CharField(
        label=_("Resumen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(
        label=_("Texto (un artículo por renglón «Artículo N.»)"),
        max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    opens_on = forms.DateField(
        label=_("Inicio de la consulta"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=_("Fin de la consulta"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Esa clave está reservada."))
        return slug

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        for name in ("opens_on", "closes_on"):
            day = data.get(name)
            if day is not None and not YEAR_MIN <= day.year <= YEAR_MAX:
                self.add_error(name, _("Fecha fuera de rango."))
        return data


class VersionForm(forms.Form):
    text = forms.CharField(
        label=_("Texto de la nueva versión"),
        max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
