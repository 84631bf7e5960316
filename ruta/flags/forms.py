"""The right of reply's form: the agency's explanation of one flag."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.flags.models import REPLY_LONGEST, ReplyVoice


class ReplyForm(forms.Form):
    voice = forms.ChoiceField(
        label=_("A nombre de"),
        choices=ReplyVoice.choices,
        initial=ReplyVoice.AGENCY,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Explicación"),
        max_length=REPLY_LONGEST,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Se publica junto a la señal, con la fecha. Explique las cifras: "
            "por qué se modificó el contrato, qué documento lo respalda."
        ),
    )
