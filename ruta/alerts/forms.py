"""The forms of the alerts' pages: sign up, correct one's contact."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 10, 15


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
    """Correct the contact a subscription sends to (ARCO: rectification)."""

    email = forms.EmailField(
        label=_("Correo electrónico"), max_length=254, required=False
    )
    phone = forms.CharField(
        label=_("Teléfono (con lada de país, sólo dígitos)"),
        max_length=20,
        required=False,
    )

    def clean_phone(self) -> str:
        """Return the phone as digits; refuse a number of the wrong length."""
        digits = "".join(ch for ch in self.cleaned_data["phone"] if ch.isdigit())
        if digits and not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
            raise forms.ValidationError(
                _("El teléfono debe tener de 10 a 15 dígitos, con la lada del país.")
            )
        return digits
