"""The forms of the alerts' pages: sign up, correct one's contact."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FollowForm(forms.Form):
    """Follow by e-mail: the address and whether to receive a weekly digest."""

    email = forms.EmailField(label=_("Correo electrónico"), max_length=254)
    digest = forms.BooleanField(
        label=_("Prefiero un resumen semanal en lugar de un aviso por cada cambio"),
        required=False,
    )
    # A field people do not see: robots that fill every field are ignored.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class CorrectForm(forms.Form):
    """Correct the address a subscription sends to (ARCO: rectification)."""

    email = forms.EmailField(label=_("Correo electrónico nuevo"), max_length=254)
