"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import Role, User, email_key
from ruta.accounts.rules import STAFF_ROLES
from ruta.catalog.models import Agency, Municipality
from ruta.common.bounds import BIGINT_MAX


class EmailAuthenticationForm(AuthenticationForm):
    """The login form, labelled for an e-mail login."""

    username = forms.EmailField(
        label=_("Correo electrónico"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class AuditFilterForm(forms.Form):
    """Filters of the audit history page."""

    model = forms.ChoiceField(label=_("Registro"), required=False)
    object_id = forms.CharField(label=_("Identificador"), required=False, max_length=64)
    # A number, not a list of people: the page names no one to non-administrators.
    user_id = forms.IntegerField(
        label=_("Usuario (número)"), required=False, min_value=1, max_value=BIGINT_MAX
    )
    date_from = forms.DateField(
        label=_("Desde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Hasta"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, models=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["model"]).choices = [
            ("", _("Todos")),
            *models,
        ]


class _EmailKeyMixin:
    """Keep the e-mail as accounts are keyed, and refuse one taken in any case."""

    # Given by the model form it is mixed into.
    cleaned_data: dict[str, Any]
    instance: User

    def clean_email(self) -> str:
        email = email_key(self.cleaned_data["email"])
        taken = User.objects.filter(email=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Ya hay una cuenta con ese correo."), code="email_taken"
            )
        return email


class UserCreationForm(_EmailKeyMixin, auth_forms.BaseUserCreationForm):
    """Create a user from the administrator (e-mail and name)."""

    class Meta:
        model = User
        fields = ("email", "full_name")


class UserChangeForm(_EmailKeyMixin, auth_forms.UserChangeForm):
    """Edit a user from the administrator."""

    class Meta:
        model = User
        fields = ("email", "full_name", "is_active", "is_staff", "is_superuser")


class StaffInviteForm(forms.Form):
    """Give a person a staff role: their e-mail, name, role and what it reaches."""

    email = forms.EmailField(label=_("Correo"), max_length=254)
    full_name = forms.CharField(label=_("Nombre"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Función"))
    agency = forms.ModelChoiceField(
        label=_("Dependencia"), queryset=Agency.objects.none(), required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipio"), queryset=Municipality.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Agency],
        municipalities: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role.value, role.label) for role in Role if role.value in STAFF_ROLES
        ]
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        cast(
            forms.ModelChoiceField, self.fields["municipality"]
        ).queryset = municipalities
