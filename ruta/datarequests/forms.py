"""The forms of the data requests: file one (public), answer one (staff)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.catalog.models import Agency
from ruta.datarequests import rules
from ruta.datarequests.models import RequestStatus


class RequestForm(forms.Form):
    """What is missing, whom it is for and, optionally, where to tell the answer."""

    what = forms.CharField(
        label=_("¿Qué datos faltan?"),
        min_length=rules.WHAT_MIN,
        max_length=rules.WHAT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Por ejemplo: las fechas de pago de cada obra de 2024."),
    )
    agency = forms.ModelChoiceField(
        label=_("Dependencia que los tendría (si la conoce)"),
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label=_("No sé"),
    )
    email = forms.EmailField(
        label=_("Correo para avisarle cuando se responda (opcional)"),
        required=False,
        max_length=254,
        help_text=_("No se publica. Se borra en cuanto se le envía la respuesta."),
    )
    # A field people do not see: robots that fill every field are ignored.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    """Staff's answer: the outcome, the text and where the data now are."""

    outcome = forms.ChoiceField(
        label=_("Resultado"),
        choices=[
            (
                RequestStatus.ANSWERED.value,
                _("Respondida: los datos están o se explica dónde"),
            ),
            (
                RequestStatus.DECLINED.value,
                _("Declinada: no se pueden publicar, con el motivo"),
            ),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Respuesta pública"),
        min_length=rules.ANSWER_MIN,
        max_length=rules.ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    answer_url = forms.URLField(
        label=_("Dirección de los datos (opcional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
