"""The grants tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask
from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.grants.models import Agreement, AgreementStatus, Call, Organization
from ruta.grants.selectors.organizations import may_review
from ruta.grants.selectors.pages import may_manage, may_score


def _runs_or_scores(user: Any) -> bool:
    return can_anywhere(user, Action.VALIDATE) or can_anywhere(user, Action.SCORE_GRANT)


def _calls(user: Any) -> Iterable[DeskLink]:
    for call in Call.objects.select_related("agency").order_by("-opens_on", "code"):
        if may_manage(user, call):
            note = _("la administra su dependencia")
        elif may_score(user, call):
            note = _("usted evalúa")
        else:
            continue
        yield DeskLink(
            label=call.title,
            url=reverse("grants:manage", kwargs={"code": call.code}),
            note=str(note),
        )


def _projects(user: Any) -> Iterable[DeskLink]:
    """Yield the signed projects of the calls ``user`` runs: their technical file."""
    agreements = Agreement.objects.filter(
        status__in=(AgreementStatus.SIGNED, AgreementStatus.CONCLUDED)
    ).select_related("application__call", "application__organization")
    for agreement in agreements.order_by("-signed_on", "pk"):
        application = agreement.application
        if not may_manage(user, application.call):
            continue
        yield DeskLink(
            label=f"{application.reference} · {application.organization.name}",
            url=reverse(
                "grants:technical_file",
                kwargs={"code": application.call.code, "folio": application.folio},
            ),
            note=str(_("%(visits)s visitas") % {"visits": agreement.visits.count()}),
        )


DESK_TASKS = (
    DeskTask(
        key="grants-organisation",
        area=DeskArea.GRANTS,
        order=10,
        title=gettext_lazy("Mis organizaciones, solicitudes y plazos"),
        summary=gettext_lazy(
            "Registre su organización, solicite apoyos y vea lo que vence, sus "
            "avisos y sus documentos."
        ),
        url_name="grants:dashboard",
        may=lambda user: can(user, Action.APPLY_GRANT),
    ),
    DeskTask(
        key="grants-calls",
        area=DeskArea.GRANTS,
        order=20,
        title=gettext_lazy("Gestionar y evaluar convocatorias"),
        summary=gettext_lazy(
            "Solicitudes recibidas, evaluación del comité, asignación, convenios, "
            "ministraciones e informes de cada convocatoria."
        ),
        url_name="grants:calls",
        may=_runs_or_scores,
        records=_calls,
    ),
    DeskTask(
        key="grants-organisations-review",
        area=DeskArea.GRANTS,
        order=15,
        title=gettext_lazy("Aprobar organizaciones registradas"),
        summary=gettext_lazy(
            "Organizaciones que se registraron solas y verificaron su correo: "
            "revise su RFC y su CLUNI y apruebe o rechace su registro."
        ),
        url_name="grants:review",
        may=may_review,
        waiting=lambda user: Organization.objects.awaiting_review().count(),
        waiting_label=gettext_lazy("Organizaciones por aprobar"),
    ),
    DeskTask(
        key="grants-supervision",
        area=DeskArea.GRANTS,
        order=25,
        title=gettext_lazy("Supervisar proyectos: visitas y expediente técnico"),
        summary=gettext_lazy(
            "Registre las visitas de supervisión y seguimiento (§3.7.2-4, -6) con "
            "sus fotos y abra o descargue el expediente técnico de cada proyecto."
        ),
        url_name="grants:calls",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
        records=_projects,
    ),
    DeskTask(
        key="grants-new-call",
        area=DeskArea.GRANTS,
        order=30,
        title=gettext_lazy("Publicar una convocatoria"),
        summary=gettext_lazy(
            "Bases, montos, fechas y criterios de una nueva convocatoria de su "
            "dependencia."
        ),
        url_name="grants:call_new",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
    ),
)
