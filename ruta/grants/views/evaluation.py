"""Actions on an application before its agreement, each at its own address:
a document uploaded, the eligibility decided, the rubric's marks."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ruta.accounts.http import SignedInRequest
from ruta.grants import services
from ruta.grants.cycles import APPLICATION
from ruta.grants.forms import DocumentForm
from ruta.grants.models import Application
from ruta.grants.services.zones import priority_zone_confirm
from ruta.grants.views.posted import file_action, posted_form


@file_action
def document_upload(request: SignedInRequest, app: Application) -> None:
    """Attach a document for a requirement (the organisation)."""
    data = posted_form(DocumentForm, request)
    services.document_upload(
        application=app,
        requirement=data["requirement"],
        file=data["file"],
        actor=request.user,
    )


@file_action
def eligibility(request: SignedInRequest, app: Application) -> object:
    """Decide eligibility: the step of the application's cycle the
    requirements give (``ruta.grants.cycles``)."""
    decided = services.application_eligibility_decide(
        application=app, actor=request.user
    )
    return next(s.done for s in APPLICATION.steps if s.target == decided.status)


@file_action
def score(request: SignedInRequest, app: Application) -> None:
    """Record a reviewer's marks, one per criterion of the rubric."""
    marks = {}
    for criterion in app.call.rubric.all():
        text = request.POST.get(f"mark_{criterion.number}", "")
        try:
            marks[criterion.number] = Decimal(text)
            if not marks[criterion.number].is_finite():
                raise ArithmeticError(text)
        except ArithmeticError:
            raise ValidationError(
                _("Criterio %(n)s: «%(text)s» no es un número.")
                % {"n": criterion.number, "text": text[:20]}
            ) from None
    services.application_score(application=app, marks=marks, actor=request.user)


@file_action
def zone_confirm(request: SignedInRequest, app: Application) -> None:
    """Record the AGEB the project operates in, as staff confirm it (§3.6.2 b)."""
    priority_zone_confirm(
        application=app, ageb=request.POST.get("ageb", "")[:10], actor=request.user
    )
