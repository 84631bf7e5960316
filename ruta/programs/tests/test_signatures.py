"""The three responsibles printed on the form sign an approved quarter, in order."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pghistory.models import MiddlewareEvents

from ruta.accounts.cycles import step_take
from ruta.accounts.desk import desk_entries
from ruta.accounts.models import Role
from ruta.catalog.models import Agency
from ruta.programs.cycles import SIGNATURES
from ruta.programs.models import QuarterSignatures, SignatureStatus
from ruta.programs.services import QuarterEntry, quarter_approve, quarter_capture


@pytest.fixture
def approved(programs_2024, make_user, bisom_validator):
    """Return quarter 1 of 54101, captured by an administrator and approved."""
    direccion = programs_2024["54101"]
    capturer = make_user(Role.ADMINISTRATOR)
    quarter_capture(
        unit_program=direccion,
        quarter=1,
        entries=[QuarterEntry(g.pk, 1, 1, "") for g in direccion.goals.all()],
        actor=capturer,
    )
    quarter_approve(unit_program=direccion, quarter=1, actor=bisom_validator)
    signatures = QuarterSignatures.objects.get(unit_program=direccion, quarter=1)
    return signatures, capturer


@pytest.fixture
def signers(make_user, catalog):
    bisom = Agency.objects.get(code="mexicali-bisom")
    return [make_user(Role.VALIDATOR, agency=bisom) for _ in range(3)]


def _refused(signatures, step, actor):
    with pytest.raises(ValidationError) as refused:
        step_take(SIGNATURES, signatures, step, actor=actor)
    return refused.value.code


def test_an_approved_quarter_waits_for_its_three_signatures_in_the_forms_order(
    approved, signers
):
    signatures, capturer = approved
    assert signatures.status == SignatureStatus.PENDING
    program, unit, ramo = signers
    # the ramo does not sign before the program and the unit
    assert _refused(signatures, "sign_ramo", ramo) == "transition_not_allowed"
    # whoever captured the quarter signs none of it
    assert _refused(signatures, "sign_program", capturer) == "same_person"
    step_take(SIGNATURES, signatures, "sign_program", actor=program)
    # one person signs one step only
    assert _refused(signatures, "sign_unit", program) == "signed_twice"
    step_take(SIGNATURES, signatures, "sign_unit", actor=unit)
    signed = step_take(SIGNATURES, signatures, "sign_ramo", actor=ramo)
    assert signed.status == SignatureStatus.SIGNED
    assert (signed.program_signed_by, signed.unit_signed_by, signed.ramo_signed_by) == (
        program,
        unit,
        ramo,
    )
    services = [
        e.pgh_context["service"]
        for e in MiddlewareEvents.objects.tracks(signed).order_by("pgh_id")
        if e.pgh_label == "update"
    ]
    assert services == [
        "quarter_signatures_sign_program",
        "quarter_signatures_sign_unit",
        "quarter_signatures_sign_ramo",
    ]


def test_the_signers_desk_lists_the_quarter_until_signed(approved, signers):
    signatures, _capturer = approved
    program, unit, _ramo = signers

    def waiting(user):
        return {e.task.key: e.waiting for e in desk_entries(user)}["programs-sign"]

    assert waiting(program) == 1
    step_take(SIGNATURES, signatures, "sign_program", actor=program)
    assert waiting(unit) == 1


def test_the_form_and_its_workbook_say_who_signed_and_when(approved, signers, client):
    signatures, _capturer = approved
    url = reverse("programs:form", args=[signatures.unit_program_id, 1])
    client.force_login(signers[0])
    page = client.get(url).content.decode()
    assert page.count("Sin firma en la plataforma.") == 3
    assert "Firmar como responsable del programa" in page
    client.post(SIGNATURES.url(signatures, SIGNATURES.step("sign_program")))
    client.logout()
    page = client.get(url).content.decode()
    assert page.count("Firmó en la plataforma:") == 1
    assert page.count("Sin firma en la plataforma.") == 2
    assert "Firmar como responsable" not in page  # the public signs nothing
    xlsx = client.get(
        reverse("programs:form_xlsx", args=[signatures.unit_program_id, 1])
    ).content
    cells = [
        str(c.value)
        for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows()
        for c in row
        if c.value
    ]
    assert sum(text.startswith("Firmó en la plataforma:") for text in cells) == 1
