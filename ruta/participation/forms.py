"""Forms of committees: a member's on a phone (a visit, the handover act), and
staff's (forming a committee, its members, a roster).

The forms check types; the services check the rules (dates, files, the
work's status, who may record) and their refusals are shown at the field
they concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ruta.participation.models import Conformity, MemberRole
from ruta.participation.rules import (
    MAX_ATTENDANCE,
    MAX_MINUTES_PAGES,
    MAX_TEXT,
    MINUTES_MAX_BYTES,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: StrPromise, help_text: StrPromise | str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


PHOTO_TYPES = "image/jpeg,image/png,image/webp"


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service."""

    def __init__(self, *, accept: str = PHOTO_TYPES, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        chosen = [item for item in files if item]
        if self.required and not chosen:
            raise forms.ValidationError(
                self.error_messages["required"], code="required"
            )
        return [super(MultipleFileField, self).clean(item, initial) for item in chosen]


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Fecha de la visita"), widget=DATE_INPUT)
    checked = _text(
        _("Qué se revisó"),
        _("Por ejemplo: avance de la barda, calidad del concreto, señalamientos."),
    )
    findings = _text(_("Hallazgos"), _("Lo que el comité encontró, bien o mal."))
    minutes = MultipleFileField(
        label=_("Minuta firmada (PDF o fotos de sus páginas)"),
        accept=f"application/pdf,{PHOTO_TYPES}",
    )
    photos = MultipleFileField(
        label=_("Fotos (opcional)"),
        required=False,
        help_text=_(
            "Hasta 5 fotos; se les quita la ubicación y los datos de la cámara."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].help_text = gettext(
            "Un PDF de hasta %(mb)s MB, o hasta %(pages)s fotos de sus páginas, en "
            "orden (se guardan juntas como un PDF, sin los datos de la cámara). Es "
            "dato personal: solo la ven el comité y el personal autorizado."
        ) % {"mb": MINUTES_MAX_BYTES // 2**20, "pages": MAX_MINUTES_PAGES}


class HandoverActForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("Fecha de la entrega-recepción"), widget=DATE_INPUT
    )
    received_by = forms.CharField(
        label=_("Recibió (dependencia u oficina)"),
        max_length=250,
        help_text=_("La oficina que opera la obra, no el nombre de una persona."),
    )
    conformity = forms.ChoiceField(
        label=_("Conformidad del comité"),
        choices=Conformity.choices,
        widget=forms.RadioSelect,
    )
    objections = forms.CharField(
        label=_("Observaciones del comité"),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Obligatorias si el comité tiene observaciones; son públicas."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WorkshopForm(forms.Form):
    held_on = forms.DateField(label=_("Fecha del taller"), widget=DATE_INPUT)
    attendance = forms.IntegerField(
        label=_("Asistentes"),
        min_value=1,
        max_value=MAX_ATTENDANCE,
        help_text=_("Cuántas personas asistieron; sin nombres."),
    )
    topics = forms.CharField(label=_("Temas"), max_length=500, required=False)


class CommitteeCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Nombre del comité"),
        max_length=250,
        required=False,
        help_text=_("Si lo deja vacío: «Comité ciudadano de la obra» y su clave."),
    )
    formed_on = forms.DateField(
        label=_("Fecha de conformación"),
        widget=DATE_INPUT,
        help_text=_("La de la asamblea que lo eligió; no posterior a hoy."),
    )


def _member_fields() -> dict[str, forms.Field]:
    return {
        "full_name": forms.CharField(
            label=_("Nombre completo"), max_length=200, strip=True
        ),
        "phone": forms.CharField(
            label=_("Teléfono (opcional)"), max_length=30, required=False
        ),
        "email": forms.EmailField(
            label=_("Correo electrónico (opcional)"),
            max_length=254,
            required=False,
            help_text=_("A este correo le llega la invitación para registrar visitas."),
        ),
    }


class MemberForm(forms.Form):
    """A new member: who, which office, how to reach them (personal data)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = _member_fields()
        self.fields["full_name"] = fields["full_name"]
        self.fields["role"] = forms.ChoiceField(
            label=_("Cargo"), choices=MemberRole.choices
        )
        self.fields["phone"] = fields["phone"]
        self.fields["email"] = fields["email"]


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Motivo"),
        max_length=500,
        help_text=_("Por qué deja el cargo; queda en la bitácora de auditoría."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MemberReplaceForm(forms.Form):
    """Who takes the office, and why the member before leaves it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_member_fields())
        self.fields["reason"] = _reason_field()


class MemberRemoveForm(forms.Form):
    reason = _reason_field()


class RosterForm(forms.Form):
    roster = forms.FileField(
        label=_("Plantilla de comités (CSV)"),
        help_text=_(
            "Un renglón por integrante: OBRA, COMITE, FECHA_CONFORMACION, NOMBRE, "
            "CARGO, TELEFONO, CORREO. Hasta 5,000 renglones."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
