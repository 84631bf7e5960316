"""Reading what an application page's action posted: a date, a record, a form."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.grants.models import Application


def posted_date(request: HttpRequest, name: str = "date") -> date:
    """Return the posted date (today when empty); refuse one that is not ISO."""
    text = request.POST.get(name, "")
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        raise ValidationError(
            _("«%(text)s» no es una fecha AAAA-MM-DD.") % {"text": text[:20]}
        ) from None


def posted_pk(request: HttpRequest) -> int:
    """Return the record the action names; refuse a missing one."""
    try:
        return int(request.POST.get("pk", ""))
    except ValueError:
        raise ValidationError(_("Falta el registro de la acción.")) from None


def posted_form(form_class, request: HttpRequest):
    """Return the posted form's data; refuse it with every field's errors, labelled."""
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            ]
        )
    return form.cleaned_data


def agreement_of(application: Application):
    """Return the agreement an action on the application acts on."""
    return application.agreement
