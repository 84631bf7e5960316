"""The cycles of the POA, declared once (``ruta.accounts.cycles``).

``PLAN``: capture staff of an executing unit write the year's goals and send
it; a validator approves it, which publishes it and opens its first quarter,
or sends it back to preparation saying why. Whoever wrote or sent the year
never approves it.

``SIGNATURES``: a quarter approved on the site is signed by the three
responsibles its form prints, each as their own step in the form's order
(the program's, the executing unit's, the ramo's). Whoever captured the
quarter signs none of them, and one person signs one step only.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ruta.accounts.actors import Actor, person
from ruta.accounts.cycles import Cycle, Step
from ruta.accounts.duties import Written
from ruta.accounts.permissions import Action
from ruta.common.refusals import refusal
from ruta.programs.models import (
    PlanStatus,
    QuarterProgress,
    QuarterSignatures,
    SignatureStatus,
    UnitProgram,
)
from ruta.programs.services.capture import APPROVALS
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


# The form's three responsibles, in the order it prints them: the step key,
# the status it reaches, the prefix of its signer's fields, its words.
SIGNERS = (
    ("sign_program", SignatureStatus.PROGRAM, "program_signed"),
    ("sign_unit", SignatureStatus.UNIT, "unit_signed"),
    ("sign_ramo", SignatureStatus.SIGNED, "ramo_signed"),
)


def _quarter_rows(signatures: QuarterSignatures) -> list[Written]:
    """The quarter's values: whoever wrote one (captured it) signs nothing."""
    rows = QuarterProgress.objects.filter(
        goal__unit_program_id=signatures.unit_program_id, quarter=signatures.quarter
    ).values_list("pk", flat=True)
    return [Written(QuarterProgress, list(rows))]


def signed_by(signatures: QuarterSignatures, user: Any) -> bool:
    """Return whether ``user`` already signed one of the quarter's steps."""
    signed = {
        getattr(signatures, f"{prefix}_by_id") for _key, _status, prefix in SIGNERS
    }
    return getattr(user, "pk", None) in signed - {None}


def _signs_once(signatures: QuarterSignatures, actor: Actor) -> None:
    """Refuse a second signature of one person on the same quarter."""
    who = person(actor)
    if who is not None and signed_by(signatures, who):
        raise refusal(
            gettext(
                "Usted ya firmó este trimestre como otro responsable: cada uno de "
                "los tres responsables firma con su propia cuenta."
            ),
            "signed_twice",
        )


def _quarter_form(signatures: Any) -> str:
    return reverse(
        "programs:form", args=[signatures.unit_program_id, signatures.quarter]
    )


SIGNATURES = Cycle(
    key="quarter_signatures",
    slug="firmas-trimestrales",
    model=QuarterSignatures,
    what=_("este trimestre"),
    written=_quarter_rows,
    # The approval and the year's own cycle decide the rows; capture writes them.
    former_services=APPROVALS | PLAN.decisions(),
    back=_quarter_form,
    steps=(
        Step(
            key="sign_program",
            slug="firmar-programa",
            label=_("Firmar como responsable del programa"),
            sources=frozenset({SignatureStatus.PENDING}),
            target=SignatureStatus.PROGRAM,
            action=Action.VALIDATE,
            done=_(
                "Firmado como responsable del programa; firma después el de la "
                "unidad ejecutora."
            ),
            separate=True,
            stamps="program_signed",
            person_checks=(_signs_once,),
        ),
        Step(
            key="sign_unit",
            slug="firmar-unidad",
            label=_("Firmar como responsable de la unidad ejecutora"),
            sources=frozenset({SignatureStatus.PROGRAM}),
            target=SignatureStatus.UNIT,
            action=Action.VALIDATE,
            done=_(
                "Firmado como responsable de la unidad ejecutora; firma después "
                "el del ramo."
            ),
            separate=True,
            stamps="unit_signed",
            person_checks=(_signs_once,),
        ),
        Step(
            key="sign_ramo",
            slug="firmar-ramo",
            label=_("Firmar como responsable del ramo"),
            sources=frozenset({SignatureStatus.UNIT}),
            target=SignatureStatus.SIGNED,
            action=Action.VALIDATE,
            done=_(
                "Firmado como responsable del ramo: el trimestre tiene sus tres firmas."
            ),
            separate=True,
            stamps="ramo_signed",
            person_checks=(_signs_once,),
            publishes="programs",
        ),
    ),
)
