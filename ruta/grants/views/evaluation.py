"""Actions on an application before its agreement: documents, eligibility, scores."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ruta.accounts.http import SignedInRequest
from ruta.grants import services
from ruta.grants.forms import DocumentForm
from ruta.grants.models import Application
from ruta.grants.views.posted import posted_form, posted_pk


def upload_document(request: SignedInRequest, app: Application) -> None:
    data = posted_form(DocumentForm, request)
    services.document_upload(
        application=app,
        requirement=data["requirement"],
        file=data["file"],
        actor=request.user,
    )


def review_document(request: SignedInRequest, app: Application) -> None:
    document = app.documents.get(pk=posted_pk(request))
    services.document_review(
        document=document,
        accepted=request.POST.get("accepted") == "1",
        note=request.POST.get("note", ""),
        actor=request.user,
    )


def decide(request: SignedInRequest, app: Application) -> None:
    services.application_eligibility_decide(application=app, actor=request.user)


def score(request: SignedInRequest, app: Application) -> None:
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
