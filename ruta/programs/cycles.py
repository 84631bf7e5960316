"""The cycle of a POA year opened on the site, declared once (``ruta.accounts.cycles``).

Capture staff of an executing unit write the year's goals and send it; a
validator approves it, which publishes it and opens its first quarter, or
sends it back to preparation saying why. Whoever wrote or sent the year
never approves it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.cycles import Cycle, Step
from ruta.accounts.permissions import Action
from ruta.programs.models import PlanStatus, UnitProgram
from ruta.programs.services.plans import plan_has_goals, plan_records


def _back(unit_program: UnitProgram) -> str:
    """An approved year is followed on its own page; one in preparation on its plan."""
    if unit_program.plan_status == PlanStatus.APPROVED:
        return unit_program.get_absolute_url()
    return reverse("programs:plan", args=[unit_program.pk])


PLAN = Cycle(
    key="plan",
    slug="programas-anuales",
    model=UnitProgram,
    status_field="plan_status",
    what=_("este programa anual"),
    written=plan_records,
    writer_fields=("plan_submitted_by",),
    back=_back,
    steps=(
        Step(
            key="submit",
            slug="enviar",
            label=_("Enviar a aprobación"),
            sources=frozenset({PlanStatus.DRAFT}),
            target=PlanStatus.SUBMITTED,
            action=Action.CAPTURE,
            done=_("Programa enviado a aprobación; lo aprueba otra persona."),
            stamps="plan_submitted",
            checks=(plan_has_goals,),
        ),
        Step(
            key="approve",
            slug="aprobar",
            label=_("Aprobar el programa anual"),
            sources=frozenset({PlanStatus.SUBMITTED}),
            target=PlanStatus.APPROVED,
            action=Action.VALIDATE,
            done=_("Programa anual aprobado y publicado; el primer trimestre se abre."),
            separate=True,
            stamps="plan_approved",
            publishes="programs",
        ),
        Step(
            key="return",
            slug="devolver",
            label=_("Devolver a preparación"),
            sources=frozenset({PlanStatus.SUBMITTED}),
            target=PlanStatus.DRAFT,
            action=Action.VALIDATE,
            done=_("Programa devuelto a preparación."),
            reason="required",
            reason_label=_("Motivo de la devolución"),
        ),
    ),
)
