"""The public comment form of a consultation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.opengov.services import COMMENT_MAX_CHARS, NAME_MAX_CHARS


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
        self.fields["anchor"].choices = [("", _("Todo el anteproyecto"))] + [
            (unit.anchor, _unit_label(unit)) for unit in units
        ]


def _unit_label(unit) -> str:
    if unit.paragraph is None:
        return _("Artículo %(article)s") % {"article": unit.article}
    return _("Artículo %(article)s, párrafo %(paragraph)s") % {
        "article": unit.article,
        "paragraph": unit.paragraph,
    }
