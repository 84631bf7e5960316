"""What an application's file posts to the address of one of its actions: the
application, a date, a form; and the one way each action answers.

Every action of the file (a document, a score, a signing date, a report…) is
posted to its own address under the application's (``grants.urls``); the
steps that ask only for a reason are posted to the one page of steps
(``ruta.accounts.cycle_views``). Whoever may not open the application gets a
403; what the service refuses is the next page's message, and nothing
changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.grants.models import Agreement, Application
from ruta.grants.selectors.pages import may_open

# An action returns what the page says once it is done (``None``: "Hecho.").
FileAction = Callable[..., Any]


def application_at(code: str, folio: int) -> Application:
    """Return the application of a call by its folio, or a 404."""
    return get_object_or_404(
        Application.objects.select_related(
            "call__agency", "organization", "municipality"
        ),
        call__code=code,
        folio=folio,
    )


def file_action(action: FileAction) -> Callable[..., HttpResponse]:
    """Make ``action(request, application, **record)`` the view of its address.

    POST only; the application's file is where it returns, with the refusal
    or what was done.
    """

    @never_cache
    @login_required
    @require_POST
    @functools.wraps(action)
    def view(
        request: SignedInRequest, code: str, folio: int, **record: Any
    ) -> HttpResponse:
        application = application_at(code, folio)
        if not may_open(request.user, application):
            raise PermissionDenied
        try:
            done = action(request, application, **record)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except (PermissionDenied, ObjectDoesNotExist):
            messages.error(
                request, _("No puede realizar esa acción sobre este registro.")
            )
        else:
            messages.success(request, done or _("Hecho."))
        return redirect(application)

    return view


def posted_date(request: HttpRequest, name: str = "date") -> date:
    """Return the posted date (today when empty); refuse one that is not ISO."""
    text = request.POST.get(name, "")
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        raise ValidationError(
            _("«%(text)s» no es una fecha AAAA-MM-DD.") % {"text": text[:20]}
        ) from None


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


def agreement_of(application: Application) -> Agreement:
    """Return the agreement an action on the application acts on."""
    return application.agreement
