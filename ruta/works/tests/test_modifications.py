"""Budget modifications: one person captures an ampliación or reducción with its
reason, another approves it, and the modified budget then differs from the
approved; the rules refuse what would go below zero or below what was paid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.works.cycles import MODIFICATION
from ruta.works.models import BudgetModification, ModificationStatus, WorkStatus
from ruta.works.rules import (
    modification_problem,
    modified_budget,
)
from ruta.works.selectors.budget import budget_phases
from ruta.works.services import (
    budget_modification_capture,
)
from testkit.factories.works import ProgressFactory, WorkFactory, ayuntamiento_of

D = Decimal
DESK = "/es-mx/captura/obras/"


# ------------------------------------------------------------------ rules


def test_the_modified_budget_is_the_approved_plus_its_approved_modifications():
    assert modified_budget(D("1000.00"), [D("250.00"), D("-100.00")]) == D("1150.00")
    assert modified_budget(D("1000.00"), []) == D("1000.00")


@pytest.mark.parametrize(
    ("amount", "paid", "problem"),
    [
        (D("0"), D("0"), "zero"),
        (D("-1500.00"), D("0"), "below_zero"),
        (D("-600.00"), D("500.00"), "below_paid"),
        (D("2000000000000.00"), D("0"), "too_large"),
        (D("-500.00"), D("500.00"), None),
        (D("300.00"), D("0"), None),
    ],
)
def test_a_modification_may_not_take_the_budget_below_zero_or_below_what_was_paid(
    amount, paid, problem
):
    found = modification_problem(
        approved=D("1000.00"), approved_changes=[], amount=amount, paid=paid
    )
    assert found == problem


# --------------------------------------------------------------- services


@pytest.fixture
def world(make_user, hermosillo):
    work = WorkFactory(
        municipality=hermosillo,
        executing_agency=ayuntamiento_of(hermosillo),
        status=WorkStatus.CONTRACTED,
        total_investment=D("1000.00"),
        published=True,
    )
    return {
        "work": work,
        "capture": make_user(Role.CAPTURE, municipality=hermosillo),
        "validator": make_user(Role.VALIDATOR, municipality=hermosillo),
        "other_validator": make_user(Role.VALIDATOR, municipality=hermosillo),
        "elsewhere": make_user(Role.VALIDATOR, agency=None),
    }


def test_a_capture_waits_and_changes_nothing_until_another_person_approves(world):
    work = world["work"]
    modification = budget_modification_capture(
        work=work,
        amount=D("250.00"),
        reason="Convenio modificatorio por obra adicional.",
        actor=world["capture"],
    )
    assert modification.status == ModificationStatus.CAPTURED
    line = budget_phases(work.fiscal_year_id).total
    assert line.modified == line.approved == D("1000.00")
    step_take(MODIFICATION, modification, "approve", actor=world["validator"])
    line = budget_phases(work.fiscal_year_id).total
    assert line.approved == D("1000.00")
    assert line.modified == D("1250.00")
    assert line.modification == D("250.00")


def test_a_validator_may_not_approve_a_modification_they_captured(world):
    modification = budget_modification_capture(
        work=world["work"],
        amount=D("-100.00"),
        reason="Reducción de metas por ajuste presupuestal.",
        actor=world["validator"],
    )
    with pytest.raises(ValidationError) as refused:
        step_take(MODIFICATION, modification, "approve", actor=world["validator"])
    assert refused.value.code == "same_person"
    modification.refresh_from_db()
    assert modification.status == ModificationStatus.CAPTURED
    step_take(MODIFICATION, modification, "approve", actor=world["other_validator"])


def test_the_database_refuses_a_decision_by_the_person_who_captured(world):
    modification = budget_modification_capture(
        work=world["work"],
        amount=D("10.00"),
        reason="Ajuste menor por actualización de precios.",
        actor=world["capture"],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetModification.objects.filter(pk=modification.pk).update(
            decided_by=world["capture"]
        )


def test_capture_needs_a_reason_and_the_scope_and_a_reduction_stops_at_what_was_paid(
    world,
):
    work = world["work"]
    ProgressFactory(work=work, date=date(2024, 5, 1), amount_paid=D("800.00"))
    with pytest.raises(ValidationError):
        budget_modification_capture(
            work=work, amount=D("10.00"), reason="corto", actor=world["capture"]
        )
    with pytest.raises(ValidationError) as below:
        budget_modification_capture(
            work=work,
            amount=D("-300.00"),
            reason="Reducción que deja menos de lo pagado.",
            actor=world["capture"],
        )
    assert below.value.error_dict["amount"][0].code == "modification_below_paid"
    with pytest.raises(PermissionDenied):
        budget_modification_capture(
            work=work,
            amount=D("10.00"),
            reason="Fuera de su ámbito de captura.",
            actor=world["elsewhere"],
        )
    assert not BudgetModification.objects.exists()


def test_a_rejection_says_why_and_a_decision_is_not_taken_twice(world):
    modification = budget_modification_capture(
        work=world["work"],
        amount=D("400.00"),
        reason="Ampliación sin oficio de suficiencia.",
        actor=world["capture"],
    )
    with pytest.raises(ValidationError):
        step_take(MODIFICATION, modification, "reject", actor=world["validator"])
    step_take(
        MODIFICATION,
        modification,
        "reject",
        reason="Falta el oficio de suficiencia presupuestal.",
        actor=world["validator"],
    )
    with pytest.raises(ValidationError):
        step_take(MODIFICATION, modification, "approve", actor=world["other_validator"])
    line = budget_phases(world["work"].fiscal_year_id).total
    assert line.modified == D("1000.00")


def test_a_proposed_work_has_no_budget_to_modify(world, hermosillo):
    proposal = WorkFactory(
        municipality=hermosillo,
        executing_agency=world["work"].executing_agency,
        status=WorkStatus.PROPOSED,
    )
    with pytest.raises(ValidationError):
        budget_modification_capture(
            work=proposal,
            amount=D("10.00"),
            reason="No hay presupuesto aprobado aún.",
            actor=world["capture"],
        )


# ------------------------------------------------------------------ pages


def test_the_work_page_shows_the_approved_modifications_and_the_modified(world):
    work = world["work"]
    modification = budget_modification_capture(
        work=work,
        amount=D("250.00"),
        reason="Convenio modificatorio por obra adicional.",
        actor=world["capture"],
    )
    pending = Client().get(work.get_absolute_url()).content.decode()
    assert "Convenio modificatorio" not in pending
    step_take(MODIFICATION, modification, "approve", actor=world["validator"])
    text = Client().get(work.get_absolute_url()).content.decode()
    assert "Convenio modificatorio por obra adicional." in text
    assert "$1,250.00" in text


def test_validators_decide_from_their_desk_page(world):
    modification = budget_modification_capture(
        work=world["work"],
        amount=D("250.00"),
        reason="Convenio modificatorio por obra adicional.",
        actor=world["validator"],
    )
    own = Client()
    own.force_login(world["validator"])
    assert (
        "Convenio modificatorio"
        not in own.get(f"{DESK}modificaciones/").content.decode()
    )
    other = Client()
    other.force_login(world["other_validator"])
    assert (
        "Convenio modificatorio" in other.get(f"{DESK}modificaciones/").content.decode()
    )
    decide = f"/es-mx/cuentas/decidir/modificaciones-presupuestales/{modification.pk}"
    refused = other.post(f"{decide}/rechazar/", {"reason": ""})
    assert refused.status_code == 200
    assert "Motivo del rechazo" in refused.content.decode()
    other.post(f"{decide}/aprobar/")
    modification.refresh_from_db()
    assert modification.status == ModificationStatus.APPROVED
    assert modification.decided_by == world["other_validator"]
