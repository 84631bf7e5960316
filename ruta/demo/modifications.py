"""The demo's budget modifications: one approved, one waiting for a decision.

Two demonstration staff accounts of the CECOP unit that executes the works
(they cannot sign in) capture and approve as two people would: an ampliación
captured by the capture clerk and approved by the validator, so the work's
modified budget differs from its approved; and a second one the clerk
captured that waits on the validators' desk. Idempotent: a work that
already has modifications gets no more.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from ruta.accounts.actors import DEMO
from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role, User
from ruta.accounts.services import role_assign, user_create
from ruta.catalog.models import Agency
from ruta.works.cycles import MODIFICATION
from ruta.works.models import BudgetModification, Work, WorkStatus
from ruta.works.services import (
    budget_modification_capture,
)

AGENCY = "sonora-cecop-dg-concertacion-apoyo-tecnico"
CAPTURE_EMAIL = "capturista.cecop@demo.rutadeldinero.mx"
VALIDATOR_EMAIL = "validador.cecop@demo.rutadeldinero.mx"


def _staff(email: str, role: Role, agency: Agency) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(email=email, password=None, actor=DEMO)
        role_assign(user=user, role=role, agency_id=agency.pk, actor=DEMO)
    return user


def _work(agency: Agency) -> Work | None:
    """Return the first demo work in execution of ``agency``, by folio."""
    return (
        Work.objects.filter(
            is_demo=True, executing_agency=agency, status=WorkStatus.IN_EXECUTION
        )
        .order_by("public_id")
        .first()
    )


@transaction.atomic
def modifications_demo_load() -> int:
    """Capture the demo's modifications; return how many (zero when loaded)."""
    agency = Agency.objects.filter(code=AGENCY).first()
    work = _work(agency) if agency else None
    if agency is None or work is None:
        return 0
    if BudgetModification.objects.filter(work=work).exists():
        return 0
    clerk = _staff(CAPTURE_EMAIL, Role.CAPTURE, agency)
    validator = _staff(VALIDATOR_EMAIL, Role.VALIDATOR, agency)
    tenth = (work.total_investment / 10).quantize(Decimal("0.01"))
    approved = budget_modification_capture(
        work=work,
        amount=tenth,
        reason=(
            "Convenio modificatorio de demostración: metas adicionales pedidas "
            "por el comité ciudadano."
        ),
        actor=clerk,
    )
    step_take(MODIFICATION, approved, "approve", actor=validator)
    budget_modification_capture(
        work=work,
        amount=(tenth / 2).quantize(Decimal("0.01")),
        reason="Ampliación de demostración por actualización de precios unitarios.",
        actor=clerk,
    )
    return 2
