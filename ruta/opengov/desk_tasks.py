"""The open government tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.opengov.consultations import agencies_for_drafts, drafts_to_moderate
from ruta.opengov.reporting_selectors import (
    agencies_for_plans,
    may_coordinate,
    plans_reported,
    report_tasks,
    reports_to_publish,
)


def _moderated(user: Any) -> list:
    return desk_memo(user, "opengov-drafts", drafts_to_moderate)


def _drafts(user: Any) -> Iterable[DeskLink]:
    for draft in _moderated(user):
        note = ngettext(
            "%(count)d comentario por moderar",
            "%(count)d comentarios por moderar",
            draft.pending,
        ) % {"count": draft.pending}
        yield DeskLink(
            label=draft.title,
            url=reverse("opengov:draft_desk", args=[draft.slug]),
            note=note,
        )


def _pending_comments(user: Any) -> int:
    return sum(draft.pending for draft in _moderated(user))


CONSULTATION_TASKS = (
    DeskTask(
        key="opengov-consultations",
        area=DeskArea.OPEN_GOVERNMENT,
        order=10,
        title=_("Moderar y responder consultas públicas"),
        summary=_(
            "Publique o no los comentarios recibidos y responda cada uno; el "
            "informe de la consulta se arma con sus respuestas."
        ),
        url_name="opengov:drafts",
        may=lambda user: bool(_moderated(user)),
        waiting=_pending_comments,
        waiting_label=_("Comentarios por moderar"),
        records=_drafts,
    ),
    DeskTask(
        key="opengov-new-draft",
        area=DeskArea.OPEN_GOVERNMENT,
        order=20,
        title=_("Poner a consulta un proyecto de norma"),
        summary=_(
            "Publique el texto por artículos, con sus fechas, para que la gente lo "
            "comente."
        ),
        url_name="opengov:draft_new",
        # The page's own condition: an agency the person captures for.
        may=lambda user: agencies_for_drafts(user).exists(),
    ),
)


# ---------------------------------------------------------------- commitments


def _report_tasks(user: Any) -> list:
    return desk_memo(user, "opengov-report-tasks", report_tasks)


def _to_publish(user: Any) -> list:
    return desk_memo(user, "opengov-to-publish", reports_to_publish)


def _pending_reports(user: Any) -> list:
    return [
        task
        for task in _report_tasks(user)
        if task.report is None or task.report.status == "draft"
    ]


def _tasks_links(user: Any) -> Iterable[DeskLink]:
    for task in _pending_reports(user):
        yield DeskLink(
            label=f"{task.commitment.number}. {task.commitment.name}",
            url=reverse(
                "opengov:report-write",
                args=[task.period.plan.key, task.commitment.number, task.period.pk],
            ),
            note=f"{task.period.as_of:%d/%m/%Y} · {task.status_label}",
        )


def _publish_links(user: Any) -> Iterable[DeskLink]:
    for report in _to_publish(user):
        yield DeskLink(
            label=f"{report.commitment.number}. {report.commitment.name}",
            url=reverse("opengov:report-review", args=[report.pk]),
            note=f"{report.period.as_of:%d/%m/%Y}",
        )


def _coordinated(user: Any) -> list:
    return desk_memo(
        user,
        "opengov-coordinated",
        lambda person: [p for p in plans_reported(person) if may_coordinate(person, p)],
    )


def _plan_links(user: Any) -> Iterable[DeskLink]:
    for plan in _coordinated(user):
        yield DeskLink(
            label=plan.title, url=reverse("opengov:reporting", args=[plan.key])
        )


COMMITMENT_TASKS = (
    DeskTask(
        key="opengov-report",
        area=DeskArea.OPEN_GOVERNMENT,
        order=30,
        title=_("Informar el avance de los compromisos"),
        summary=_(
            "El avance de cada compromiso de su dependencia en el periodo abierto: "
            "actividades, próximo avance, evidencias y el cuestionario."
        ),
        url_name="opengov:plans",
        may=lambda user: bool(_report_tasks(user)),
        waiting=lambda user: len(_pending_reports(user)),
        waiting_label=_("Informes por enviar"),
        records=_tasks_links,
    ),
    DeskTask(
        key="opengov-publish",
        area=DeskArea.OPEN_GOVERNMENT,
        order=40,
        title=_("Revisar y publicar informes de compromisos"),
        summary=_(
            "Abra los periodos de informe de su plan y publique o devuelva con "
            "observaciones lo que envían las dependencias; quien escribió un "
            "informe no lo publica."
        ),
        url_name="opengov:plans",
        may=lambda user: bool(_coordinated(user)),
        waiting=lambda user: len(_to_publish(user)),
        waiting_label=_("Informes por revisar"),
        records=lambda user: [*_publish_links(user), *_plan_links(user)],
    ),
    DeskTask(
        key="opengov-new-plan",
        area=DeskArea.OPEN_GOVERNMENT,
        order=50,
        title=_("Registrar un plan de acción y sus compromisos"),
        summary=_(
            "Un plan nuevo con sus años y su unidad coordinadora; en su página de "
            "informes, cada compromiso con su objetivo, su dependencia responsable "
            "y sus años."
        ),
        url_name="opengov:plan_new",
        # The page's own condition: a unit of the site the person validates for.
        may=lambda user: agencies_for_plans(user).exists(),
    ),
)
DESK_TASKS = (*CONSULTATION_TASKS, *COMMITMENT_TASKS)
