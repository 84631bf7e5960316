"""Writes on scores: a reviewer marks an application with the call's rubric."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited, person
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.grants.models import Application, ApplicationStatus, Score
from ruta.grants.rules.scoring import mark_problem


@transaction.atomic
def application_score(
    *, application: Application, marks: Mapping[str, Decimal], actor: Actor
) -> list[Score]:
    """Record a reviewer's marks, one per rubric criterion, each within its range."""
    require(actor, Action.SCORE_GRANT, application)
    reviewer = person(actor)
    if reviewer is None:
        raise refusal(
            _("Solo una persona de la comisión dictaminadora califica."),
            "reviewer_required",
        )
    if application.organization.members.filter(pk=reviewer.pk).exists():
        raise refusal(
            _("Quien actúa por la organización no califica su solicitud."),
            "conflict_of_interest",
        )
    if application.status != ApplicationStatus.ELIGIBLE:
        raise refusal(_("Solo se califican solicitudes elegibles."), "not_eligible")
    rubric = {
        criterion.number: criterion for criterion in application.call.rubric.all()
    }
    if set(marks) != set(rubric):
        raise refusal(
            _("Califique cada criterio de la rúbrica, y solo esos."),
            "rubric_incomplete",
            "marks",
        )
    scores = []
    with audited(actor, "application_score"):
        for number, points in marks.items():
            criterion = rubric[number]
            problem = mark_problem(Decimal(points), criterion.max_points)
            if problem:
                raise refusal(
                    _("Criterio %(number)s: %(points)s está fuera de 0 a %(max)s."),
                    problem,
                    "marks",
                    number=number,
                    points=points,
                    max=criterion.max_points,
                )
            score, _created = Score.objects.update_or_create(
                application=application,
                reviewer=reviewer,
                criterion=criterion,
                defaults={"points": Decimal(points)},
            )
            scores.append(score)
    return scores
