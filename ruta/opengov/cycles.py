"""The cycle of a commitment's report written on the site (``ruta.accounts.cycles``).

The commitment's agency writes the period's report and sends it; the plan's
coordinating unit publishes it, never whoever wrote or sent it, or sends it
back with observations the agency reads on its report. A report read from a
published document stays as imported and takes no step.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.cycles import Cycle, Step
from ruta.accounts.permissions import Action
from ruta.opengov.models import ActionPlan, CommitmentReport, ReportStatus
from ruta.opengov.rules import REPORT_TEXT_MAX
from ruta.opengov.services.reporting import report_complete, report_records


def _back(report: CommitmentReport) -> str:
    """Published, a report is read on its commitment; sent, it waits for review;
    returned, the coordinating unit goes back to the plan's reports."""
    if report.status == ReportStatus.PUBLISHED:
        return report.commitment.get_absolute_url()
    if report.status == ReportStatus.SUBMITTED:
        return reverse("opengov:report-review", args=[report.pk])
    return reverse("opengov:reporting", args=[report.commitment.plan.key])


def _coordinating_unit(report: CommitmentReport) -> ActionPlan:
    return report.commitment.plan


REPORT = Cycle(
    key="commitment_report",
    slug="informes-de-compromisos",
    model=CommitmentReport,
    what=_("este informe"),
    written=report_records,
    writer_fields=("submitted_by",),
    back=_back,
    steps=(
        Step(
            key="submit",
            slug="enviar",
            label=_("Enviar a revisión"),
            sources=frozenset({ReportStatus.DRAFT}),
            target=ReportStatus.SUBMITTED,
            action=Action.CAPTURE,
            done=_("Informe enviado: lo revisa y publica la unidad coordinadora."),
            stamps="submitted",
            checks=(report_complete,),
            clears=("review_note",),
        ),
        Step(
            key="publish",
            slug="publicar",
            label=_("Publicar el informe"),
            sources=frozenset({ReportStatus.SUBMITTED}),
            target=ReportStatus.PUBLISHED,
            action=Action.VALIDATE,
            done=_("Informe publicado."),
            separate=True,
            stamps="published",
            publishes="opengov",
            scope=_coordinating_unit,
        ),
        Step(
            key="return",
            slug="devolver",
            label=_("Devolver a la dependencia"),
            sources=frozenset({ReportStatus.SUBMITTED}),
            target=ReportStatus.DRAFT,
            action=Action.VALIDATE,
            done=_("Informe devuelto a la dependencia."),
            reason="required",
            reason_label=_("Observaciones para la dependencia"),
            reason_field="review_note",
            reason_max=REPORT_TEXT_MAX,
            scope=_coordinating_unit,
        ),
    ),
)
