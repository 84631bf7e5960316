"""A POA year opened on the site: copied, written, submitted, approved, captured.

The Mexicali seed's 2023 forms lend the year before: goal 307 of the
Departamento de Participación Social ("Integrar comités comunitarios",
unit Comité, annual target 124, programmed 42, 42, 20 and 20).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.catalog.models import Agency, FiscalYear
from ruta.programs.cycles import PLAN
from ruta.programs.models import PlanStatus, QuarterProgress, ValueStatus
from ruta.programs.selectors import form_sheet, linked_progress, unit_programs
from ruta.programs.services import (
    GoalDraft,
    QuarterEntry,
    goal_links_set,
    goal_save,
    quarter_approve,
    quarter_capture,
    unit_program_open,
)
from testkit.factories.participation import CommitteeFactory


@pytest.fixture
def participacion(imported, unit):
    return unit("54201")


@pytest.fixture
def people(make_user, bisom):
    staff = Agency.objects.get(official_code="54201")
    return {
        "capture": make_user(Role.CAPTURE, agency=staff),
        "validator": make_user(Role.VALIDATOR, agency=bisom),
        "other_validator": make_user(Role.VALIDATOR, agency=bisom),
    }


def _open(participacion, actor):
    return unit_program_open(
        executing_unit=participacion.executing_unit,
        fiscal_year=FiscalYear.objects.get(year=2024),
        copy_previous=True,
        actor=actor,
    )


def test_a_year_copied_from_the_previous_keeps_its_goals_and_programming(
    participacion, people
):
    opened = _open(participacion, people["capture"])
    assert opened.plan_status == PlanStatus.DRAFT
    assert opened.program.code == participacion.program.code
    goal = opened.goals.get(number=307)
    assert (goal.unit_of_measure, goal.annual_target) == ("Comité", 124)
    quarters = goal.quarters.order_by("quarter")
    assert [row.programmed for row in quarters] == [42, 42, 20, 20]
    assert {row.achieved for row in quarters} == {None}
    assert {row.status for row in quarters} == {ValueStatus.PLANNED}
    assert opened.goals.count() == participacion.goals.count()
    assert opened not in unit_programs()  # not public until approved


def test_a_year_in_preparation_is_hidden_from_the_public(participacion, people, client):
    opened = _open(participacion, people["capture"])
    url = reverse("programs:unit", args=[opened.pk])
    assert client.get(url).status_code == 404
    client.force_login(people["capture"])
    assert client.get(url).status_code == 200


def test_programming_that_does_not_make_the_target_is_refused(participacion, people):
    opened = _open(participacion, people["capture"])
    goal = opened.goals.get(number=307)
    draft = GoalDraft(307, goal.description, "Comité", 124, "sum", (42, 42, 20, 10))
    with pytest.raises(ValidationError) as refused:
        goal_save(unit_program=opened, draft=draft, goal=goal, actor=people["capture"])
    (error,) = refused.value.error_dict["programmed"]
    assert error.code == "programming_off_target"
    assert "114" in error.message
    assert "124" in error.message


def test_a_goal_number_is_not_repeated(participacion, people):
    opened = _open(participacion, people["capture"])
    draft = GoalDraft(307, "Otra meta", "Reunión", 4, "sum", (1, 1, 1, 1))
    with pytest.raises(ValidationError) as refused:
        goal_save(unit_program=opened, draft=draft, actor=people["capture"])
    assert refused.value.error_dict["number"][0].code == "number_taken"


def _approved(participacion, people):
    opened = _open(participacion, people["capture"])
    step_take(PLAN, opened, "submit", actor=people["capture"])
    step_take(PLAN, opened, "approve", actor=people["validator"])
    opened.refresh_from_db()
    return opened


def test_whoever_wrote_the_year_cannot_approve_it_an_administrator_neither(
    participacion, people, administrator
):
    opened = _open(participacion, administrator)
    step_take(PLAN, opened, "submit", actor=administrator)
    with pytest.raises(ValidationError) as refused:
        step_take(PLAN, opened, "approve", actor=administrator)
    assert refused.value.code == "same_person"
    approved = step_take(PLAN, opened, "approve", actor=people["validator"])
    assert approved.plan_status == PlanStatus.APPROVED
    assert approved.plan_approved_by == people["validator"]


def test_a_year_returned_needs_a_reason_and_goes_back_to_preparation(
    participacion, people
):
    opened = _open(participacion, people["capture"])
    step_take(PLAN, opened, "submit", actor=people["capture"])
    with pytest.raises(ValidationError):
        step_take(PLAN, opened, "return", reason=" ", actor=people["validator"])
    returned = step_take(
        PLAN, opened, "return", reason="Falta la meta 309", actor=people["validator"]
    )
    assert returned.plan_status == PlanStatus.DRAFT


def test_no_quarter_is_captured_before_the_year_is_approved(participacion, people):
    opened = _open(participacion, people["capture"])
    entries = [QuarterEntry(goal.pk, 1, 1) for goal in opened.goals.all()]
    with pytest.raises(ValidationError) as refused:
        quarter_capture(
            unit_program=opened, quarter=1, entries=entries, actor=people["capture"]
        )
    assert refused.value.code == "plan_not_approved"


def test_an_approved_year_is_captured_by_one_and_approved_by_another(
    participacion, people
):
    opened = _approved(participacion, people)
    assert opened in unit_programs()
    entries = [
        QuarterEntry(goal.pk, row.programmed, row.programmed)
        for goal in opened.goals.prefetch_related("quarters")
        for row in goal.quarters.all()
        if row.quarter == 1
    ]
    capturer = people["other_validator"]
    quarter_capture(unit_program=opened, quarter=1, entries=entries, actor=capturer)
    with pytest.raises(ValidationError) as refused:
        quarter_approve(unit_program=opened, quarter=1, actor=capturer)
    assert refused.value.code == "same_person"
    count = quarter_approve(unit_program=opened, quarter=1, actor=people["validator"])
    assert count == opened.goals.count()
    opened.refresh_from_db()
    assert opened.reported_quarter == 1
    sheet = form_sheet(opened, 1)
    assert sheet.year == 2024


def test_a_goal_of_committees_counts_the_committees_linked_to_it(
    participacion, people, hermosillo, client
):
    opened = _approved(participacion, people)
    goal = opened.goals.get(number=307)
    formed = [date(2024, 2, 1), date(2024, 3, 15), date(2024, 5, 2), date(2023, 12, 1)]
    committees = [
        CommitteeFactory(work__municipality=hermosillo, formed_on=day) for day in formed
    ]
    goal_links_set(
        goal=goal,
        works=[],
        committees=[c.work.public_id for c in committees],
        actor=people["capture"],
    )
    progress = linked_progress(goal, 2024)
    assert progress.measure == "committees"
    assert progress.quarters == (2, 1, 0, 0)  # December 2023 is not of this year
    page = client.get(reverse("programs:unit", args=[opened.pk])).content.decode()
    assert "Calculado con las obras y comités vinculados: 2, 1, 0 y 0" in page


def test_an_unknown_key_is_refused_and_nothing_is_linked(participacion, people):
    opened = _approved(participacion, people)
    goal = opened.goals.get(number=307)
    with pytest.raises(ValidationError) as refused:
        goal_links_set(
            goal=goal, works=["NO-EXISTE-1"], committees=[], actor=people["capture"]
        )
    assert "NO-EXISTE-1" in refused.value.error_dict["works"][0].message
    assert not goal.works.exists()
    assert QuarterProgress.objects.filter(goal=goal).count() == 4
