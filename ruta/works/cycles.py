"""The cycle of a work, declared once (``ruta.accounts.cycles``).

Capture staff record what happens on the ground (contract signed, execution
started, work finished); validators take the decisions (approve, release
funds, accept the handover, cancel), and whoever captured, changed or
imported a work or its money never approves it. Validators also hold the
capture action, so they may take every step over the works of their scope.
Apps that read works add what a step requires with ``check_register``: the
participation app makes the handover of a work with a citizens' committee
wait for the committee's handover act.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.cycles import Cycle, Step
from ruta.accounts.duties import Written
from ruta.accounts.permissions import Action
from ruta.works.models import (
    FINAL_STATUSES,
    Aid,
    AidStatus,
    BudgetModification,
    Funding,
    ModificationStatus,
    Work,
    WorkStatus,
)
from ruta.works.services.common import FundingLine, funding_check
from ruta.works.services.modifications import modification_fits


def _funding_adds_up(work: Work) -> None:
    """Funds are released only when the sources add up to the investment."""
    lines = [FundingLine(r.source, r.amount, r.fund) for r in work.funding.all()]
    funding_check(total_investment=work.total_investment, funding=lines)


def _progress_complete(work: Work) -> None:
    latest = work.progress.order_by("date", "id").last()
    if latest is None or latest.physical_percent < 100:
        raise ValidationError(
            _("Una obra se termina con un avance físico registrado de 100%."),
            code="progress_incomplete",
        )


def _fits(modification: BudgetModification) -> None:
    """Checked again when approved: the work may have paid more since."""
    modification_fits(modification.work, modification.amount)


def _published_once(work: Work) -> list[str]:
    """An approved work is public from then on, whatever happens to it later."""
    if work.published_at is not None:
        return []
    work.published_at = timezone.now()
    return ["published_at"]


WORK = Cycle(
    key="work",
    slug="obras",
    model=Work,
    what=gettext_lazy("esta obra o sus montos"),
    written=lambda work: [
        Written(Work, [work.pk]),
        Written(Funding, where={"work_id": work.pk}),
    ],
    former_services=frozenset({"work_transition"}),
    back=lambda work: reverse("desk:work", args=[work.public_id]),
    steps=(
        Step(
            key="approve",
            slug="aprobar",
            label=gettext_lazy("Aprobar"),
            sources=frozenset({WorkStatus.PROPOSED}),
            target=WorkStatus.APPROVED,
            action=Action.VALIDATE,
            done=gettext_lazy("Obra aprobada: ya es pública."),
            separate=True,
            then=_published_once,
            publishes="works",
        ),
        Step(
            key="release",
            slug="liberar",
            label=gettext_lazy("Liberar recursos"),
            sources=frozenset({WorkStatus.APPROVED}),
            target=WorkStatus.RELEASED,
            action=Action.VALIDATE,
            done=gettext_lazy("Recursos liberados."),
            checks=(_funding_adds_up,),
            publishes="works",
        ),
        Step(
            key="contract",
            slug="contratar",
            label=gettext_lazy("Registrar contratación"),
            sources=frozenset({WorkStatus.RELEASED}),
            target=WorkStatus.CONTRACTED,
            action=Action.CAPTURE,
            done=gettext_lazy("Contratación registrada."),
            publishes="works",
        ),
        Step(
            key="start",
            slug="iniciar",
            label=gettext_lazy("Iniciar ejecución"),
            sources=frozenset({WorkStatus.CONTRACTED}),
            target=WorkStatus.IN_EXECUTION,
            action=Action.CAPTURE,
            done=gettext_lazy("Ejecución iniciada."),
            publishes="works",
        ),
        Step(
            key="finish",
            slug="terminar",
            label=gettext_lazy("Terminar"),
            sources=frozenset({WorkStatus.IN_EXECUTION}),
            target=WorkStatus.COMPLETED,
            action=Action.CAPTURE,
            done=gettext_lazy("Obra terminada."),
            checks=(_progress_complete,),
            publishes="works",
        ),
        Step(
            key="hand_over",
            slug="entregar",
            label=gettext_lazy("Registrar entrega-recepción"),
            sources=frozenset({WorkStatus.COMPLETED}),
            target=WorkStatus.HANDED_OVER,
            action=Action.VALIDATE,
            done=gettext_lazy("Entrega-recepción registrada."),
            publishes="works",
        ),
        Step(
            key="cancel",
            slug="cancelar",
            label=gettext_lazy("Cancelar"),
            sources=frozenset(set(WorkStatus) - FINAL_STATUSES),
            target=WorkStatus.CANCELLED,
            action=Action.VALIDATE,
            done=gettext_lazy("Obra cancelada."),
            reason="required",
            reason_label=gettext_lazy("Motivo de la cancelación"),
            publishes="works",
        ),
    ),
)


# A budget modification captured on the site: a validator of the work's
# scope who did not capture it approves it (the modified budget changes) or
# rejects it saying why; whoever captured it decides neither.
MODIFICATION = Cycle(
    key="budget_modification",
    slug="modificaciones-presupuestales",
    model=BudgetModification,
    what=gettext_lazy("esta modificación presupuestal"),
    scope=lambda modification: modification.work,
    writer_fields=("captured_by",),
    former_services=frozenset({"budget_modification_decide"}),
    back=lambda modification: reverse("desk:modifications"),
    steps=(
        Step(
            key="approve",
            slug="aprobar",
            label=gettext_lazy("Aprobar"),
            sources=frozenset({ModificationStatus.CAPTURED}),
            target=ModificationStatus.APPROVED,
            action=Action.VALIDATE,
            done=gettext_lazy(
                "Modificación aprobada: el presupuesto modificado cambia."
            ),
            reason="optional",
            reason_label=gettext_lazy("Nota de la aprobación (opcional)"),
            reason_field="decision_note",
            separate=True,
            stamps="decided",
            checks=(_fits,),
            publishes="works",
        ),
        Step(
            key="reject",
            slug="rechazar",
            label=gettext_lazy("Rechazar"),
            sources=frozenset({ModificationStatus.CAPTURED}),
            target=ModificationStatus.REJECTED,
            action=Action.VALIDATE,
            done=gettext_lazy("Modificación rechazada."),
            reason="required",
            reason_label=gettext_lazy("Motivo del rechazo"),
            reason_field="decision_note",
            separate=True,
            stamps="decided",
        ),
    ),
)


def _granted_dated(aid: Aid) -> list[str]:
    """A granted aid without a date of its own is granted the day it is resolved."""
    if aid.granted_on is not None:
        return []
    aid.granted_on = timezone.localdate()
    return ["granted_on"]


def _not_granted(aid: Aid) -> list[str]:
    """A denied request keeps no date of a grant a file may have stated."""
    aid.granted_on = None
    return ["granted_on"]


# A request for a social aid: the aids staff capture it (on the desk or from
# a year's file); a validator of the aids' agency who did not capture it
# grants it (it is then published and counted) or denies it saying why.
AID = Cycle(
    key="aid",
    slug="ayudas",
    model=Aid,
    what=gettext_lazy("esta solicitud de ayuda"),
    writer_fields=("captured_by",),
    back=lambda aid: reverse("desk:aids"),
    steps=(
        Step(
            key="grant",
            slug="otorgar",
            label=gettext_lazy("Otorgar"),
            sources=frozenset({AidStatus.REQUESTED}),
            target=AidStatus.GRANTED,
            action=Action.VALIDATE,
            done=gettext_lazy("Ayuda otorgada: se cuenta y se publica en agregados."),
            reason="optional",
            reason_label=gettext_lazy("Nota de la resolución (opcional)"),
            reason_field="decision_note",
            separate=True,
            stamps="decided",
            then=_granted_dated,
            publishes="works",
        ),
        Step(
            key="deny",
            slug="negar",
            label=gettext_lazy("No procede"),
            sources=frozenset({AidStatus.REQUESTED}),
            target=AidStatus.DENIED,
            action=Action.VALIDATE,
            done=gettext_lazy("Solicitud resuelta como no procedente."),
            reason="required",
            reason_label=gettext_lazy("Motivo por el que no procede"),
            reason_field="decision_note",
            separate=True,
            stamps="decided",
            then=_not_granted,
        ),
    ),
)
