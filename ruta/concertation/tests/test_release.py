"""'Liberar recursos' on a concerted work waits for its municipality's agreement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pghistory.models import Events

from ruta.accounts.cycles import step_take
from ruta.concertation import services
from ruta.concertation.lineamientos import KEYS, LABELS
from ruta.concertation.models import Agreement
from ruta.concertation.selectors import floor_use
from ruta.works.cycles import WORK
from ruta.works.models import WorkStatus

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> list[str]:
    fields = getattr(error, "error_dict", None)
    items = [i for v in fields.values() for i in v] if fields else error.error_list
    return [item.code for item in items]


def _release(world, work):
    return step_take(WORK, work, "release", actor=world.planner)


def _complete(world, *, signed: bool = True, skip: str = "") -> None:
    if signed:
        services.agreement_sign(
            agreement=world.agreement, signed_on=date(2024, 2, 15), actor=world.planner
        )
    for key in KEYS:
        if key != skip:
            services.lineamiento_check(
                agreement=world.agreement,
                item=key,
                evidence=f"Oficio CECOP/{key}/2024",
                actor=world.planner,
            )


def test_a_concerted_work_without_its_municipalitys_agreement_is_not_released(
    world,
):
    Agreement.objects.filter(pk=world.agreement.pk).delete()
    with pytest.raises(ValidationError) as refused:
        _release(world, world.first)
    assert _codes(refused.value) == ["agreement_missing"]
    assert "Hermosillo" in refused.value.messages[0]


def test_the_refusal_names_the_signature_and_each_unmet_lineamiento(world):
    _complete(world, signed=False, skip="land-title")
    with pytest.raises(ValidationError) as refused:
        _release(world, world.first)
    message = refused.value.messages[0]
    assert _codes(refused.value) == ["lineamientos_unmet"]
    assert "la firma del convenio" in message
    assert str(LABELS["land-title"]) in message
    assert str(LABELS["bank-account"]) not in message
    world.first.refresh_from_db()
    assert world.first.status == WorkStatus.APPROVED


def test_a_complete_agreement_releases_within_the_floor_and_refuses_past_it(world):
    _complete(world)
    released = _release(world, world.first)
    assert released.status == WorkStatus.RELEASED
    assert floor_use(world.agreement).released == Decimal("700000.00")
    # 700,000 + 400,000 pass the floor of 1,000,000: the second waits.
    with pytest.raises(ValidationError) as refused:
        _release(world, world.second)
    assert _codes(refused.value) == ["floor_exceeded"]
    assert "$300,000.00" in refused.value.messages[0]  # what is available
    world.second.refresh_from_db()
    assert world.second.status == WorkStatus.APPROVED


def test_the_floor_never_falls_below_what_is_released(world):
    _complete(world)
    _release(world, world.first)
    with pytest.raises(ValidationError) as refused:
        services.agreement_update(
            agreement=world.agreement,
            floor=Decimal("500000.00"),
            municipal_contribution=Decimal(0),
            community_contribution=Decimal(0),
            actor=world.planner,
        )
    assert _codes(refused.value) == ["floor_below_use"]
    world.agreement.refresh_from_db()
    assert world.agreement.floor == Decimal("1000000.00")


def test_unticking_a_lineamiento_needs_a_reason_kept_in_the_history(world):
    _complete(world)
    with pytest.raises(ValidationError):
        services.lineamiento_uncheck(
            agreement=world.agreement,
            item="bank-account",
            reason=" ",
            actor=world.planner,
        )
    services.lineamiento_uncheck(
        agreement=world.agreement,
        item="bank-account",
        reason="La cuenta se canceló.",
        actor=world.planner,
    )
    event = Events.objects.filter(pgh_label="delete").order_by("pgh_created_at").last()
    assert event.pgh_context["reason"] == "La cuenta se canceló."
    assert event.pgh_context["service"] == "lineamiento_uncheck"
    with pytest.raises(ValidationError, match="cuenta bancaria"):
        _release(world, world.first)


def test_only_the_concerting_agencys_validators_record_agreements(world):
    for person in (world.capture, world.auditor, world.elsewhere):
        with pytest.raises(PermissionDenied):
            services.lineamiento_check(
                agreement=world.agreement,
                item="bank-account",
                evidence="Oficio",
                actor=person,
            )
    with pytest.raises(ValidationError) as refused:
        services.agreement_record(
            agency=world.cecop,
            municipality=world.hermosillo,
            year=2024,
            floor=Decimal(1),
            municipal_contribution=Decimal(0),
            community_contribution=Decimal(0),
            actor=world.planner,
        )
    assert _codes(refused.value) == ["agreement_exists"]


def test_a_signature_date_outside_the_agreements_years_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.agreement_sign(
            agreement=world.agreement, signed_on=date(2022, 1, 1), actor=world.planner
        )
    assert _codes(refused.value) == ["signed_year"]
