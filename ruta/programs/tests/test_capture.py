"""Capture staff enter the next quarter; checks block it; validators approve."""

import csv
import hashlib
import io
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import Role
from ruta.ingest.loaders.poa import poa_payload_write
from ruta.programs.models import QuarterProgress, ValueStatus
from ruta.programs.selectors import goal_views
from ruta.programs.services import (
    CaptureRejected,
    QuarterEntry,
    quarter_approve,
    quarter_capture,
)
from ruta.programs.tests.payloads import in_period, of_unit
from testkit.actors import TEST_ACTOR

# Goal 101 of 54101 in 2023 (P, A, observation needed when they differ).
GOAL_101 = [(1, 4), (1, 1), (1, 4), (1, 2)]


def entries(unit_program, values):
    """Return entries for ``values``: {goal number: (P, A, observation)}."""
    return [
        QuarterEntry(goal.pk, *values[goal.number])
        for goal in unit_program.goals.order_by("number")
    ]


def capture(unit_program, quarter, values, actor):
    return quarter_capture(
        unit_program=unit_program,
        quarter=quarter,
        entries=entries(unit_program, values),
        actor=actor,
    )


def test_capture_staff_enter_the_open_quarter(programs_2024, capture_54101):
    direccion = programs_2024["54101"]
    rows = capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, capture_54101)
    assert {row.status for row in rows} == {ValueStatus.CAPTURED}
    assert {row.captured_by for row in rows} == {capture_54101}
    event = MiddlewareEvents.objects.tracks(rows[0]).order_by("pgh_id").last()
    assert event.user_id == capture_54101.pk
    assert event.pgh_context["service"] == "quarter_capture"
    assert [view.absolute for view in goal_views(direccion)] == [0, 0]  # unpublished


def test_a_gap_without_observation_is_blocked(programs_2024, capture_54101):
    direccion = programs_2024["54101"]
    with pytest.raises(CaptureRejected) as rejected:
        capture(direccion, 1, {100: (1, 1, ""), 101: (1, 4, "")}, capture_54101)
    assert [p.message for p in rejected.value.problems] == [
        "Meta 101 (Enero-marzo): se alcanzó 4 de 1 programado; explique la "
        "diferencia en las observaciones (política de la plataforma)."
    ]
    assert not QuarterProgress.objects.exists()


def test_achieved_without_programmed_is_blocked(programs_2024, capture_54101):
    direccion = programs_2024["54101"]
    values = {100: (1, 1, ""), 101: (None, 2, "Dos convenios con la UABC")}
    with pytest.raises(CaptureRejected) as rejected:
        capture(direccion, 1, values, capture_54101)
    (problem,) = rejected.value.problems
    assert problem.code == "POA-ACHIEVED-UNPROGRAMMED"
    assert problem.message.startswith(
        "Meta 101 (Enero-marzo): se capturaron 2 logrados sin nada programado."
    )


def test_the_year_end_needs_an_observation_off_target(
    programs_2024, capture_54101, bisom_validator
):
    direccion = programs_2024["54101"]
    for quarter, (p, a) in enumerate(GOAL_101[:3], start=1):
        note = "Convenios adicionales" if p != a else ""
        capture(direccion, quarter, {100: (1, 1, ""), 101: (p, a, note)}, capture_54101)
        quarter_approve(unit_program=direccion, quarter=quarter, actor=bisom_validator)
        direccion.refresh_from_db()
    with pytest.raises(CaptureRejected) as rejected:
        capture(direccion, 4, {100: (1, 1, ""), 101: (1, 2, "")}, capture_54101)
    assert [p.message for p in rejected.value.problems] == [
        "Meta 101: el avance acumulado es 275% de la meta anual; explique la "
        "diferencia en las observaciones (política de la plataforma)."
    ]


def test_goal_103s_gap_without_observation_passes_when_the_policy_is_off(
    programs_2024, capture_54101, settings
):
    # The seed's own form prints goal 103 with 2 achieved of 1 programmed in
    # ABR-JUN and no observation: the platform's policy, not the form's rule.
    settings.RUTA_POA_OBSERVATION_REQUIRED = False
    direccion = programs_2024["54101"]
    rows = capture(direccion, 1, {100: (1, 1, ""), 101: (1, 2, "")}, capture_54101)
    assert [row.achieved for row in rows] == [1, 2]


def test_capture_staff_choose_how_a_goal_accumulates(
    programs_2024, capture_54101, bisom_validator
):
    direccion = programs_2024["54101"]
    goal_100 = direccion.goals.get(number=100)
    for quarter in (1, 2, 3):
        rows = quarter_capture(
            unit_program=direccion,
            quarter=quarter,
            entries=[
                QuarterEntry(goal_100.pk, 4, 4, "", accumulation="last"),
                QuarterEntry(direccion.goals.get(number=101).pk, 1, 1, ""),
            ],
            actor=capture_54101,
        )
        quarter_approve(unit_program=direccion, quarter=quarter, actor=bisom_validator)
    goal_100.refresh_from_db()
    assert goal_100.accumulation == "last"
    assert goal_100.readings["accumulation"]["decided_by"] == capture_54101.pk
    view = next(v for v in goal_views(direccion) if v.goal.pk == goal_100.pk)
    assert view.absolute == 4  # the last quarter, not 4 + 4 + 4
    assert rows[0].achieved == 4


def test_capture_staff_of_54101_cannot_capture_for_54102(
    programs_2024, capture_54101, client
):
    finanzas = programs_2024["54102"]
    with pytest.raises(PermissionDenied):
        capture(finanzas, 1, {200: (1, 1, "")}, capture_54101)
    client.force_login(capture_54101)
    assert (
        client.get(reverse("programs:capture", args=[finanzas.pk])).status_code == 403
    )
    assert not QuarterProgress.objects.exists()


def test_only_the_open_quarter_can_be_captured(programs_2024, capture_54101):
    with pytest.raises(ValidationError, match="no está abierto"):
        capture(
            programs_2024["54101"], 2, {100: (1, 1, ""), 101: (1, 1, "")}, capture_54101
        )


def test_a_validator_approves_and_publishes_the_quarter(
    programs_2024, capture_54101, bisom_validator
):
    direccion = programs_2024["54101"]
    capture(
        direccion, 1, {100: (1, 1, ""), 101: (1, 4, "Dos convenios")}, capture_54101
    )
    assert (
        quarter_approve(unit_program=direccion, quarter=1, actor=bisom_validator) == 2
    )
    direccion.refresh_from_db()
    assert direccion.reported_quarter == 1
    row = QuarterProgress.objects.get(goal__number=101)
    assert (row.status, row.approved_by) == (ValueStatus.APPROVED, bisom_validator)
    assert (
        MiddlewareEvents.objects.tracks(row).order_by("pgh_id").last().user_id
        == bisom_validator.pk
    )
    assert [view.absolute for view in goal_views(direccion)] == [1, 4]


def test_capture_staff_cannot_approve(programs_2024, capture_54101):
    direccion = programs_2024["54101"]
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, capture_54101)
    with pytest.raises(PermissionDenied):
        quarter_approve(unit_program=direccion, quarter=1, actor=capture_54101)


def test_a_capture_can_be_corrected_before_approval(programs_2024, capture_54101):
    direccion = programs_2024["54101"]
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, capture_54101)
    capture(direccion, 1, {100: (1, 0, "Sin sesión"), 101: (1, 1, "")}, capture_54101)
    row = QuarterProgress.objects.get(goal__number=100)
    assert (row.achieved, row.observation) == (0, "Sin sesión")


def test_the_capture_page_shows_the_blocking_message(
    programs_2024, capture_54101, client
):
    direccion = programs_2024["54101"]
    goals = {goal.number: goal.pk for goal in direccion.goals.all()}
    client.force_login(capture_54101)
    url = reverse("programs:capture", args=[direccion.pk])
    assert client.get(url).status_code == 200
    data = {f"p_{goals[100]}": "1", f"a_{goals[100]}": "1", f"o_{goals[100]}": ""}
    data |= {f"p_{goals[101]}": "1", f"a_{goals[101]}": "4", f"o_{goals[101]}": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "Meta 101 (Enero-marzo): se alcanzó 4 de 1 programado"
        in response.content.decode()
    )
    data[f"o_{goals[101]}"] = "Dos convenios con la UABC"
    assert client.post(url, data).status_code == 302
    assert QuarterProgress.objects.filter(status=ValueStatus.CAPTURED).count() == 2


def test_a_validator_approves_from_the_unit_page(
    programs_2024, capture_54101, bisom_validator, client
):
    direccion = programs_2024["54101"]
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, capture_54101)
    client.force_login(bisom_validator)
    page = client.get(reverse("programs:unit", args=[direccion.pk])).content.decode()
    assert "espera aprobación" in page
    url = reverse("programs:approve", args=[direccion.pk, 1])
    client.force_login(capture_54101)
    assert client.post(url).status_code == 403
    client.force_login(bisom_validator)
    assert client.post(url).status_code == 302
    assert QuarterProgress.objects.filter(status=ValueStatus.APPROVED).count() == 2


def test_whoever_captured_a_quarter_cannot_approve_it(
    programs_2024, bisom_validator, make_user, bisom
):
    direccion = programs_2024["54101"]
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, bisom_validator)
    with pytest.raises(ValidationError) as refused:
        quarter_approve(unit_program=direccion, quarter=1, actor=bisom_validator)
    assert refused.value.code == "same_person"
    assert not QuarterProgress.objects.filter(status=ValueStatus.APPROVED).exists()
    other = make_user(Role.VALIDATOR, agency=bisom)
    assert quarter_approve(unit_program=direccion, quarter=1, actor=other) == 2


def test_who_captured_a_quarter_cannot_approve_it_after_another_person_resaves_it(
    programs_2024, bisom_validator, capture_54101, make_user, bisom
):
    direccion = programs_2024["54101"]
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, bisom_validator)
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, capture_54101)
    with pytest.raises(ValidationError) as refused:
        quarter_approve(unit_program=direccion, quarter=1, actor=bisom_validator)
    assert refused.value.code == "same_person"
    other = make_user(Role.VALIDATOR, agency=bisom)
    assert quarter_approve(unit_program=direccion, quarter=1, actor=other) == 2


def test_approval_checks_permission_before_anything_else(programs_2024, capture_54101):
    with pytest.raises(PermissionDenied):  # not "nothing captured"
        quarter_approve(
            unit_program=programs_2024["54101"], quarter=1, actor=capture_54101
        )


def imported_over_capture(seed_payload, direccion, actor=TEST_ACTOR):
    """Import the seed's 54101 form as the 2024 first quarter of ``direccion``."""
    (form,) = of_unit(seed_payload, "54101").forms
    payload = replace(
        seed_payload,
        sha256=hashlib.sha256(b"2024-T1").hexdigest(),
        forms=(in_period(form, year=2024, quarter=1),),
    )
    poa_payload_write(payload=payload, actor=actor)
    direccion.refresh_from_db()
    assert direccion.reported_quarter == 1


def test_a_capture_an_import_reports_stays_hidden_until_approved(
    programs_2024, capture_54101, bisom_validator, seed_payload, client
):
    direccion = programs_2024["54101"]
    note = "Dos convenios con la UABC"
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 4, note)}, capture_54101)
    imported_over_capture(seed_payload, direccion)
    goal_101 = goal_views(direccion)[1]
    first = goal_101.quarters[0]
    assert (first.programmed, first.achieved, first.status) == (None, None, "captured")
    assert goal_101.absolute is None
    assert goal_views(direccion, staff=True)[1].quarters[0].achieved == 4
    page = client.get(reverse("programs:unit", args=[direccion.pk])).content.decode()
    assert note not in page
    url = reverse("programs:data_csv", args=["avances"]) + f"?unidad={direccion.pk}"
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert {row["goal"] for row in rows} == {"102", "103"}  # the document's own
    client.force_login(bisom_validator)
    page = client.get(reverse("programs:unit", args=[direccion.pk])).content.decode()
    assert note in page
    quarter_approve(unit_program=direccion, quarter=1, actor=bisom_validator)
    assert goal_views(direccion)[1].quarters[0].achieved == 4


def test_achieved_with_nothing_programmed_gives_one_message(
    programs_2024, capture_54101
):
    direccion = programs_2024["54101"]
    with pytest.raises(CaptureRejected) as rejected:
        capture(direccion, 1, {100: (1, 1, ""), 101: (None, 1, "")}, capture_54101)
    assert [p.code for p in rejected.value.problems] == ["POA-ACHIEVED-UNPROGRAMMED"]


def test_an_administrator_who_captured_a_quarter_cannot_approve_it(
    programs_2024, administrator, make_user, bisom
):
    direccion = programs_2024["54101"]
    capture(direccion, 1, {100: (1, 1, ""), 101: (1, 1, "")}, administrator)
    with pytest.raises(ValidationError) as refused:
        quarter_approve(unit_program=direccion, quarter=1, actor=administrator)
    assert refused.value.code == "same_person"
    assert "tampoco quien administra el sitio" in refused.value.messages[0]
    other = make_user(Role.VALIDATOR, agency=bisom)
    assert quarter_approve(unit_program=direccion, quarter=1, actor=other) == 2


def test_who_requested_the_import_that_wrote_a_quarter_cannot_approve_it(
    programs_2024, seed_payload, capture_54101, make_user, bisom
):
    # The import of the first quarter also writes what the form planned for
    # the second; capture staff then report the second over it.
    direccion = programs_2024["54101"]
    requester = make_user(Role.VALIDATOR, agency=bisom)
    imported_over_capture(seed_payload, direccion, actor=requester)
    planned = {
        row.goal.number: (row.programmed, row.programmed, "")
        for row in QuarterProgress.objects.filter(
            goal__unit_program=direccion, quarter=2
        ).select_related("goal")
    }
    capture(direccion, 2, planned, capture_54101)
    with pytest.raises(ValidationError) as refused:
        quarter_approve(unit_program=direccion, quarter=2, actor=requester)
    assert refused.value.code == "same_person"
    other = make_user(Role.VALIDATOR, agency=bisom)
    assert quarter_approve(unit_program=direccion, quarter=2, actor=other) == len(
        planned
    )
