"""Validators settle what the reader left for review; every decision is audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.catalog.models import Agency
from ruta.programs.models import QuarterProgress, ReviewDecision, ValueStatus
from ruta.programs.selectors import (
    QUARTERS_FIELD,
    recent_decisions,
    review_item,
    review_queue,
)
from ruta.programs.services import CaptureRejected, quarters_decide, value_decide
from ruta.programs.services.review import decision_problems
from ruta.sources.models import PublishedRow
from ruta.sources.records import row_anchor


def waiting_goal(unit_program):
    """Return the first goal whose quarters wait for review."""
    return next(
        goal
        for goal in unit_program.goals.order_by("number")
        if goal.quarters.filter(status=ValueStatus.NEEDS_REVIEW).exists()
    )


@pytest.mark.usefixtures("original_seed")
def test_the_queue_lists_every_value_left_for_review(
    cdhi_catalogued, imported, bisom_validator
):
    items = review_queue(bisom_validator)
    quarters = [item for item in items if item.field == QUARTERS_FIELD]
    goals_waiting = {
        row.goal_id
        for row in QuarterProgress.objects.filter(status=ValueStatus.NEEDS_REVIEW)
    }
    assert {item.goal.pk for item in quarters} == goals_waiting
    for item in items:
        assert item.reason
    assert all(item.options for item in quarters)
    fields = {(item.goal.number if item.goal else None, item.field) for item in items}
    assert (202, "lines_of_action") in fields
    assert (None, "persons.executing_unit") in fields  # the CDHI head's name


def test_a_validator_of_another_agency_sees_nothing(imported, make_user):
    other = Agency.objects.get(code="sonora-cecop")
    assert review_queue(make_user(Role.VALIDATOR, agency=other)) == []


@pytest.mark.usefixtures("original_seed")
def test_choosing_a_reading_settles_the_quarters_and_is_audited(unit, bisom_validator):
    goal = waiting_goal(unit("54102"))
    item = review_item(bisom_validator, goal.unit_program_id, goal.pk, QUARTERS_FIELD)
    option = item.options[0]
    values = [(None, None)] * 4
    for row, pair in zip(item.quarters, option, strict=True):
        values[row.quarter - 1] = pair
    decision = quarters_decide(
        goal=goal,
        values=values,
        reason="Cotejado con el original",
        actor=bisom_validator,
    )
    for row, (programmed, achieved) in zip(item.quarters, option, strict=True):
        row.refresh_from_db()
        assert (row.programmed, row.achieved) == (programmed, achieved)
        assert row.status == ValueStatus.REVIEWED
        assert row.reason == "Cotejado con el original"
        event = MiddlewareEvents.objects.tracks(row).order_by("pgh_created_at").last()
        assert event.user_id == bisom_validator.pk
        assert event.pgh_context["reason"] == "Cotejado con el original"
    assert decision.decided_by == bisom_validator
    assert decision.candidates
    assert not goal.quarters.filter(status=ValueStatus.NEEDS_REVIEW).exists()


def test_entering_another_value_needs_a_reason(unit, bisom_validator):
    goal = unit("54102").goals.get(number=202)
    with pytest.raises(ValidationError, match="motivo"):
        value_decide(
            unit_program=goal.unit_program,
            goal=goal,
            field="lines_of_action",
            value=["4.4.1"],
            reason="  ",
            actor=bisom_validator,
        )
    assert not ReviewDecision.objects.exists()


@pytest.mark.usefixtures("original_seed")
def test_deciding_lines_of_action_relinks_the_goal(unit, bisom_validator):
    goal = unit("54102").goals.get(number=202)
    value_decide(
        unit_program=goal.unit_program,
        goal=goal,
        field="lines_of_action",
        value=["4.2.3", "4.4.1"],
        reason="Así aparece en el POA aprobado",
        actor=bisom_validator,
    )
    goal.refresh_from_db()
    assert sorted(goal.lines_of_action.values_list("code", flat=True)) == [
        "4.2.3",
        "4.4.1",
    ]
    reading = goal.readings["lines_of_action"]
    assert reading["status"] == ValueStatus.REVIEWED
    assert reading["decided_by"] == bisom_validator.pk
    event = MiddlewareEvents.objects.tracks(goal).order_by("pgh_created_at").last()
    assert event.user_id == bisom_validator.pk


def test_a_settled_value_cannot_be_decided_again(unit, bisom_validator):
    goal = unit("54101").goals.get(number=100)
    with pytest.raises(ValidationError):
        value_decide(
            unit_program=goal.unit_program,
            goal=goal,
            field="description",
            value="otra",
            reason="no",
            actor=bisom_validator,
        )


def test_capture_staff_may_not_decide(unit, make_user, bisom):
    staff = make_user(Role.CAPTURE, agency=bisom)
    goal = unit("54102").goals.get(number=202)
    with pytest.raises(PermissionDenied):
        value_decide(
            unit_program=goal.unit_program,
            goal=goal,
            field="lines_of_action",
            value=[],
            reason="x",
            actor=staff,
        )


@pytest.mark.usefixtures("original_seed")
def test_the_queue_page_is_for_validators(client, imported, bisom_validator, make_user):
    client.force_login(
        make_user(Role.CAPTURE, agency=bisom_validator.assignments.get().agency)
    )
    assert client.get(reverse("programs:review")).status_code == 403
    client.force_login(bisom_validator)
    response = client.get(reverse("programs:review"))
    assert response.status_code == 200
    assert "Líneas de acción de la meta" in response.content.decode()


@pytest.mark.usefixtures("original_seed")
def test_a_decision_through_the_page(client, unit, bisom_validator):
    goal = unit("54102").goals.get(number=202)
    client.force_login(bisom_validator)
    args = [goal.unit_program_id, goal.pk, "lines_of_action"]
    url = reverse("programs:decide", args=args)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"choice": "other", "other": "4.4.1", "reason": "Oficio 123"}
    )
    assert response.status_code == 302
    decision = ReviewDecision.objects.get()
    assert (decision.chosen, decision.reason) == (["4.4.1"], "Oficio 123")
    assert decision.decided_by == bisom_validator


def decide_lines_of_202(unit, actor):
    goal = unit("54102").goals.get(number=202)
    return value_decide(
        unit_program=goal.unit_program,
        goal=goal,
        field="lines_of_action",
        value=["4.4.1"],
        reason="Oficio 123",
        actor=actor,
    )


def test_a_validator_with_no_scope_gets_no_queue(client, imported, validator):
    client.force_login(validator)  # the role, but over no agency or municipality
    assert client.get(reverse("programs:review")).status_code == 403


@pytest.mark.usefixtures("original_seed")
def test_the_queue_shows_only_decisions_in_the_validators_units(
    client, unit, bisom_validator, make_user
):
    decide_lines_of_202(unit, bisom_validator)
    other = make_user(Role.VALIDATOR, agency=Agency.objects.get(code="sonora-cecop"))
    assert recent_decisions(other) == []
    client.force_login(other)
    page = client.get(reverse("programs:review")).content.decode()
    assert "Oficio 123" not in page
    assert str(bisom_validator) not in page
    assert [row.decision.reason for row in recent_decisions(bisom_validator)] == [
        "Oficio 123"
    ]


@pytest.mark.usefixtures("original_seed")
def test_validators_read_who_decided_by_number_and_role_not_name(
    client, unit, bisom_validator, make_user
):
    decide_lines_of_202(unit, bisom_validator)
    client.force_login(
        make_user(Role.VALIDATOR, agency=Agency.objects.get(code="mexicali-bisom"))
    )
    page = client.get(reverse("programs:review")).content.decode()
    assert "Oficio 123" in page
    assert f"Usuario {bisom_validator.pk} (Validador)" in page
    assert bisom_validator.full_name not in page
    assert bisom_validator.email not in page


@pytest.mark.usefixtures("original_seed")
def test_administrators_read_who_decided_and_the_read_is_logged(
    client, unit, bisom_validator, administrator
):
    decide_lines_of_202(unit, bisom_validator)
    client.force_login(administrator)
    page = client.get(reverse("programs:unit", args=[unit("54102").pk]))
    assert str(bisom_validator) in page.content.decode()
    read = MiddlewareEvents.objects.tracks(bisom_validator).get(
        pgh_label=PERSONAL_DATA_VIEWED
    )
    assert read.user_id == administrator.pk


@pytest.mark.usefixtures("original_seed")
def test_a_goal_of_another_unit_cannot_be_decided_through_this_one(unit, make_user):
    direccion = unit("54101")
    validator_54101 = make_user(
        Role.VALIDATOR, agency=Agency.objects.get(official_code="54101")
    )
    goal_202 = unit("54102").goals.get(number=202)  # not this validator's unit
    with pytest.raises(ValidationError) as refused:
        value_decide(
            unit_program=direccion,
            goal=goal_202,
            field="lines_of_action",
            value=["4.4.1"],
            reason="x",
            actor=validator_54101,
        )
    assert refused.value.code == "goal_mismatch"
    goal_202.refresh_from_db()
    assert goal_202.readings["lines_of_action"]["status"] == ValueStatus.NEEDS_REVIEW
    assert not ReviewDecision.objects.exists()


def test_permission_is_checked_before_the_value(unit, make_user, bisom):
    staff = make_user(Role.CAPTURE, agency=bisom)
    direccion = unit("54101")
    with pytest.raises(PermissionDenied):  # not "that value does not exist"
        value_decide(
            unit_program=direccion, field="nada", value=1, reason="x", actor=staff
        )


@pytest.mark.usefixtures("original_seed")
def test_typed_quarter_values_go_through_the_capture_checks(unit, bisom_validator):
    goal = waiting_goal(unit("54102"))
    rows = list(goal.quarters.filter(status=ValueStatus.NEEDS_REVIEW))
    values = [(None, None)] * 4
    for row in rows:
        values[row.quarter - 1] = (None, 987)  # achieved, nothing programmed
    with pytest.raises(CaptureRejected) as rejected:
        quarters_decide(goal=goal, values=values, reason="x", actor=bisom_validator)
    assert any(
        "se capturaron 987 logrados sin nada programado" in p.message
        for p in rejected.value.problems
    )
    assert not ReviewDecision.objects.exists()
    assert goal.quarters.filter(status=ValueStatus.NEEDS_REVIEW).count() == len(rows)


def test_a_reading_the_copies_print_is_not_blocked_by_the_capture_checks(
    contradicted, bisom_validator
):
    # Goal 503 printed as 2 of 1 (200 %): its readings end the year off the
    # annual target with no observation, as the document prints it.
    goal = contradicted
    item = review_item(bisom_validator, goal.unit_program_id, goal.pk, QUARTERS_FIELD)
    values = [(None, None)] * 4
    for row, pair in zip(item.quarters, item.options[0], strict=True):
        values[row.quarter - 1] = pair
    quarters = list(goal.quarters.order_by("quarter"))
    assert decision_problems(goal, quarters, item.quarters, values)  # would block
    quarters_decide(goal=goal, values=values, reason="Así", actor=bisom_validator)
    assert not goal.quarters.filter(status=ValueStatus.NEEDS_REVIEW).exists()


def test_a_typed_absolute_must_be_a_whole_number(client, contradicted, bisom_validator):
    goal = contradicted
    client.force_login(bisom_validator)
    url = reverse("programs:decide", args=[goal.unit_program_id, goal.pk, "absolute"])
    response = client.post(url, {"choice": "other", "other": "abc", "reason": "x"})
    assert response.status_code == 200
    assert "El avance absoluto es un número entero." in response.content.decode()
    assert not ReviewDecision.objects.exists()


def test_a_printed_absolute_the_quarters_contradict_stays_visible(
    client, contradicted, bisom_validator
):
    # Goal 503 printed as 2 (200 %): every reading of its quarters adds up to
    # 4, and neither the last nor the largest quarter is 2.
    goal = contradicted
    page_url = reverse("programs:unit", args=[goal.unit_program_id])
    value_decide(
        unit_program=goal.unit_program,
        goal=goal,
        field="absolute",
        value=2,
        reason="El original impreso dice 2",
        actor=bisom_validator,
    )
    item = review_item(bisom_validator, goal.unit_program_id, goal.pk, QUARTERS_FIELD)
    values = [(None, None)] * 4
    for row, pair in zip(item.quarters, item.options[0], strict=True):
        values[row.quarter - 1] = pair
    quarters_decide(goal=goal, values=values, reason="Cotejado", actor=bisom_validator)
    page = client.get(page_url).content.decode()
    assert "Avance acumulado: 4 de 1 (400%)" in page
    assert "El formato publicado imprime un avance absoluto de 2." in page


@pytest.mark.usefixtures("original_seed")
def test_deciding_a_line_of_action_name_names_it_on_the_form(
    client, cdhi_catalogued, unit, bisom_validator
):
    unit_program = unit(cdhi_catalogued)
    field, reading = next(
        (field, reading)
        for field, reading in sorted(unit_program.readings.items())
        if field.startswith("lines_of_action.")
        and field.endswith(".name")
        and reading["status"] == ValueStatus.NEEDS_REVIEW
    )
    code = unit_program.readings[field.replace(".name", ".code")]["value"]
    value_decide(
        unit_program=unit_program,
        goal=None,
        field=field,
        value="NOMBRE DECIDIDO POR EL VALIDADOR",
        reason="Según el Plan Municipal de Desarrollo",
        actor=bisom_validator,
    )
    form = client.get(reverse("programs:form", args=[unit_program.pk, 4]))
    assert f"{code} NOMBRE DECIDIDO POR EL VALIDADOR" in form.content.decode()


@pytest.mark.usefixtures("original_seed")
def test_each_goal_value_in_the_queue_links_to_the_goals_printed_row(
    imported, bisom_validator
):
    items = [item for item in review_queue(bisom_validator) if item.goal]
    assert items
    for item in items:
        row = PublishedRow.objects.get(
            document__sha256=item.source.sha256,
            table_id__startswith="tmm-f004-",
            row_number=item.goal.number,
            line=min(line for _copy, line in item.goal.source_lines),
        )
        assert item.source.row == item.goal.number
        assert item.source.anchor == row_anchor(row.table_id, row.row_number)
    quarters = [item for item in items if item.field == QUARTERS_FIELD]
    assert all(item.source.lines for item in quarters)


@pytest.mark.usefixtures("original_seed")
def test_a_header_value_links_to_its_document_without_a_row(
    cdhi_catalogued, imported, bisom_validator
):
    (header, *_) = [item for item in review_queue(bisom_validator) if not item.goal]
    assert header.source.sha256 == header.unit_program.source_document.sha256
    assert header.source.anchor == ""


@pytest.mark.usefixtures("original_seed")
def test_the_queue_page_links_each_value_to_the_documents_row(
    client, imported, bisom_validator
):
    item = next(item for item in review_queue(bisom_validator) if item.goal)
    client.force_login(bisom_validator)
    page = client.get(reverse("programs:review")).content.decode()
    link = reverse("sources:detail", args=[item.source.sha256])
    assert f'href="{link}{escape(item.source.place)}"' in page
    document = client.get(link + item.source.place).content.decode()
    assert f'id="{item.source.anchor}"' in document
