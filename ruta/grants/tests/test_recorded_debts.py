"""Debts of an earlier call that staff record with their evidence (§3.4 req.
4): requirement 4 reads them beside the debts the platform derives, until
staff record their settlement, also with evidence; the files are private."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.grants import services
from ruta.grants.models import ApplicationStatus, RecordedDebt
from ruta.grants.selectors.organizations import organization_debts
from testkit.grants import (
    PDF,
    apply,
    complete_documents,
    make_call,
    make_organization,
    user_with,
)

TODAY = date(2021, 4, 1)


@pytest.fixture
def world(db):
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    return {
        "call": call,
        "staff": user_with(Role.VALIDATOR, call.agency),
        "applicant": applicant,
        "organization": make_organization(1, applicant),
    }


def _record(world, **given):
    values = {
        "organization": world["organization"],
        "call_year": 2019,
        "call_name": "Peso por Peso 2019",
        "what": "el informe final",
        "amount": Decimal("12500.00"),
        "evidence": ContentFile(PDF, name="oficio-auditoria.pdf"),
        "actor": world["staff"],
    }
    return services.debt_record(**{**values, **given})


def test_a_recorded_debt_refuses_a_later_call_until_it_is_settled(world):
    debt = _record(world)
    organization = world["organization"]
    [owed] = organization_debts(organization, call_year=2021, today=TODAY)
    assert (owed.kind, owed.call_year) == ("recorded", 2019)
    assert owed.what == "el informe final"
    assert organization_debts(organization, call_year=2019, today=TODAY) == []
    application = apply(world["call"], organization, world["applicant"], 1)
    complete_documents(application, world["applicant"], world["staff"])
    services.application_eligibility_decide(
        application=application,
        actor=user_with(Role.VALIDATOR, world["call"].agency),
        today=TODAY,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_ELIGIBLE
    assert "§3.4 4 " in application.status_reason
    assert (
        "adeuda el informe final de la convocatoria Peso por Peso 2019 (2019), "
        "según el registro del personal con su evidencia por $12,500.00"
    ) in application.status_reason

    services.debt_settle(
        debt=debt,
        settled_on=date(2021, 3, 20),
        note="Entregó el informe.",
        evidence=ContentFile(PDF, name="acuse.pdf"),
        actor=world["staff"],
    )
    assert organization_debts(organization, call_year=2021, today=TODAY) == []
    services_named = {
        event.pgh_context["service"]
        for event in MiddlewareEvents.objects.tracks(debt)
        if event.pgh_label != PERSONAL_DATA_VIEWED
    }
    assert services_named == {"debt_record", "debt_settle"}
    with pytest.raises(ValidationError, match="ya se saldó"):
        services.debt_settle(
            debt=debt,
            settled_on=date(2021, 3, 21),
            note="",
            evidence=ContentFile(PDF, name="otra.pdf"),
            actor=world["staff"],
        )


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"call_year": 1999}, "debt_year"),
        ({"what": "  "}, "debt_blank"),
        ({"amount": Decimal("0")}, "debt_amount"),
        ({"evidence": ContentFile(b"<html></html>", name="x.pdf")}, "evidence"),
    ],
)
def test_a_debt_said_wrongly_is_refused_and_nothing_kept(world, given, code):
    with pytest.raises(ValidationError) as refused:
        _record(world, **given)
    said = {
        (field, error.code)
        for field, errors in refused.value.error_dict.items()
        for error in errors
    }
    assert any(code in pair for pair in said)
    assert not RecordedDebt.objects.exists()


def test_only_staff_of_an_administering_body_record_a_debt(world):
    with pytest.raises(PermissionDenied):
        _record(world, actor=world["applicant"])
    assert not RecordedDebt.objects.exists()


def test_staff_record_on_the_page_and_the_evidence_is_private_each_read_logged(
    world,
):
    organization = world["organization"]
    staff = Client()
    staff.force_login(world["staff"])
    page = staff.get(organization.get_absolute_url()).content.decode()
    assert "Registrar un adeudo con su evidencia" in page
    posted = staff.post(
        f"/es-mx/apoyos/organizaciones/{organization.pk}/adeudos/",
        {
            "adeudo-call_year": "2019",
            "adeudo-call_name": "Peso por Peso 2019",
            "adeudo-what": "un reintegro",
            "adeudo-amount": "800",
            "adeudo-evidence": ContentFile(PDF, name="oficio.pdf"),
        },
    )
    assert posted.status_code == 302
    debt = RecordedDebt.objects.get()
    assert debt.recorded_by == world["staff"]
    url = f"/es-mx/apoyos/organizaciones/{organization.pk}/adeudos/{debt.pk}/evidencia/"
    sent = staff.get(url)
    assert sent.status_code == 200
    assert sent["Content-Disposition"].startswith("attachment")
    member = Client()
    member.force_login(world["applicant"])
    assert member.get(url).status_code == 200
    own_page = member.get(organization.get_absolute_url()).content.decode()
    assert "un reintegro" in own_page
    assert "Registrar un adeudo" not in own_page  # staff record, not members
    stranger = Client()
    stranger.force_login(user_with(Role.APPLICANT))
    assert stranger.get(url).status_code == 404
    assert Client().get(url).status_code == 404
    reads = MiddlewareEvents.objects.tracks(organization).filter(
        pgh_label=PERSONAL_DATA_VIEWED
    )
    assert {e.pgh_context["service"] for e in reads} >= {"grant_debt_file"}
    assert (
        staff.get(
            f"/es-mx/apoyos/organizaciones/{organization.pk}/adeudos/{debt.pk}/saldo/"
        ).status_code
        == 404  # not settled: no evidence of a settlement yet
    )
