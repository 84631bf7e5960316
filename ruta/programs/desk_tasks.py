"""The annual operating program tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.accounts.permissions import Action, can_anywhere
from ruta.programs.cycles import PLAN, SIGNATURES, SIGNERS, signed_by
from ruta.programs.models import QuarterSignatures, SignatureStatus, UnitProgram
from ruta.programs.selectors import (
    may_open_years,
    plans_in_preparation,
    review_queue,
    units_awaiting_approval,
)


def _units(user: Any) -> list:
    return desk_memo(user, "programs-awaiting", units_awaiting_approval)


def _awaiting(user: Any) -> Iterable[DeskLink]:
    for unit in _units(user):
        yield DeskLink(
            label=f"{unit} · {unit.program.fiscal_year_id}",
            url=unit.get_absolute_url(),
        )


def _preparing(user: Any) -> list:
    return desk_memo(user, "programs-preparing", plans_in_preparation)


def _plans_to_approve(user: Any) -> list:
    """The submitted years ``user`` may approve (approval still refuses whoever
    wrote them), by the year's cycle."""
    submitted = UnitProgram.objects.with_structure().filter(PLAN.in_step("approve"))
    return PLAN.awaiting(user, "approve", submitted)


def _submitted(user: Any) -> list:
    return desk_memo(user, "programs-submitted", _plans_to_approve)


def _may_open(user: Any) -> bool:
    """Return the year page's own condition: a unit to open, a year in preparation."""
    return desk_memo(
        user, "programs-may-open", lambda u: may_open_years(u, plans=_preparing(u))
    )


def _plan_links(plans: list) -> Iterable[DeskLink]:
    for plan in plans:
        yield DeskLink(
            label=f"{plan.executing_unit} · {plan.program.fiscal_year_id}",
            url=reverse("programs:plan", args=[plan.pk]),
            note=str(plan.get_plan_status_display()),
        )


def _signatures_awaiting(user: Any) -> list:
    """The quarters whose next signature ``user`` may give (signing still
    refuses whoever captured the quarter or signed it already)."""
    unsigned = QuarterSignatures.objects.exclude(
        status=SignatureStatus.SIGNED
    ).select_related("unit_program__program", "unit_program__executing_unit__agency")
    return [
        signatures
        for key, _status, _prefix in SIGNERS
        for signatures in SIGNATURES.awaiting(user, key, unsigned)
        if not signed_by(signatures, user)
    ]


def _to_sign(user: Any) -> list:
    return desk_memo(user, "programs-to-sign", _signatures_awaiting)


def _signature_links(user: Any) -> Iterable[DeskLink]:
    for signatures in _to_sign(user):
        unit_program = signatures.unit_program
        yield DeskLink(
            label=(
                f"{unit_program.executing_unit} · {unit_program.program.fiscal_year_id}"
                f" · T{signatures.quarter}"
            ),
            url=reverse("programs:form", args=[unit_program.pk, signatures.quarter]),
            note=str(signatures.get_status_display()),
        )


DESK_TASKS = (
    DeskTask(
        key="programs-open",
        area=DeskArea.PROGRAMS,
        order=5,
        title=_("Abrir el POA de un año"),
        summary=_(
            "Las metas de una unidad, su unidad de medida, su meta anual y lo "
            "programado en cada trimestre (o cópielas del año anterior); lo "
            "envía y otra persona lo aprueba."
        ),
        url_name="programs:open",
        may=_may_open,
        records=lambda user: _plan_links(_preparing(user)),
    ),
    DeskTask(
        key="programs-plan-approve",
        area=DeskArea.PROGRAMS,
        order=25,
        title=_("Aprobar programas anuales"),
        summary=_(
            "Años enviados a aprobación: sus metas y su programación. Quien los "
            "escribió o los envió no puede aprobarlos."
        ),
        url_name="programs:open",
        may=lambda user: can_anywhere(user, Action.VALIDATE) and _may_open(user),
        waiting=lambda user: len(_submitted(user)),
        waiting_label=_("Programas por aprobar"),
        records=lambda user: _plan_links(_submitted(user)),
    ),
    DeskTask(
        key="programs-capture",
        area=DeskArea.PROGRAMS,
        order=10,
        title=_("Capturar el avance trimestral del POA"),
        summary=_(
            "El avance de cada meta por trimestre en las unidades responsables "
            "de su ámbito; lo aprueba otra persona."
        ),
        url_name="programs:index",
        may=lambda user: can_anywhere(user, Action.CAPTURE),
    ),
    DeskTask(
        key="programs-review",
        area=DeskArea.PROGRAMS,
        order=20,
        title=_("Revisar valores del POA"),
        summary=_(
            "Cifras que el documento importado no deja claras o que se contradicen: "
            "confírmelas o corríjalas con su fuente a la vista."
        ),
        url_name="programs:review",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
        waiting=lambda user: len(review_queue(user)),
        waiting_label=_("Valores por revisar"),
    ),
    DeskTask(
        key="programs-approve",
        area=DeskArea.PROGRAMS,
        order=30,
        title=_("Aprobar trimestres capturados"),
        summary=_(
            "Unidades con valores del trimestre en espera de aprobación; quien los "
            "capturó no puede aprobarlos."
        ),
        url_name="programs:index",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
        waiting=lambda user: len(_units(user)),
        waiting_label=_("Unidades en espera"),
        records=_awaiting,
    ),
    DeskTask(
        key="programs-sign",
        area=DeskArea.PROGRAMS,
        order=35,
        title=_("Firmar trimestres del POA"),
        summary=_(
            "Los tres responsables que imprime el formato (del programa, de la "
            "unidad ejecutora y del ramo) firman en ese orden el trimestre "
            "aprobado; quien lo capturó no lo firma y nadie firma dos veces."
        ),
        url_name="programs:index",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
        waiting=lambda user: len(_to_sign(user)),
        waiting_label=_("Trimestres por firmar"),
        records=_signature_links,
    ),
)
