"""The audit page withholds declared personal fields and unpublished figures."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role, User
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_models,
    personal_data_register,
    public_value,
)
from ruta.programs.models import QuarterProgress, ValueStatus
from ruta.works.models import Contract
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import ContractFactory
from testkit.samples import tracked_samples

AUDIT = "/es-mx/cuentas/auditoria/"
PERSON_RFC = "QUVR800101AB1"  # 13 characters: a natural person's
COMPANY_RFC = "QVR800101AB1"  # 12 characters: a company's


def _table(client, model: str) -> str:
    response = client.get(AUDIT, {"model": model})
    assert response.status_code == 200
    return response.content.decode().split("<tbody>")[1]


@pytest.fixture
def contract(db):
    """Return a contract whose contractor, a person, had their RFC corrected."""
    contract = ContractFactory(contractor_rfc="ABCD800101AB1")
    Contract.objects.filter(pk=contract.pk).update(contractor_rfc=PERSON_RFC)
    return contract


def _reads(record) -> list[MiddlewareEvents]:
    return list(
        MiddlewareEvents.objects.tracks(record).filter(pgh_label=PERSONAL_DATA_VIEWED)
    )


def test_a_persons_rfc_is_withheld_from_a_validator_beyond_the_work(
    client, make_user, contract
):
    client.force_login(make_user(Role.VALIDATOR, agency=AgencyFactory()))
    table = _table(client, "works.Contract")
    assert "<code>contractor_rfc</code>" in table
    assert "dato personal reservado" in table
    assert PERSON_RFC not in table
    assert _reads(contract) == []


def test_a_validator_of_the_work_reads_a_persons_rfc_and_the_read_is_logged(
    client, make_user, contract
):
    reader = make_user(Role.VALIDATOR, agency=contract.work.executing_agency)
    client.force_login(reader)
    assert PERSON_RFC in _table(client, "works.Contract")
    [read] = _reads(contract)
    assert (read.user_id, read.pgh_context["service"]) == (reader.pk, "audit_log")


def test_a_companys_rfc_is_public_to_every_validator(client, make_user, db):
    contract = ContractFactory()
    Contract.objects.filter(pk=contract.pk).update(contractor_rfc=COMPANY_RFC)
    client.force_login(make_user(Role.VALIDATOR, agency=AgencyFactory()))
    assert COMPANY_RFC in _table(client, "works.Contract")
    assert _reads(contract) == []


def test_only_the_declared_fields_of_a_user_are_withheld(client, validator, make_user):
    person = make_user()
    User.objects.filter(pk=person.pk).update(
        full_name="Nombre Reservado", is_active=False
    )
    client.force_login(validator)
    table = _table(client, "accounts.User")
    assert "Nombre Reservado" not in table
    assert "<code>full_name</code>: <em>cambió (dato personal reservado)" in table
    assert "<code>is_active</code>: sí → no" in table


def test_public_value_reads_the_declaration(db):
    assert public_value("works.Contract", "contractor_rfc", PERSON_RFC) is None
    assert public_value("works.Contract", "contractor_rfc", COMPANY_RFC) == COMPANY_RFC
    assert public_value("participation.CommitteeMember", "phone", "662") is None
    assert public_value("works.Contract", "contractor_name", "Ana") == "Ana"


def test_a_declared_field_that_does_not_exist_fails_the_checks():
    registered = personal_data_models()["works.Contract"]
    misspelt = PersonalField("contractor_rcf")
    personal_data_register(
        PersonalDataModel(**{**vars(registered), "fields": (misspelt,)})
    )
    try:
        with pytest.raises(SystemCheckError, match="contractor_rcf"):
            call_command("check")
    finally:
        personal_data_register(registered)


# ---------------------------------------------- unpublished quarter figures


@pytest.fixture
def captured(db) -> QuarterProgress:
    """Return a captured quarter whose figures were corrected before approval."""
    quarter = tracked_samples()["programs.QuarterProgress"]
    QuarterProgress.objects.filter(pk=quarter.pk).update(
        achieved=424242, observation="Borrador sin aprobar"
    )
    return quarter


def _agency_of(quarter: QuarterProgress):
    return quarter.goal.unit_program.executing_unit.agency


def test_captured_figures_are_withheld_from_another_agencys_validator(
    client, make_user, captured
):
    client.force_login(make_user(Role.VALIDATOR, agency=AgencyFactory()))
    table = _table(client, "programs.QuarterProgress")
    assert "<code>achieved</code>: <em>cambió (valor sin publicar)" in table
    assert "424242" not in table
    assert "Borrador sin aprobar" not in table


def test_the_units_validator_reads_captured_figures(client, make_user, captured):
    client.force_login(make_user(Role.VALIDATOR, agency=_agency_of(captured)))
    table = _table(client, "programs.QuarterProgress")
    assert "424242" in table
    assert "Borrador sin aprobar" in table


def test_an_approval_withholds_the_draft_and_later_figures_are_shown(
    client, make_user, captured
):
    rows = QuarterProgress.objects.filter(pk=captured.pk)
    rows.update(
        status=ValueStatus.APPROVED, approved_by=captured.captured_by, achieved=5
    )
    rows.update(achieved=6)
    client.force_login(make_user(Role.VALIDATOR, agency=AgencyFactory()))
    table = _table(client, "programs.QuarterProgress")
    assert "424242" not in table
    assert "Borrador sin aprobar" not in table
    assert "<code>achieved</code>: 5 → 6" in table


def test_an_organisations_contact_email_is_withheld_from_a_validator_elsewhere(
    client, make_user, db
):
    organization = tracked_samples()["grants.Organization"]
    type(organization).objects.filter(pk=organization.pk).update(
        contact_email="coordinacion.nueva@example.org"
    )
    client.force_login(make_user(Role.VALIDATOR, agency=AgencyFactory()))
    table = _table(client, "grants.Organization")
    assert "<code>contact_email</code>" in table
    assert "dato personal reservado" in table
    assert "coordinacion.nueva@example.org" not in table
    assert organization.contact_email not in table
